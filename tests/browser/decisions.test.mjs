// The decision log, the action items and the monthly follow-up in Chromium (issue 9): the
// development manager records a decision under delegation (refused once, then recorded), finds it
// by a search with å, ä and ö, opens its permanent page, and exports the delegated decisions as
// the printable list for the board and as CSV; records a month's follow-up (refused once); a
// management group member reads every action item by owner and by meeting; the project lead
// closes one of their own action items from the start page's list; a reader reads the log. Every
// page on the way is checked with axe-core (WCAG 2.1 A/AA), the delegation list once more as
// printed.
//
// Run through ./run.sh, which gives it a fresh --demo database: it needs the demo's decisions,
// its action items (some of them `projektledare`'s) and its follow-ups.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, Walk, expectHeading, landing, logIn, logOut, openBrowser, visit } from './lib.mjs';

const pad = (n) => String(n).padStart(2, '0');
const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const today = () => day(new Date());
/** This month as ÅÅÅÅ-MM: the demo's follow-ups end the month before. */
const thisMonth = () => today().slice(0, 7);

const TEXT = 'Utvecklingschefen beslutar att förlänga avtalet om e-tjänstplattformen till årsskiftet.';

test('the decision log, action items and the follow-up: every page passes axe', async (t) => {
  const walk = new Walk('decisions-');
  await walk.start();
  const check = (page, name) => walk.check(page, name);
  const { page, foreign } = await openBrowser(t);
  const button = (name) => page.getByRole('button', { name, exact: true });

  // --- The development manager records a decision under delegation ----------------------------
  await logIn(page, 'utvecklingschef');
  assert.equal(await visit(page, '/decisions'), 200);
  await expectHeading(page, 'Beslutslogg');
  await check(page, 'log');
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Registrera delegationsbeslut' }).click()), 200);
  await expectHeading(page, 'Registrera delegationsbeslut');
  await check(page, 'new');
  // Nothing filled in: refused beside the fields, nothing recorded.
  assert.equal(await landing(page, () => button('Registrera beslutet').click()), 422);
  assert.equal(await page.locator('#text').getAttribute('aria-invalid'), 'true');
  await check(page, 'new-refused');
  await page.locator('#text').fill(TEXT);
  await page.locator('#kind').selectOption('economic');
  await page.locator('#decided_on').fill(today());
  const delegates = await page.locator('#decided_by option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(delegates.length > 0, 'the development managers are offered');
  await page.locator('#decided_by').selectOption(delegates[0]);
  await page.locator('#registry_number').fill('SN 2026/0999');
  assert.equal(await landing(page, () => button('Registrera beslutet').click()), 200);
  await page.getByText(TEXT).first().waitFor();
  assert.match(new URL(page.url()).pathname, /^\/decisions\/\d+$/);
  await check(page, 'show');

  // Found by a search with å, ä and ö, in any case.
  assert.equal(await visit(page, `/decisions?q=${encodeURIComponent('E-TJÄNSTPLATTFORMEN årsskiftet')}`), 200);
  await page.getByRole('link', { name: /^UC \d{4}:\d+$/ }).first().waitFor();
  await page.getByText(TEXT).first().waitFor();
  await check(page, 'search');

  // The delegated decisions of the year, as reported to the board: on screen, printed and as CSV.
  const from = `${new Date().getFullYear()}-01-01`;
  assert.equal(await visit(page, `/decisions/delegated?from=${from}&to=${today()}`), 200);
  await expectHeading(page, 'Anmälan av delegationsbeslut');
  await page.getByText(TEXT).first().waitFor();
  await check(page, 'delegated');
  await page.emulateMedia({ media: 'print' });
  await check(page, 'delegated-print');
  await page.emulateMedia({ media: 'screen' });
  const csvHref = await page.locator('a[href^="/decisions/delegated.csv"]').first().getAttribute('href');
  const csv = await page.request.get(BASE + csvHref);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /text\/csv/);
  assert.ok((await csv.text()).includes('SN 2026/0999'), 'the CSV lists the decision');
  // A range that ends before it begins is refused beside the field.
  assert.equal(await visit(page, `/decisions/delegated?from=${today()}&to=${from}`), from === today() ? 200 : 422);
  await check(page, 'delegated-refused');

  // --- The monthly follow-up ---------------------------------------------------------------
  assert.equal(await visit(page, '/follow-up'), 200);
  await expectHeading(page, 'Månadsuppföljning');
  await check(page, 'follow-up');
  const form = page.locator('form.follow-up-form');
  await form.locator('[name=period]').fill(thisMonth());
  await form.locator('[name=budget]').fill('-5');
  assert.equal(await landing(page, () => form.getByRole('button').click()), 422);
  await check(page, 'follow-up-refused');
  const refused = page.locator('form.follow-up-form');
  await refused.locator('[name=unit]').selectOption({ index: 1 });
  await refused.locator('[name=budget]').fill('43 000 000');
  await refused.locator('[name=forecast_deviation]').fill('-120 000');
  await refused.locator('[name=comment]').fill('Konsultkostnader för e-tjänsterna.');
  assert.equal(await landing(page, () => refused.getByRole('button').click()), 200);
  await page.getByText('Konsultkostnader för e-tjänsterna.').first().waitFor();
  await check(page, 'follow-up-month');
  await logOut(page);

  // --- A management group member follows every action item ------------------------------------
  await logIn(page, 'ledamot');
  assert.equal(await visit(page, '/'), 200);
  await check(page, 'start-member');
  for (const by of ['owner', 'meeting']) {
    assert.equal(await visit(page, `/action-items?by=${by}`), 200);
    await check(page, `action-items-by-${by}`);
  }
  await logOut(page);

  // --- The project lead closes an action item of their own ------------------------------------
  await logIn(page, 'projektledare');
  assert.equal(await visit(page, '/action-items'), 200);
  await expectHeading(page, 'Åtgärder');
  await check(page, 'action-items-own');
  const close = page.locator('main form.row-close').first();
  await close.locator('select[name=state]').selectOption('cancelled');
  // A cancellation needs a reason: refused on the item's own page, the choice kept.
  assert.equal(await landing(page, () => close.getByRole('button').click()), 422);
  await check(page, 'action-item-refused');
  const again = page.locator('main form:has([name=comment])').first();
  await again.locator('[name=comment]').fill('Ersatt av ett nytt uppdrag från ledningsgruppen.');
  assert.equal(await landing(page, () => again.getByRole('button').click()), 200);
  await page.getByText('Åtgärden är avslutad.').first().waitFor();
  await check(page, 'action-item-closed');
  await logOut(page);

  // --- A reader reads the log ---------------------------------------------------------------
  await logIn(page, 'lasare');
  assert.equal(await visit(page, '/decisions'), 200);
  assert.equal(await page.getByRole('link', { name: 'Registrera delegationsbeslut' }).count(), 0);
  await check(page, 'log-reader');
  await logOut(page);

  walk.verdict('decisions', foreign);
});
