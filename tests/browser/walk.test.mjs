// A walk through Styr in Chromium, as a development manager and as an administrator, checking
// every page visited with axe-core (WCAG 2.0/2.1 A and AA) and saving a full-page screenshot.
//
// Run through ./run.sh, which starts the server. Environment:
//   STYR_URL          the running app, e.g. http://127.0.0.1:8080 (a fresh --demo database)
//   STYR_SCREENSHOTS  where the screenshots go (default ../../target/browser-screenshots)
//   CHROMIUM          the browser (default /usr/bin/chromium)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.STYR_URL ?? '').replace(/\/$/, '');
const SHOTS = process.env.STYR_SCREENSHOTS ?? path.resolve(here, '../../target/browser-screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AXE = path.join(here, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// What docs/browser-tests.md says Chromium needs on these machines. Playwright adds --headless,
// --no-sandbox and --user-data-dir (the fresh directory given to launchPersistentContext) itself;
// they are repeated here where Playwright allows it. Chromium keeps only the last
// --disable-features, so this list also repeats what Playwright's own list disables.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Keep everything on loopback: a dead proxy (Chromium never proxies loopback) and no DNS.
  '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
  '--disable-features=' + [
    'AutofillServerCommunication', 'OptimizationHints', 'MediaRouter', 'Translate',
    // Playwright's own:
    'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'PaintHolding',
    'ThirdPartyStoragePartitioning', 'NetworkTimeServiceQuerying', 'AimEnabled',
    'PreconnectToSearch',
  ].join(','),
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
];

/** Everything the walk found wrong with accessibility, page by page. */
const report = [];
let shotNumber = 0;

/** Runs axe on the page as it is now, saves a screenshot, and records the violations. */
async function check(page, name) {
  shotNumber += 1;
  const label = `${String(shotNumber).padStart(2, '0')}-${name}`;
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  // axe leaves nothing visible behind, so the screenshot shows the page as served.
  await page.screenshot({ path: path.join(SHOTS, `${label}.png`), fullPage: true });
  const url = page.url().replace(BASE, '');
  report.push({ label, url, violations });
  if (violations.length === 0) {
    console.log(`  ok   ${label}  ${url}`);
  } else {
    console.log(`  FAIL ${label}  ${url}: ${violations.length} axe violation(s)`);
    for (const v of violations) {
      console.log(`       - ${v.id} [${v.impact}] ${v.help}`);
      for (const n of v.nodes) {
        console.log(`           at ${n.target}`);
        if (n.summary) console.log(`              ${n.summary.replace(/\n/g, '\n              ')}`);
      }
    }
  }
}

/**
 * Does `action` (a click that submits or follows a link) and returns the HTTP status of the page
 * the browser lands on, after any redirects.
 */
async function landing(page, action) {
  const response = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      !(r.status() >= 300 && r.status() < 400),
  );
  await action();
  const status = (await response).status();
  await page.waitForLoadState('load');
  return status;
}

async function visit(page, url) {
  const response = await page.goto(BASE + url);
  return response.status();
}

async function logIn(page, username) {
  assert.equal(await visit(page, '/login'), 200);
  await expectHeading(page, 'Logga in');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill('demo');
  const status = await landing(page, () => page.getByRole('button', { name: 'Logga in' }).click());
  assert.equal(status, 200);
  assert.equal(new URL(page.url()).pathname, '/projects');
}

async function expectHeading(page, name) {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  const text = (await h1.innerText()).trim();
  if (name instanceof RegExp) assert.match(text, name);
  else assert.equal(text, name);
}

test('a walk through Styr: every page works and passes axe (WCAG 2.1 A/AA)', async (t) => {
  assert.ok(BASE, 'STYR_URL must name the running app (run ./run.sh)');
  await mkdir(SHOTS, { recursive: true });
  for (const file of await readdir(SHOTS)) {
    if (/^\d\d-.*\.png$/.test(file)) await rm(path.join(SHOTS, file));
  }

  const profile = await mkdtemp(path.join(tmpdir(), 'styr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // The app's CSP is script-src 'none'; axe has to be injected all the same.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  t.after(async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  });
  context.setDefaultTimeout(10_000);

  // A page must load nothing from outside the app.
  const foreign = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(BASE + '/') && !url.startsWith('data:') && url !== 'about:blank') {
      foreign.push(url);
    }
  });

  const page = context.pages()[0] ?? (await context.newPage());
  const started = Date.now();

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
  const failing = report.filter((r) => r.violations.length > 0);
  const count = failing.reduce((n, r) => n + r.violations.length, 0);
  console.log(
    `\nbrowser walk: ${report.length} pages checked with axe in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `${count} violation(s) on ${failing.length} page(s); screenshots in ${SHOTS}`,
  );
  assert.deepEqual(foreign, [], 'pages requested something outside the app');
  assert.equal(
    count,
    0,
    'axe found accessibility violations:\n' +
      failing
        .map((r) => `${r.label} ${r.url}: ${r.violations.map((v) => `${v.id} (${v.impact})`).join(', ')}`)
        .join('\n'),
  );
});
