// A walk through Styr in Chromium, as a development manager and as an administrator, checking
// every page visited with axe-core (WCAG 2.0/2.1 A and AA) and saving a full-page screenshot.
//
// Run through ./run.sh, which starts the server; lib.mjs names the environment it reads. The
// walk counts the demo projects, so it runs against a fresh --demo database, before
// lifecycle.test.mjs adds its project.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Walk, expectHeading, landing, logIn, openBrowser, visit } from './lib.mjs';

test('a walk through Styr: every page works and passes axe (WCAG 2.1 A/AA)', async (t) => {
  const walk = new Walk();
  await walk.start();
  const check = (page, name) => walk.check(page, name);
  const { page, foreign } = await openBrowser(t);

  // --- As a visitor -------------------------------------------------------------------------
  assert.equal(await visit(page, '/login'), 200);
  await expectHeading(page, 'Logga in');
  await check(page, 'login');

  await page.getByLabel('Användarnamn').fill('utvecklingschef');
  await page.getByLabel('Lösenord').fill('fel lösenord');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Logga in' }).click()), 422);
  await page.getByRole('alert').getByText('Fel användarnamn eller lösenord.').waitFor();
  await check(page, 'login-failed');

  assert.equal(await visit(page, '/accessibility'), 200);
  await expectHeading(page, 'Tillgänglighetsredogörelse');
  await check(page, 'accessibility-visitor');

  // --- As the development manager -------------------------------------------------------------
  await logIn(page, 'utvecklingschef');
  await expectHeading(page, 'Projekt');
  await page.getByRole('status').getByText('10 projekt').waitFor();
  await check(page, 'projects');

  // Search and filter: the phase filter, then free text.
  const search = page.getByRole('search', { name: 'Sök och filtrera projekt' });
  await search.getByLabel('Fas').selectOption({ label: 'Genomförande' });
  assert.equal(await landing(page, () => search.getByRole('button', { name: 'Sök' }).click()), 200);
  assert.match(page.url(), /[?&]phase=execution\b/);
  await page.getByRole('status').getByText('3 projekt').waitFor();
  const rows = page.getByRole('table').getByRole('row');
  assert.equal(await rows.count(), 4, 'a header row and three projects in execution');
  await check(page, 'projects-filtered-phase');

  await page.getByRole('link', { name: 'Rensa' }).click();
  await page.getByLabel('Sök på kod, namn eller beskrivning').fill('färdtjänst');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Sök' }).click()), 200);
  await page.getByRole('status').getByText('1 projekt').waitFor();
  await check(page, 'projects-search');

  // A project's page.
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'DIG-2025-002' }).click()), 200);
  await expectHeading(page, 'DIG-2025-002 E-tjänst för ansökan om färdtjänst');
  await check(page, 'project');

  // The portfolio's escalations, from the main navigation, filtered.
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Eskaleringar' }).click()), 200);
  await expectHeading(page, 'Eskaleringar');
  await check(page, 'escalations');
  assert.equal(await visit(page, '/escalations?state=answered'), 200);
  await check(page, 'escalations-answered');

  // A new project through the form.
  await page.getByRole('link', { name: 'Projekt', exact: true }).first().click();
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Nytt projekt' }).click()), 200);
  await expectHeading(page, 'Nytt projekt');
  await check(page, 'project-new');

  const name = 'Webbläsartestets projekt';
  await page.getByLabel('Projektkod').fill('DIG-2099-901');
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill(name);
  await page.getByLabel('Enhet').selectOption({ label: 'Stab och utveckling (Socialnämnden)' });
  await page.getByLabel('Projektledare').selectOption({ label: 'Johan Ek' });
  await page.getByLabel('Beställare').selectOption({ label: 'Maria Lindqvist' });
  await page.getByLabel('Planerad start').fill('2099-01-15');
  await page.getByLabel('Planerat slut').fill('2099-12-31');
  await page.getByLabel('Budget').fill('750000');
  await page.getByLabel('Beskrivning').fill('Skapat av webbläsartestet.\n\nAndra stycket.');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  assert.match(new URL(page.url()).pathname, /^\/projects\/\d+$/);
  await expectHeading(page, `DIG-2099-901 ${name}`);
  await page.getByRole('status').getByText('Projektet är sparat.').waitFor();
  const projectPath = new URL(page.url()).pathname;
  await check(page, 'project-created');

  // A form with errors: 422 with the error summary and the errors at the fields.
  await visit(page, '/projects/new');
  await page.getByLabel('Projektkod').fill('fel kod');
  await page.getByLabel('Planerad start').fill('2099-06-01');
  await page.getByLabel('Planerat slut').fill('2099-01-01');
  await page.getByLabel('Budget').fill('mycket');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 422);
  const summary = page.getByRole('alert');
  await summary.getByRole('heading', { name: 'Formuläret har fel som behöver rättas' }).waitFor();
  assert.ok((await summary.getByRole('link').count()) >= 3, 'the summary links to each field in error');
  assert.equal(await page.getByRole('textbox', { name: 'Namn', exact: true }).getAttribute('aria-invalid'), 'true');
  await check(page, 'project-new-errors');

  // The edit page, and saving it.
  await visit(page, projectPath);
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Ändra' }).click()), 200);
  await expectHeading(page, 'Ändra DIG-2099-901');
  await check(page, 'project-edit');
  await page.getByLabel('Budget').fill('800000');
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Spara' }).click()), 200);
  await page.getByRole('status').getByText('Projektet är sparat.').waitFor();

  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Logga ut' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, '/login');

  // --- As the administrator ------------------------------------------------------------------
  await logIn(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });

  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Användare' }).click()), 200);
  await expectHeading(page, 'Användare');
  await check(page, 'users');

  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Ny användare' }).click()), 200);
  await expectHeading(page, 'Ny användare');
  await check(page, 'user-new');

  await nav.getByRole('link', { name: 'Användare' }).click();
  assert.equal(await landing(page, () => page.getByRole('link', { name: 'projektledare', exact: true }).click()), 200);
  await expectHeading(page, 'Användaren projektledare');
  await check(page, 'user-edit');

  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Nämnder och enheter' }).click()), 200);
  await expectHeading(page, 'Nämnder och enheter');
  await check(page, 'units');

  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Ny enhet' }).click()), 200);
  await expectHeading(page, 'Ny enhet');
  await check(page, 'unit-new');

  // The settings page holds two forms; a mistake in the login lifetimes comes back with its
  // message beside the field.
  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Inställningar' }).click()), 200);
  await expectHeading(page, 'Inställningar');
  const sessions = page.locator('form[action="/admin/settings/sessions"]');
  await sessions.getByLabel('Utloggning efter inaktivitet (timmar)').fill('0');
  assert.equal(await landing(page, () => sessions.getByRole('button', { name: 'Spara' }).click()), 422);
  await page.getByText('Ange ett helt antal timmar från 1 till 24.').first().waitFor();
  await check(page, 'settings-sessions-invalid');

  assert.equal(await landing(page, () => nav.getByRole('link', { name: 'Mitt konto' }).click()), 200);
  await expectHeading(page, 'Mitt konto');
  await check(page, 'account');

  assert.equal(await landing(page, () => page.getByRole('link', { name: 'Byt lösenord' }).click()), 200);
  await expectHeading(page, 'Byt lösenord');
  await check(page, 'account-password');

  // --- In English --------------------------------------------------------------------------------
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'In English' }).click()), 200);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await expectHeading(page, 'Change password');
  const navEn = page.getByRole('navigation', { name: 'Main menu' });
  assert.equal(await landing(page, () => navEn.getByRole('link', { name: 'Projects' }).click()), 200);
  await expectHeading(page, 'Projects');
  await page.getByRole('status').getByText('11 projects').waitFor();
  await check(page, 'projects-english');

  assert.equal(await visit(page, '/accessibility'), 200);
  await expectHeading(page, 'Accessibility statement');
  await check(page, 'accessibility-english');

  assert.equal(await visit(page, '/no/such/page'), 404);
  await expectHeading(page, 'Page not found');
  await check(page, 'not-found');

  assert.equal(await visit(page, '/projects/999999'), 404);
  await expectHeading(page, 'Page not found');

  // --- Verdict -----------------------------------------------------------------------------------
  walk.verdict('browser walk', foreign);
});
