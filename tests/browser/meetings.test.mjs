// A management group meeting in Chromium: planned, attendance taken, an item minuted with a
// decision and an action item, held, adjusted by the chair and by the adjuster, and printed;
// every page on the way checked with axe-core (WCAG 2.1 A/AA), the refused forms included.
//
// Run through ./run.sh, which starts the server with a fresh demo database.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Walk, expectHeading, landing, logIn, logOut, openBrowser, visit } from './lib.mjs';

const today = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

test('a meeting from planning to printed minutes: every page passes axe', async (t) => {
  const walk = new Walk('meetings-');
  await walk.start();
  const check = (page, name) => walk.check(page, name);
  const { page, foreign } = await openBrowser(t);
  const button = (name) => page.getByRole('button', { name });

  // --- A member of the management group plans the meeting ------------------------------------
  await logIn(page, 'ledamot');
  assert.equal(await visit(page, '/meetings'), 200);
  await expectHeading(page, 'Möten');
  await check(page, 'list');

  const plan = page.getByRole('region', { name: 'Planera ett möte' });
  await plan.getByLabel('Tid').fill('kvart i nio');
  await plan.getByLabel('Plats').fill('Stadshuset, sal 2');
  await plan.getByLabel('Ordförande').selectOption({ label: 'Karin Holm' });
  await plan.getByLabel('Sekreterare').selectOption({ label: 'Karin Holm' });
  await plan.getByLabel('Justerare').selectOption({ label: 'Karin Holm' });
  assert.equal(await landing(page, () => plan.getByRole('button', { name: 'Planera ett möte' }).click()), 422);
  await check(page, 'plan-refused');

  const again = page.getByRole('region', { name: 'Planera ett möte' });
  await again.getByLabel('Tid').fill('09:00');
  await again.getByLabel('Justerare').selectOption({ label: 'Lars Dahl' });
  assert.equal(await landing(page, () => again.getByRole('button', { name: 'Planera ett möte' }).click()), 200);
  await check(page, 'meeting-planned');
  const meetingUrl = new URL(page.url()).pathname;

  // --- Attendance and an item ------------------------------------------------------------------
  await page.getByLabel('Karin Holm').check();
  await page.getByLabel('Lars Dahl').check();
  assert.equal(await landing(page, () => button('Spara närvaron').click()), 200);

  const item = page.getByRole('region', { name: 'Lägg till ärende' });
  await item.getByLabel('Avdelning').selectOption({ label: 'Mål och resultatuppföljning' });
  await item.getByLabel('Rubrik').fill('   ');
  assert.equal(await landing(page, () => item.getByRole('button', { name: 'Lägg till ärende' }).click()), 422);
  await check(page, 'item-refused');
  const item2 = page.getByRole('region', { name: 'Lägg till ärende' });
  await item2.getByLabel('Rubrik').fill('Budgetläget');
  await item2.getByLabel('Anteckningar').fill('Prognosen visar ett underskott på 1,2 miljoner kronor.');
  assert.equal(await landing(page, () => item2.getByRole('button', { name: 'Lägg till ärende' }).click()), 200);
  await check(page, 'item-added');

  // --- A decision and an action item under it -------------------------------------------------
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Lägg till beslut: Budgetläget' }).click()), 200);
  await check(page, 'decision-form');
  await page.getByLabel('Beslutstext').fill('  ');
  assert.equal(await landing(page, () => button('Registrera beslutet').click()), 422);
  await check(page, 'decision-refused');
  await page.getByLabel('Beslutstext').fill('Ledningsgruppen ger utvecklingschefen i uppdrag att ta fram en åtgärdsplan.');
  await page.getByLabel('Typ av beslut').selectOption('economic');
  await page.getByLabel('Beslutat av').selectOption({ label: 'Karin Holm' });
  await page.getByLabel('Diarienummer').fill('SN 2026/114');
  assert.equal(await landing(page, () => button('Registrera beslutet').click()), 200);
  await page.getByText('Beslut:').first().waitFor();

  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Lägg till åtgärd: Budgetläget' }).click()), 200);
  await check(page, 'action-form');
  await page.getByLabel('Åtgärd').fill('Ta fram en åtgärdsplan för underskottet');
  await page.getByLabel('Ansvariga').selectOption(['utvecklingschef']);
  await page.getByLabel('Klart senast').fill('2000-01-01');
  assert.equal(await landing(page, () => button('Lägg till åtgärd').click()), 422);
  await check(page, 'action-refused');
  await page.getByLabel('Klart senast').fill(today());
  assert.equal(await landing(page, () => button('Lägg till åtgärd').click()), 200);
  await check(page, 'meeting-minuted');

  assert.equal(await landing(page, () => button('Mötet är hållet').click()), 200);
  await check(page, 'meeting-held');
  await logOut(page);

  // --- The chair and the adjuster adjust ------------------------------------------------------
  for (const [signer, name] of [['karin.holm', 'meeting-adjusting'], ['lars.dahl', 'meeting-locked']]) {
    await logIn(page, signer);
    assert.equal(await visit(page, meetingUrl), 200);
    assert.equal(await landing(page, () => button('Justera protokollet').click()), 200);
    await check(page, name);
    await logOut(page);
  }

  // --- Anyone reads and prints the locked minutes ---------------------------------------------
  await logIn(page, 'lasare');
  assert.equal(await visit(page, `${meetingUrl}/minutes`), 200);
  await page.getByText('Beslut:').first().waitFor();
  await check(page, 'minutes');
  await page.emulateMedia({ media: 'print' });
  await check(page, 'minutes-print');
  await page.emulateMedia({ media: 'screen' });
  await logOut(page);

  // --- An administrator renames a section -----------------------------------------------------
  await logIn(page, 'admin');
  assert.equal(await visit(page, '/admin/sections'), 200);
  await check(page, 'sections');
  await page.getByLabel('Nyckel').fill('Övrigt!');
  await page.getByLabel('Namn på svenska').fill('Övriga frågor');
  await page.getByLabel('Namn på engelska').fill('Other matters');
  assert.equal(await landing(page, () => button('Spara avdelningen').click()), 422);
  await check(page, 'sections-refused');
  await page.getByLabel('Nyckel').fill('other');
  assert.equal(await landing(page, () => button('Spara avdelningen').click()), 200);
  await page.getByRole('cell', { name: 'Övriga frågor' }).first().waitFor();

  walk.verdict('meetings', foreign);
});
