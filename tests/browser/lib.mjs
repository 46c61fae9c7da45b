// What the browser walks share: launching Chromium on loopback only, checking a page with axe-core
// (WCAG 2.0/2.1 A and AA) and saving a full-page screenshot, following links and forms, logging in.
//
// Environment (set by ./run.sh):
//   STYR_URL          the running app, e.g. http://127.0.0.1:8080 (a fresh --demo database)
//   STYR_SCREENSHOTS  where the screenshots go (default ../../target/browser-screenshots)
//   CHROMIUM          the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BASE = (process.env.STYR_URL ?? '').replace(/\/$/, '');
export const SHOTS = process.env.STYR_SCREENSHOTS ?? path.resolve(here, '../../target/browser-screenshots');
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

/**
 * Starts Chromium with a fresh profile for the test `t` (closed after it) and returns its first
 * page and the list of requests that left the app, which should stay empty.
 */
export async function openBrowser(t) {
  assert.ok(BASE, 'STYR_URL must name the running app (run ./run.sh)');
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
  return { context, page, foreign };
}

/**
 * A walk's record of the pages it checked. Screenshots are named `{prefix}{NN}-{name}.png`; the
 * ones a previous run of the same walk left are removed by `start`.
 */
export class Walk {
  constructor(prefix = '') {
    this.prefix = prefix;
    this.report = [];
    this.shotNumber = 0;
    this.started = Date.now();
  }

  async start() {
    await mkdir(SHOTS, { recursive: true });
    const escaped = this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const ours = new RegExp(`^${escaped}\\d\\d-.*\\.png$`);
    for (const file of await readdir(SHOTS)) {
      if (ours.test(file)) await rm(path.join(SHOTS, file));
    }
    this.started = Date.now();
  }

  /** Runs axe on the page as it is now, saves a screenshot, and records the violations. */
  async check(page, name) {
    this.shotNumber += 1;
    const label = `${this.prefix}${String(this.shotNumber).padStart(2, '0')}-${name}`;
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
    this.report.push({ label, url, violations });
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

  /** Prints the summary and fails on any request outside the app or any axe violation. */
  verdict(name, foreign) {
    const failing = this.report.filter((r) => r.violations.length > 0);
    const count = failing.reduce((n, r) => n + r.violations.length, 0);
    console.log(
      `\n${name}: ${this.report.length} pages checked with axe in ${((Date.now() - this.started) / 1000).toFixed(1)} s; ` +
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
  }
}

/**
 * Does `action` (a click that submits or follows a link) and returns the HTTP status of the page
 * the browser lands on, after any redirects.
 */
export async function landing(page, action) {
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

export async function visit(page, url) {
  const response = await page.goto(BASE + url);
  return response.status();
}

/** Logs in as `username` (password `demo`) and lands on the project list, in Swedish. */
export async function logIn(page, username) {
  assert.equal(await visit(page, '/login'), 200);
  await expectHeading(page, /^(Logga in|Log in)$/);
  const english = (await page.locator('html').getAttribute('lang')) === 'en';
  await page.getByLabel(english ? 'Username' : 'Användarnamn').fill(username);
  await page.getByLabel(english ? 'Password' : 'Lösenord').fill('demo');
  const status = await landing(page, () =>
    page.getByRole('button', { name: english ? 'Log in' : 'Logga in' }).click(),
  );
  assert.equal(status, 200);
  assert.equal(new URL(page.url()).pathname, '/projects');
  // A user may have chosen English in an earlier walk; these walks read the Swedish texts.
  if ((await page.locator('html').getAttribute('lang')) !== 'sv') {
    assert.equal(await landing(page, () => page.getByRole('button', { name: 'På svenska' }).click()), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  }
}

export async function logOut(page) {
  assert.equal(await landing(page, () => page.getByRole('button', { name: 'Logga ut' }).click()), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
}

export async function expectHeading(page, name) {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  const text = (await h1.innerText()).trim();
  if (name instanceof RegExp) assert.match(text, name);
  else assert.equal(text, name);
}
