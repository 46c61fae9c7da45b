// One project's life through Styr's pages, from idea to maintenance, as each person the governance
// model gives a part: the development manager registers it and approves its directive, the
// commissioner drafts the directive and chairs the steering group, the project lead writes the plan
// and the closing report, and a management group member takes it into maintenance. Every page
// visited is checked with axe-core (WCAG 2.0/2.1 A and AA) and saved as a full-page screenshot
// (lifecycle-NN-*.png); the walk fails on any violation.
//
// Run through ./run.sh, after walk.test.mjs; lib.mjs names the environment it reads. It needs
// the demo users (password `demo`) and the demo project DIG-2025-002, and adds project
// DIG-2099-902, so it runs once against a fresh --demo database.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Walk, expectHeading, landing, logIn, logOut, openBrowser, visit } from './lib.mjs';

const CODE = 'DIG-2099-902';
const NAME = 'Digital signering av beslut i äldreomsorgen';
const GOALS = [
  'Minst 80 procent av besluten signeras digitalt inom ett år',
  'Tiden från beslut till utskick halveras',
];

/** A date `days` from today as ÅÅÅÅ-MM-DD, in local time as the server (on this machine) counts. */
function isoDate(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The notice a page shows after a step that succeeded. */
async function expectNotice(page, text) {
  await page.getByRole('status').getByText(text, { exact: true }).waitFor();
}

/** The phase the project page's phase track marks as current. */
async function currentPhase(page) {
  const track = page.getByRole('navigation', { name: 'Projektets faser' });
  return (await track.locator('[aria-current="step"]').innerText()).trim();
}

/** Records a phase decision with the form on the project page, which must be open. */
async function decidePhase(page, phase, text) {
  const form = page.locator('form[action$="/phase"]');
  await form.getByLabel('Ny fas').selectOption({ label: phase });
  // The decision date is filled in with today.
  assert.match(await form.getByLabel('Beslutsdatum').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
  await form.getByLabel('Beslutstext').fill(text);
  const status = await landing(page, () => form.getByRole('button', { name: 'För in beslutet' }).click());
  assert.equal(status, 200);
  assert.match(page.url(), /\?saved=phase$/);
  await expectNotice(page, 'Fasbeslutet är infört.');
  assert.equal(await currentPhase(page), phase);
}

test('a project from idea to maintenance: every page works and passes axe (WCAG 2.1 A/AA)', async (t) => {
  const walk = new Walk('lifecycle-');
  await walk.start();
  const check = (page, name) => walk.check(page, name);
  const { page, foreign } = await openBrowser(t);
  const text = (label) => page.getByRole('textbox', { name: label, exact: true });

  // --- 1. The development manager registers the idea ----------------------------------------
  await logIn(page, 'utvecklingschef');
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Nytt projekt' }).click()), 200);
  await expectHeading(page, 'Nytt projekt');
  await check(page, 'project-new');

  await page.getByLabel('Projektkod').fill(CODE);
  await text('Namn').fill(NAME);
  await page.getByLabel('Enhet').selectOption({ label: 'Äldreenheten (Äldrenämnden)' });
  await page.getByLabel('Projektledare').selectOption({ label: 'Johan Ek' });
  await page.getByLabel('Beställare').selectOption({ label: 'Karin Holm' });
  await page.getByLabel('Planerad start').fill('2099-02-01');
  await page.getByLabel('Planerat slut').fill('2099-11-30');
  await page.getByLabel('Budget').fill('600000');
  await page.getByLabel('Beskrivning').fill('Handläggarna signerar beslut digitalt i stället för på papper.');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  assert.match(new URL(page.url()).pathname, /^\/projects\/\d+$/);
  const projectPath = new URL(page.url()).pathname;
  await expectHeading(page, `${CODE} ${NAME}`);
  await expectNotice(page, 'Projektet är sparat.');
  assert.equal(await currentPhase(page), 'Idé');
  await check(page, 'project-idea');
  await logOut(page);

  // --- 2. The commissioner drafts the project directive and submits it -----------------------
  await logIn(page, 'karin.holm');
  assert.equal(await visit(page, `${projectPath}/directive`), 200);
  await expectHeading(page, `Direktiv för ${CODE}`);
  await page.getByText('Projektet har inget direktiv ännu.').waitFor();
  await check(page, 'directive-index-empty');

  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Nytt projektdirektiv' }).click()), 200);
  await expectHeading(page, `Nytt direktiv för ${CODE}`);
  assert.ok(await page.getByRole('radio', { name: 'Projektdirektiv' }).isChecked());
  await check(page, 'directive-new');

  await text('Bakgrund').fill('Beslut i äldreomsorgen skrivs ut, signeras för hand och skannas in.');
  await text('Syfte').fill('Kortare väg från beslut till den enskilde, och mindre papper.');
  await text('Mål 1').fill(GOALS[0]);
  await text('Mål 2').fill(GOALS[1]);
  await text('Omfattning').fill('Biståndsbeslut inom Äldreenheten.');
  await text('Leveranser').fill('E-signering i verksamhetssystemet, rutiner och utbildning.');
  await text('Tidsramens start').fill('2099-02-01');
  await text('Tidsramens slut').fill('2099-11-30');
  await text('Budgetram').fill('600000');
  await page.getByRole('checkbox', { name: 'Personuppgifter behandlas', exact: true }).check();
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  assert.match(page.url(), /\/directive\/\d+\?done=created$/);
  const directivePath = new URL(page.url()).pathname;
  await expectHeading(page, 'Projektdirektiv, version 1');
  await expectNotice(page, 'Direktivet är skapat som utkast.');
  await check(page, 'directive-draft');

  assert.equal(
    await landing(page, () => page.getByRole('button', { name: 'Skicka in för beslut' }).click()),
    200,
  );
  assert.match(page.url(), /\?done=submitted$/);
  await expectNotice(page, 'Versionen är inskickad för beslut.');
  await page.getByText('Inskickad för beslut', { exact: true }).first().waitFor();
  await check(page, 'directive-submitted');

  // The version's own page, as anyone reads it.
  assert.equal(await visit(page, directivePath), 200);
  await expectHeading(page, 'Projektdirektiv, version 1');
  await page.getByRole('listitem').filter({ hasText: GOALS[1] }).waitFor();
  await check(page, 'directive-version');
  await logOut(page);

  // --- 3. The development manager approves it, sets up the steering group, decides Planering ---
  await logIn(page, 'utvecklingschef');
  assert.equal(await visit(page, directivePath), 200);
  await page.getByText('Du för in beslutet för Utvecklingschefen.').waitFor();
  await check(page, 'directive-to-decide');
  const approve = page.getByRole('region', { name: 'Godkänn', exact: true });
  assert.equal(await approve.getByLabel('Beslutsdatum').inputValue(), isoDate(0));
  await approve.getByLabel('Kommentar till beslutet').fill('Godkänt enligt styrmodellen.');
  assert.equal(await landing(page, () => approve.getByRole('button', { name: 'Godkänn versionen' }).click()), 200);
  assert.match(page.url(), /\?done=approved$/);
  await expectNotice(page, 'Versionen är godkänd och beslutet infört.');
  await check(page, 'directive-approved');

  assert.equal(await visit(page, `${projectPath}/steering-group`), 200);
  await expectHeading(page, `Styrgrupp för ${CODE}`);
  await check(page, 'steering-group-empty');
  for (const [person, role] of [['Karin Holm', 'Ordförande'], ['Lars Dahl', 'Ledamot']]) {
    await page.getByLabel('Person').selectOption({ label: person });
    await page.getByLabel('Roll i styrgruppen').selectOption({ label: role });
    assert.equal(await landing(page, () => page.getByRole('button', { name: 'Lägg till ledamot' }).click()), 200);
    await expectNotice(page, 'Ändringarna är sparade.');
    await page.getByRole('row').filter({ hasText: person }).filter({ hasText: role }).waitFor();
  }
  await check(page, 'steering-group');

  assert.equal(await visit(page, projectPath), 200);
  await page.getByText('Planering: beslutas av Utvecklingschefen.').waitFor();
  await check(page, 'project-approved-directive');

  // A phase decision without its text is refused with 422, the errors at the top and at the field.
  const phaseForm = page.locator('form[action$="/phase"]');
  await phaseForm.getByLabel('Ny fas').selectOption({ label: 'Planering' });
  assert.equal(await landing(page, () => phaseForm.getByRole('button', { name: 'För in beslutet' }).click()), 422);
  await page.getByRole('alert').getByRole('link', { name: 'Fyll i fältet.' }).waitFor();
  assert.equal(await page.getByLabel('Beslutstext').getAttribute('aria-invalid'), 'true');
  assert.equal(await currentPhase(page), 'Idé');
  await check(page, 'phase-decision-missing-text');

  await decidePhase(page, 'Planering', 'Projektet går till planering. Direktivet är godkänt.');
  await check(page, 'project-planning');
  await logOut(page);

  // --- 4. The project lead writes the plan and submits it --------------------------------------
  await logIn(page, 'projektledare');
  assert.equal(await visit(page, `${projectPath}/plan`), 200);
  await expectHeading(page, `Projektplan för ${CODE}`);
  await check(page, 'plan-none');

  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Skapa projektplan' }).click()), 200);
  assert.match(page.url(), /\/plan\/\d+\/edit$/);
  const planPath = new URL(page.url()).pathname.replace(/\/edit$/, '');
  await expectHeading(page, `Ändra projektplan version 1 för ${CODE}`);
  await check(page, 'plan-edit');

  await text(GOALS[0]).fill('E-signering införs för alla biståndsbeslut; andelen följs upp varje månad.');
  await text(GOALS[1]).fill('Utskicket sker automatiskt när beslutet är signerat.');
  await text('Milstolpe 1: Namn').fill('E-signering i drift');
  await text('Milstolpe 1: Planerat datum').fill('2099-06-01');
  await text('Budgetrad 1: År').fill('2099');
  await page.getByLabel('Budgetrad 1: Kategori', { exact: true }).selectOption({ label: 'Licenser' });
  await text('Budgetrad 1: Belopp (kr)').fill('250000');
  await text('Risk 1: Beskrivning').fill('Leverantören hinner inte anpassa systemet');
  await page.getByLabel('Risk 1: Sannolikhet (1–5)', { exact: true }).selectOption('3');
  await page.getByLabel('Risk 1: Konsekvens (1–5)', { exact: true }).selectOption('4');
  await text('Risk 1: Åtgärd').fill('Avstämning med leverantören varannan vecka');
  await text('Risk 1: Ägare').fill('Johan Ek');
  await text('Nytta 1: Indikator').fill('Andel digitalt signerade beslut');
  await text('Nytta 1: Nuläge').fill('0 %');
  await text('Nytta 1: Målvärde').fill('80 %');
  await text('Nytta 1: Mäts (datum)').fill('2099-12-01');
  await text('Nytta 1: Ägare').fill('Karin Holm');
  await text('Kommunikation').fill('Månadsbrev till handläggarna och arbetsplatsträffar.');
  await text('Mottagande förvaltningsägare').fill('Karin Holm');
  await text('Förvaltningsobjekt').fill('Verksamhetssystem äldreomsorg');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  assert.match(page.url(), /\?done=saved$/);
  await expectHeading(page, `Projektplan version 1 för ${CODE}`);
  await expectNotice(page, 'Projektplanen är sparad.');
  await page.getByRole('table', { name: 'Riskmatris' }).waitFor();
  await check(page, 'plan-saved');

  assert.equal(
    await landing(page, () => page.getByRole('button', { name: 'Skicka in till styrgruppen' }).click()),
    200,
  );
  assert.match(page.url(), /\?done=submitted$/);
  await expectNotice(page, 'Projektplanen är inskickad till styrgruppen.');
  await check(page, 'plan-submitted');
  await logOut(page);

  // --- 5. The steering group's chair approves the plan and decides Genomförande ---------------
  await logIn(page, 'karin.holm');
  assert.equal(await visit(page, `${projectPath}/plan`), 200);
  await expectHeading(page, `Projektplan för ${CODE}`);
  const decide = page.getByRole('region', { name: 'Styrgruppens beslut', exact: true });
  assert.equal(await decide.getByLabel('Beslutsdatum').inputValue(), isoDate(0));
  await check(page, 'plan-to-decide');
  await decide.getByLabel('Beslutstext').fill('Styrgruppen godkänner planen.');
  assert.equal(await landing(page, () => decide.getByRole('button', { name: 'Godkänn planen' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, planPath);
  await expectNotice(page, 'Projektplanen är godkänd och beslutet är infört i beslutsloggen.');
  await check(page, 'plan-approved');

  assert.equal(await visit(page, projectPath), 200);
  await page.getByText('Genomförande: beslutas av Styrgruppen.').waitFor();
  await decidePhase(page, 'Genomförande', 'Styrgruppen beslutar att projektet går till genomförande.');
  await check(page, 'project-execution');
  await logOut(page);

  // --- 6. The project lead writes the closing report -------------------------------------------
  await logIn(page, 'projektledare');
  assert.equal(await visit(page, `${projectPath}/closing-report`), 200);
  await expectHeading(page, `Slutrapport för ${CODE}`);
  await check(page, 'closing-report-new');
  const followUp = isoDate(365);
  await text('Utfall mot mål').fill('Mål 1: 85 procent signeras digitalt. Mål 2: utskicket tar en dag i stället för fem.');
  await text('Slutlig kostnad').fill('540000');
  await text('Lärdomar').fill('Utbilda tidigt; leverantören behövde tätare avstämningar.');
  await text('Överlämning').fill('Till förvaltningsobjektet Verksamhetssystem äldreomsorg, med rutiner och utbildningsmaterial.');
  await page.getByLabel('Mottagande förvaltningsägare').selectOption({ label: 'Karin Holm' });
  await text('Uppföljning av nyttan').fill(followUp);
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  assert.match(page.url(), /\/closing-report\?saved=1$/);
  await expectNotice(page, 'Ändringarna är sparade.');
  await page.getByRole('definition').filter({ hasText: followUp }).waitFor();
  await check(page, 'closing-report-saved');
  await logOut(page);

  // --- 7. While the project runs: a revision of the directive, an edit refused, and the ----
  // comparison of the versions
  await logIn(page, 'karin.holm');
  assert.equal(await visit(page, directivePath), 200);
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Gör en ny version' }).click()), 200);
  assert.match(page.url(), /\/directive\/\d+\?done=revised$/);
  const revisedPath = new URL(page.url()).pathname;
  await expectHeading(page, 'Projektdirektiv, version 2');
  await expectNotice(page, 'En ny version är skapad som utkast.');
  await check(page, 'directive-revised');

  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Ändra', exact: true }).click()), 200);
  await expectHeading(page, 'Ändra Projektdirektiv, version 2');
  await check(page, 'directive-edit');
  await text('Tidsramens slut').fill('2099-01-15');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 422);
  await page
    .getByRole('alert')
    .getByRole('link', { name: 'Tidsramens slut: Slutdatumet kan inte ligga före startdatumet.' })
    .waitFor();
  assert.equal(await text('Tidsramens slut').getAttribute('aria-invalid'), 'true');
  await check(page, 'directive-edit-end-before-start');

  await text('Tidsramens slut').fill('2099-12-31');
  await text('Budgetram').fill('700000');
  await text('Mål 3').fill('Inga beslut skickas på papper');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  await expectNotice(page, 'Ändringarna är sparade.');
  // The version page offers version 1 against version 2.
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Jämför' }).click()), 200);
  assert.match(page.url(), /\/directive\/compare\?from=\d+&to=\d+$/);
  await expectHeading(page, `Jämför direktivversioner för ${CODE}`);
  await page.getByRole('status').getByText('3 fält skiljer sig.').waitFor();
  await check(page, 'directive-compare');
  await logOut(page);

  // --- 8. The steering group decides Avslut; the management group decides Förvaltning ---------
  await logIn(page, 'karin.holm');
  assert.equal(await visit(page, projectPath), 200);
  await decidePhase(page, 'Avslut', 'Leveransen är godkänd och slutrapporten skriven.');
  await check(page, 'project-closing');
  await logOut(page);

  await logIn(page, 'ledamot');
  assert.equal(await visit(page, projectPath), 200);
  await page.getByText('Förvaltning: beslutas av Ledningsgruppen.').waitFor();
  await decidePhase(page, 'Förvaltning', 'Ledningsgruppen stänger projektet; det går över i förvaltning.');
  await page.getByText('Projektet byter inte fas längre.').waitFor();
  // The phases the project went through are marked done, and the pre-study it skipped as
  // skipped, for a screen reader too.
  const track = page.getByRole('navigation', { name: 'Projektets faser' });
  assert.equal(await track.getByText('(avklarad)').count(), 4);
  assert.equal(await track.getByText('(hoppades över)').count(), 1);
  const decisions = page.getByRole('table', { name: 'Beslut', exact: true });
  const rows = decisions.getByRole('row');
  assert.equal(await rows.count(), 7, 'a header row and six decisions');
  for (const [kind, body] of [
    ['Direktiv godkänt', 'Utvecklingschefen'],
    ['Idé → Planering', 'Utvecklingschefen'],
    ['Projektplan godkänd', 'Styrgruppen'],
    ['Planering → Genomförande', 'Styrgruppen'],
    ['Genomförande → Avslut', 'Styrgruppen'],
    ['Avslut → Förvaltning', 'Ledningsgruppen'],
  ]) {
    assert.equal(
      await rows.filter({ hasText: kind }).filter({ hasText: body }).count(),
      1,
      `the decisions table lists "${kind}" by ${body}`,
    );
  }
  await check(page, 'project-maintenance');
  await logOut(page);

  // --- 9. A project in maintenance is a closed record: the draft of version 2 is kept, but it is
  // no longer edited or submitted
  await logIn(page, 'karin.holm');
  assert.equal(await visit(page, revisedPath), 200);
  await expectHeading(page, 'Projektdirektiv, version 2');
  assert.equal(await page.getByRole('link', { name: 'Ändra', exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Skicka in för beslut' }).count(), 0);
  await check(page, 'directive-closed-record');
  await logOut(page);

  // --- The development manager: a demo plan with its risk matrix, and the audit trail ----------
  await logIn(page, 'utvecklingschef');
  await page.getByLabel('Sök på kod, namn eller beskrivning').fill('DIG-2025-002');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Sök' }).click()), 200);
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'DIG-2025-002' }).click()), 200);
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Projektplan', exact: true }).click()), 200);
  await expectHeading(page, 'Projektplan för DIG-2025-002');
  const matrix = page.getByRole('table', { name: 'Riskmatris' });
  await matrix.waitFor();
  assert.ok((await matrix.locator('td.has-risks').count()) > 0, 'the matrix places the risks');
  await check(page, 'demo-plan-risk-matrix');

  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Logg', exact: true }).click()), 200);
  assert.equal(new URL(page.url()).pathname, '/audit');
  await expectHeading(page, 'Logg över ändringar');
  await check(page, 'audit');

  const projectId = projectPath.split('/').pop();
  assert.equal(await visit(page, `/audit?project=${projectId}`), 200);
  await expectHeading(page, `Logg över ändringar i ${CODE}`);
  assert.ok((await page.getByRole('row').count()) > 10, 'every step of the walk is logged');
  await check(page, 'audit-project');
  await logOut(page);

  // --- The administrator's settings ---------------------------------------------------------------
  await logIn(page, 'admin');
  assert.equal(
    await landing(page, () =>
      page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Inställningar' }).click(),
    ),
    200,
  );
  await expectHeading(page, 'Inställningar');
  assert.equal(await text('Beloppsgräns för ledningsgruppen').inputValue(), '1000000');
  await check(page, 'admin-settings');

  // --- Verdict -----------------------------------------------------------------------------------
  walk.verdict('lifecycle walk', foreign);
});
