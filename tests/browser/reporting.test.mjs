// The monthly reporting in Chromium (issue 8): the project lead writes this month's status report
// for DIG-2025-002 and submits it, the development manager reviews it and reads the portfolio, the
// heatmap, budget against forecast and the escalations, issues the roll-up to the management group
// and prints it; a reader reads the portfolio and the report but is offered no form. Every page
// visited is checked with axe-core (WCAG 2.0/2.1 A and AA), the roll-up once more as printed, and
// saved as a full-page screenshot (reporting-NN-*.png); the printed roll-up is also saved as
// rollup.pdf. The walk fails on any violation.
//
// Run through ./run.sh, which gives it a fresh --demo database; lib.mjs names the environment it
// reads. It needs the demo users (password `demo`) and the demo's reports of DIG-2025-002 (an
// approved plan with a budget of 850 000 kr and a cost tolerance of 10 percent, every period
// before this one reported, its resources amber since the summer), and it submits this month's
// report and issues a roll-up, so it runs once against a database.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SHOTS, Walk, expectHeading, landing, logIn, logOut, openBrowser, visit } from './lib.mjs';

const CODE = 'DIG-2025-002';
const ASPECTS = ['Helhet', 'Tid', 'Kostnad', 'Omfattning och kvalitet', 'Resurser', 'Risk'];
const COMMENT_NEEDED = 'Skriv en kommentar: varje ljus som inte är grönt behöver en.';
const ESCALATION = 'Styrgruppen behöver besluta om 150 000 kr till för leverantörens integration.';
// Beyond the plan's 850 000 kr and its 10 percent tolerance: an exception report.
const FORECAST = '1000000';

const pad = (n) => String(n).padStart(2, '0');
/** Today as ÅÅÅÅ-MM-DD, in local time as the server (on this machine) counts. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
/** The period `back` months before this one, as ÅÅÅÅ-MM. */
function period(back) {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - back);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** The notice a page shows after a step that succeeded. */
async function expectNotice(page, text) {
  await page.getByRole('status').getByText(text, { exact: true }).waitFor();
}

/** The error shown beside a field, the field marked invalid and pointing to it. */
async function expectFieldError(field, text) {
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const id = await field.getAttribute('id');
  const described = (await field.getAttribute('aria-describedby')) ?? '';
  assert.ok(described.split(' ').includes(`${id}-error`), `${id} is described by its error`);
  const error = field.page().locator(`[id="${id}-error"]`);
  assert.equal((await error.innerText()).trim(), text);
}

test('monthly reporting: report, review, portfolio, heatmap, roll-up in print; axe finds nothing', async (t) => {
  const walk = new Walk('reporting-');
  await walk.start();
  const check = (page, name) => walk.check(page, name);
  const { page, foreign } = await openBrowser(t);
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  const startPage = () => landing(page, () => page.getByRole('link', { name: 'Styr', exact: true }).click());
  const thisPeriod = period(0);
  const reportTitle = `Statusrapport ${thisPeriod} för ${CODE}, version 1`;

  // --- 1. The project lead writes this month's report ------------------------------------------
  await logIn(page, 'projektledare');
  assert.equal(await startPage(), 200);
  assert.equal(new URL(page.url()).pathname, '/');
  await expectHeading(page, 'Start');
  // Every period before this one is reported in the demo, so nothing is due yet; no draft either.
  await page.getByRole('heading', { name: 'Rapporter att lämna', level: 2 }).waitFor();
  await page.getByText('Du har inga utkast.', { exact: true }).waitFor();
  await check(page, 'start-lead');

  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Projekt', exact: true }).click()), 200);
  assert.equal(await landing(page, () => page.getByRole('link', { name: CODE, exact: true }).click()), 200);
  assert.equal(
    await landing(page, () =>
      page.getByRole('heading', { name: 'Statusrapporter', level: 2 }).getByRole('link').click(),
    ),
    200,
  );
  assert.match(new URL(page.url()).pathname, /^\/projects\/\d+\/reports$/);
  const projectPath = new URL(page.url()).pathname.replace(/\/reports$/, '');
  await expectHeading(page, `Statusrapporter för ${CODE}`);
  const periodField = page.getByRole('textbox', { name: 'Period' });
  // The form offers the newest period without a report: this one.
  assert.equal(await periodField.inputValue(), thisPeriod);
  await page.getByRole('row').filter({ hasText: thisPeriod }).getByText('Ej inlämnad än').waitFor();
  await check(page, 'reports-index');

  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Börja rapporten' }).click()), 200);
  assert.match(new URL(page.url()).pathname, new RegExp(`^${projectPath}/reports/\\d+$`));
  const reportPath = new URL(page.url()).pathname;
  await expectHeading(page, reportTitle);
  await check(page, 'draft-new');

  // The draft is now on the lead's start page, and its link leads back to it.
  assert.equal(await startPage(), 200);
  const drafts = page.getByRole('table', { name: 'Dina utkast' });
  assert.equal(
    await landing(page, () =>
      drafts.getByRole('row').filter({ hasText: CODE }).getByRole('link', { name: thisPeriod }).click(),
    ),
    200,
  );
  assert.equal(new URL(page.url()).pathname, reportPath);
  await expectHeading(page, reportTitle);

  // The form, filled by its labels. The draft starts from last month's report (the demo's amber
  // resources and their comment); every light is set here all the same.
  const radio = (aspect, word) =>
    page.getByRole('group', { name: aspect, exact: true }).getByRole('radio', { name: word });
  const light = (aspect, word) => radio(aspect, word).check();
  const comment = (aspect) => page.getByRole('textbox', { name: `Kommentar: ${aspect}`, exact: true });
  const text = (label) => page.getByRole('textbox', { name: label, exact: true });
  assert.ok(await radio('Resurser', 'Gult').isChecked(), "last month's resources light is carried over");
  assert.match(await comment('Resurser').inputValue(), /^Långa köer i färdtjänsthandläggningen/);
  const lights = {
    Helhet: ['Rött', 'Prognosen går över budgetens tolerans; beslut behövs i styrgruppen.'],
    Tid: ['Gult', 'Integrationen för förlängning kan bli två veckor sen.'],
    Kostnad: ['Rött', 'Leverantörens integration blir dyrare än planerat.'],
    'Omfattning och kvalitet': ['Grönt', ''],
    Resurser: ['Gult', 'Två handläggare är tillbaka i ordinarie arbete.'],
    Risk: ['Grönt', ''],
  };
  for (const aspect of ASPECTS) {
    const [word, words] = lights[aspect];
    await light(aspect, word);
    await comment(aspect).fill(words);
  }
  // One mistake first: the amber time light without its comment.
  await comment('Tid').fill('');
  await text('Gjort under perioden').fill('Förlängning av färdtjänst är testad med tio medborgare.');
  await text('Nästa steg').fill('Driftsättning av förlängningen och information till medborgarna.');
  await text('De största riskerna').fill('Leverantörens integration blir dyrare och senare.');
  await text('Kostnad hittills (kr)').fill('610000');
  await text('Prognos vid projektets slut (kr)').fill(FORECAST);
  // Each milestone of the plan: reached on its planned day when that is past, else expected then.
  const milestones = page.locator('fieldset.milestone-update');
  const milestoneCount = await milestones.count();
  assert.ok(milestoneCount > 0, 'the approved plan has milestones to update');
  for (let i = 0; i < milestoneCount; i += 1) {
    const milestone = milestones.nth(i);
    const legend = await milestone.locator('legend').innerText();
    const planned = legend.match(/planerad (\d{4}-\d{2}-\d{2})$/)?.[1];
    assert.ok(planned, `a milestone's legend names its planned day: ${legend}`);
    const reached = planned <= today();
    await milestone.getByLabel('Nådd den').fill(reached ? planned : '');
    await milestone.getByLabel('Väntas den').fill(reached ? '' : planned);
  }

  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara utkastet' }).click()), 422);
  await page.getByRole('alert').getByRole('link', { name: COMMENT_NEEDED }).waitFor();
  await expectFieldError(comment('Tid'), COMMENT_NEEDED);
  // What was typed is kept.
  assert.ok(await radio('Tid', 'Gult').isChecked());
  assert.equal(await text('Prognos vid projektets slut (kr)').inputValue(), FORECAST);
  assert.equal(await comment('Kostnad').inputValue(), lights.Kostnad[1]);
  await check(page, 'draft-comment-missing');

  await comment('Tid').fill(lights.Tid[1]);
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara utkastet' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, reportPath);
  assert.match(page.url(), /\?done=saved$/);
  await expectNotice(page, 'Utkastet är sparat.');
  assert.equal(await comment('Tid').inputValue(), lights.Tid[1]);
  assert.equal(await text('Prognos vid projektets slut (kr)').inputValue(), FORECAST);
  // The forecast is beyond the plan's tolerance: an exception report, to be escalated.
  await page.locator('#exception_note').getByText('avvikelserapport').waitFor();
  await check(page, 'draft-saved-exception');

  // Submitted without the escalation the exception needs, it is refused beside the field.
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Lämna in rapporten' }).click()), 422);
  const escalateTo = page.getByRole('combobox', { name: 'Eskaleras till' });
  await expectFieldError(
    escalateTo,
    'Prognosen går utöver planens tolerans: rapporten är en avvikelserapport och måste eskaleras till styrgruppen.',
  );
  await check(page, 'draft-exception-not-escalated');

  await text('Vad behöver beslutas?').fill(ESCALATION);
  await page.getByRole('combobox', { name: 'Slag av fråga' }).selectOption({ label: 'Ekonomisk' });
  await escalateTo.selectOption({ label: 'Styrgruppen' });
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Lämna in rapporten' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, reportPath);
  assert.match(page.url(), /\?done=submitted$/);
  await expectNotice(page, 'Rapporten är inlämnad.');
  await expectHeading(page, reportTitle);
  // Read-only now: the lights as chosen (each the first badge of its cell; Styr's computed light
  // may follow), the exception, the escalation open.
  const lightTable = page.getByRole('table', { name: 'Ljus' });
  for (const aspect of ASPECTS) {
    const row = lightTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: aspect, exact: true }) });
    const chosen = (await row.locator('td').first().locator('.badge').first().innerText()).trim();
    assert.match(chosen, new RegExp(`${lights[aspect][0]}$`), `the ${aspect} light as chosen`);
  }
  await page.getByText('Ja, prognosen går utöver planens tolerans', { exact: true }).waitFor();
  const escalation = page.locator('li.escalation').filter({ hasText: ESCALATION });
  await escalation.getByText('Öppen, inte besvarad').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Spara utkastet' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Lämna in rapporten' }).count(), 0);
  await check(page, 'report-submitted');
  await logOut(page);

  // --- 2. The development manager reviews it and reads the portfolio ---------------------------
  await logIn(page, 'utvecklingschef');
  assert.equal(await startPage(), 200);
  await expectHeading(page, 'Start');
  const awaitingRow = () =>
    page.getByRole('table', { name: 'Rapporter att kvittera' }).getByRole('row').filter({ hasText: CODE });
  const awaiting = awaitingRow();
  await page
    .getByRole('table', { name: 'Öppna eskaleringar' })
    .getByRole('link', { name: ESCALATION })
    .waitFor();
  await check(page, 'start-development-manager');
  assert.equal(await landing(page, () => awaiting.getByRole('link', { name: thisPeriod }).click()), 200);
  assert.equal(new URL(page.url()).pathname, reportPath);
  await expectHeading(page, reportTitle);
  await check(page, 'report-to-review');

  const reviewComment = 'Läst. Ta upp tilläggsbudgeten på styrgruppens nästa möte.';
  await page.getByRole('textbox', { name: 'Kommentar (frivillig)' }).fill(reviewComment);
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Kvittera rapporten' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, reportPath);
  assert.match(page.url(), /\?done=reviewed$/);
  await expectNotice(page, 'Rapporten är kvitterad.');
  assert.match(
    (await page.locator('#review_line').innerText()).trim(),
    new RegExp(`^Kvitterad av .+ den ${today()}\\.$`),
  );
  await page.getByText(reviewComment, { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Kvittera rapporten' }).count(), 0);
  await check(page, 'report-reviewed');

  // The review took the report off the start page's list.
  assert.equal(await startPage(), 200);
  await expectHeading(page, 'Start');
  await page.getByRole('heading', { name: 'Rapporter att kvittera', level: 2 }).waitFor();
  assert.equal(await awaitingRow().getByRole('link', { name: thisPeriod }).count(), 0);

  // The portfolio: the project's overall light is now this month's red.
  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Portfölj' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, '/portfolio');
  await expectHeading(page, 'Portfölj');
  const portfolioRows = page.locator('table.portfolio-table tbody tr');
  const all = await portfolioRows.count();
  assert.ok(all > 1, 'the portfolio lists the active projects');
  await page.getByRole('status').getByText(`${all} aktiva projekt`, { exact: true }).waitFor();
  const ours = page.locator(`tr[data-project="${CODE}"] td[data-aspect="overall"]`);
  assert.match(await ours.innerText(), new RegExp(`Rött\\s+${thisPeriod}`));
  await check(page, 'portfolio');

  // Filtered to the red projects, sorted by code descending.
  const filter = page.getByRole('search', { name: 'Filtrera portföljen' });
  await filter.getByLabel('Helhet').selectOption({ label: 'Rött' });
  assert.equal(await landing(page, () => filter.getByRole('button', { name: 'Sök' }).click()), 200);
  assert.match(page.url(), /[?&]light=red\b/);
  const red = await portfolioRows.count();
  assert.ok(red >= 1 && red < all, `the red projects are fewer than all (${red} of ${all})`);
  await page
    .getByRole('status')
    .getByText(red === 1 ? '1 aktivt projekt' : `${red} aktiva projekt`, { exact: true })
    .waitFor();
  for (const cell of await page.locator('table.portfolio-table td[data-aspect="overall"]').all()) {
    assert.match(await cell.innerText(), /Rött/);
  }
  await page.locator(`tr[data-project="${CODE}"]`).waitFor();
  const codeHeader = page.getByRole('columnheader', { name: 'Projektkod' });
  assert.equal(await landing(page, () => codeHeader.getByRole('link').click()), 200);
  assert.match(page.url(), /[?&]sort=-code\b/);
  assert.match(page.url(), /[?&]light=red\b/, 'the order keeps the filter');
  assert.equal(await codeHeader.getAttribute('aria-sort'), 'descending');
  const codes = await portfolioRows.evaluateAll((rows) => rows.map((r) => r.dataset.project));
  assert.equal(codes.length, red);
  assert.deepEqual(codes, [...codes].sort().reverse());
  await check(page, 'portfolio-red-by-code-descending');

  // The heatmap; a cell of the project's row leads to its report.
  const subnav = page.getByRole('navigation', { name: 'Portföljens sidor' });
  assert.equal(await landing(page, () => subnav.getByRole('link', { name: 'Värmekarta' }).click()), 200);
  await expectHeading(page, 'Värmekarta');
  await check(page, 'heatmap');
  const heatRow = page.getByRole('table', { name: 'Helhetsljus per projekt och period' }).getByRole('row').filter({
    has: page.getByRole('rowheader', { name: CODE, exact: true }),
  });
  const cell = heatRow.locator('td.heat-cell a').last();
  const cellHref = await cell.getAttribute('href');
  assert.match(cellHref, new RegExp(`^${projectPath}/reports/\\d+$`));
  assert.equal(await landing(page, () => cell.click()), 200);
  assert.equal(new URL(page.url()).pathname, cellHref);
  await expectHeading(page, new RegExp(`^Statusrapport \\d{4}-\\d{2} för ${CODE}, version \\d+$`));
  await check(page, 'heatmap-report');

  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Portfölj' }).click()), 200);
  assert.equal(await landing(page, () => subnav.getByRole('link', { name: 'Budget och prognos' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, '/portfolio/budget');
  await expectHeading(page, 'Budget och prognos');
  await check(page, 'budget');

  // The escalations: the one raised in the report is open.
  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Eskaleringar' }).click()), 200);
  await expectHeading(page, 'Eskaleringar');
  await page.getByRole('row').filter({ hasText: ESCALATION }).filter({ hasText: CODE }).waitFor();
  await check(page, 'escalations');

  // The roll-ups: last month's is issued with the form (or, should it be issued already, the
  // newest month before it that is not).
  assert.equal(
    await landing(page, () => nav.getByRole('link', { name: 'Lägesrapporter till ledningsgruppen' }).click()),
    200,
  );
  assert.equal(new URL(page.url()).pathname, '/rollups');
  await expectHeading(page, 'Lägesrapporter till ledningsgruppen');
  await check(page, 'rollups');
  const rollupLink = (p) => page.getByRole('link', { name: `Lägesrapport till ledningsgruppen ${p}`, exact: true });
  const issuedLinks = page.getByRole('link', { name: /^Lägesrapport till ledningsgruppen \d{4}-\d{2}$/ });
  const issuedBefore = await issuedLinks.count();
  let back = 1;
  while ((await rollupLink(period(back)).count()) > 0) back += 1;
  const rollupPeriod = period(back);
  const periodBox = page.getByRole('textbox', { name: 'Period' });
  await periodBox.fill(rollupPeriod);
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Utfärda lägesrapport' }).click()), 200);
  assert.match(new URL(page.url()).pathname, /^\/rollups\/\d+$/);
  const rollupPath = new URL(page.url()).pathname;
  await expectHeading(page, `Lägesrapport till ledningsgruppen ${rollupPeriod}`);
  assert.match(
    (await page.locator('.rollup-meta').innerText()).trim(),
    new RegExp(`^Utfärdad av .+ ${today()}\\. Innehållet är låst sedan dess\\.$`),
  );
  // DIG-2025-002's resources have been amber since the summer: it is among the flagged projects.
  await page.locator('section.rollup-project h3').filter({ hasText: CODE }).getByText('Gult').waitFor();
  await check(page, 'rollup');

  // The list now links it, and the same period cannot be issued twice: refused beside the field.
  assert.equal(await visit(page, '/rollups'), 200);
  assert.equal(await rollupLink(rollupPeriod).getAttribute('href'), rollupPath);
  await periodBox.fill(rollupPeriod);
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Utfärda lägesrapport' }).click()), 422);
  await expectFieldError(periodBox, 'Lägesrapporten för perioden är redan utfärdad.');
  assert.equal(await periodBox.inputValue(), rollupPeriod);
  assert.equal(await issuedLinks.count(), issuedBefore + 1, 'the refused roll-up is not issued');
  await check(page, 'rollups-already-issued');
  assert.equal(await landing(page, () => rollupLink(rollupPeriod).click()), 200);
  assert.equal(new URL(page.url()).pathname, rollupPath);

  // Printed: without navigation, forms and buttons; still passes axe; a PDF of it.
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await page.locator('nav.main-nav').isVisible(), false, 'no navigation in print');
    assert.equal(await page.locator('header.site-header').isVisible(), false, 'no header in print');
    const forms = page.locator('form');
    assert.ok((await forms.count()) >= 2, 'the screen has the language and log-out forms');
    for (const form of await forms.all()) {
      assert.equal(await form.isVisible(), false, 'no form in print');
    }
    assert.equal(await page.getByRole('button').count(), 0, 'no button in print');
    assert.equal(await page.locator('.print-hint').isVisible(), false);
    assert.ok(await page.getByRole('heading', { level: 1 }).isVisible(), 'the roll-up itself prints');
    assert.ok(await page.getByRole('table', { name: 'Antal projekt per helhetsljus' }).isVisible());
    await check(page, 'rollup-print');
    const pdf = path.join(SHOTS, 'rollup.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    const size = (await stat(pdf)).size;
    assert.ok(size > 10_000, `the PDF has the roll-up in it (${size} bytes)`);
    assert.equal((await readFile(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  assert.ok(await page.locator('nav.main-nav').isVisible(), 'the navigation is back on screen');
  await logOut(page);

  // --- 3. A reader reads the portfolio and the report, and is offered no form ------------------
  await logIn(page, 'lasare');
  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Portfölj' }).click()), 200);
  await expectHeading(page, 'Portfölj');
  await page.locator(`tr[data-project="${CODE}"]`).waitFor();
  await check(page, 'reader-portfolio');

  assert.equal(await visit(page, reportPath), 200);
  await expectHeading(page, reportTitle);
  await page.getByRole('table', { name: 'Ljus' }).waitFor();
  await page.locator('#review_line').getByText(/^Kvitterad av /).waitFor();
  for (const button of ['Spara utkastet', 'Lämna in rapporten', 'Kvittera rapporten', 'Börja en revidering']) {
    assert.equal(await page.getByRole('button', { name: button }).count(), 0, `no "${button}" for a reader`);
  }
  assert.equal(await page.locator('main form').count(), 0, 'no form on the report for a reader');
  assert.equal(await page.getByRole('textbox').count(), 0);
  await check(page, 'reader-report');

  assert.equal(await visit(page, `${projectPath}/reports`), 200);
  await expectHeading(page, `Statusrapporter för ${CODE}`);
  assert.equal(await page.getByRole('button', { name: 'Börja rapporten' }).count(), 0);
  assert.equal(await page.locator('main form').count(), 0, 'no form to start a report for a reader');
  await check(page, 'reader-reports-index');
  await logOut(page);

  // --- Verdict -----------------------------------------------------------------------------------
  walk.verdict('reporting walk', foreign);
});
