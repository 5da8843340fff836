/**
 * First-paint bench: the built console served by a warm browser-mode host (`taskdeck serve`), loaded
 * in Debian's Chromium through Playwright with an empty cache each time. Measures the JavaScript the
 * sign-in screen loads, first paint / first contentful paint and "form ready" of the sign-in, the time
 * from pressing Sign in to the dashboard's numbers, and a fresh load of the dashboard with a session.
 * Medians of N runs (N = 3 with --quick). Ends with `RESULT {json}`. A measurement, not a timed test:
 * the goal (sign-in JS under half of the whole bundle) is reported, never enforced.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTaskdeck, type TaskdeckServer } from '../e2e/fixtures/taskdeck-server';
import { formatTable, median, round } from './bench-util';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 15;
const root = path.resolve(import.meta.dirname, '..');
const assets = path.join(root, 'dist/renderer/assets');
/** Where the sign-in form and the dashboard are on screen, by structure (not by words, which are translated). */
const SIGN_IN_READY = 'input[type=password]';
const DASHBOARD_READY = 'main .ant-statistic';
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface LoadFigures {
  readonly js_bytes: number;
  readonly js_files: number;
  readonly first_paint_ms: number | null;
  readonly fcp_ms: number | null;
  /** From navigation start until `selector` is in the page (checked every frame). */
  readonly ready_ms: number;
}

interface Run {
  readonly signIn: LoadFigures;
  readonly signInToDashboardMs: number;
  readonly dashboardJsBytes: number;
  readonly dashboard: LoadFigures;
}

// Code run in the page is passed as strings: this file is type-checked for Node (no DOM types), and
// tsx would wrap functions' inner helpers in a `__name` call that the page does not have.

/** Wait, checking every animation frame, until `selector` matches; resolves with the page's clock then. */
async function readyAt(page: Page, selector: string): Promise<number> {
  const h = await page.waitForFunction(`document.querySelector(${JSON.stringify(selector)}) ? performance.now() : 0`, undefined, { polling: 'raf', timeout: 30_000 });
  return (await h.jsonValue()) as number;
}

/** JS bytes and files loaded since navigation, and the paint entries, read from the page's own timeline. */
function pageFigures(page: Page): Promise<Omit<LoadFigures, 'ready_ms'>> {
  return page.evaluate<Omit<LoadFigures, 'ready_ms'>>(`(() => {
    const js = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('.js'));
    const paint = (name) => performance.getEntriesByName(name, 'paint')[0]?.startTime ?? null;
    return { js_bytes: js.reduce((n, e) => n + e.decodedBodySize, 0), js_files: js.length, first_paint_ms: paint('first-paint'), fcp_ms: paint('first-contentful-paint') };
  })()`);
}

async function loadFigures(page: Page, url: string, selector: string): Promise<LoadFigures> {
  await page.goto(url);
  const ready = await readyAt(page, selector);
  return { ...(await pageFigures(page)), ready_ms: ready };
}

/** A fresh context (empty cache), signed in when `session` (a sessionStorage snapshot) is given. */
async function freshPage(browser: Browser, session?: Record<string, string>): Promise<{ page: Page; close: () => Promise<void> }> {
  // bypassCSP: the console's CSP forbids eval, which Playwright's string waits use; it changes no load or paint.
  const context = await browser.newContext({ bypassCSP: true });
  if (session) await context.addInitScript({ content: `for (const [k, v] of Object.entries(${JSON.stringify(session)})) sessionStorage.setItem(k, v);` });
  return { page: await context.newPage(), close: () => context.close() };
}

/** One run: the sign-in screen, signing in to the dashboard, then the dashboard loaded afresh with that session. */
async function oneRun(browser: Browser, app: TaskdeckServer): Promise<Run> {
  const first = await freshPage(browser);
  let session: Record<string, string>;
  let signIn: LoadFigures;
  let signInToDashboardMs: number;
  let dashboardJsBytes: number;
  try {
    const page = first.page;
    signIn = await loadFigures(page, `${app.url}/`, SIGN_IN_READY);
    await page.fill('input[autocomplete=username]', app.admin.user_name);
    await page.fill('input[type=password]', app.admin.password);
    const clickedAt = await page.evaluate<number>(`(() => {
      const t = performance.now();
      document.querySelector('button[type=submit]').click();
      return t;
    })()`);
    signInToDashboardMs = (await readyAt(page, DASHBOARD_READY)) - clickedAt;
    dashboardJsBytes = (await pageFigures(page)).js_bytes;
    session = await page.evaluate<Record<string, string>>('Object.fromEntries(Object.entries(sessionStorage))');
  } finally {
    await first.close();
  }
  const second = await freshPage(browser, session);
  try {
    const dashboard = await loadFigures(second.page, `${app.url}/#/dashboard`, DASHBOARD_READY);
    return { signIn, signInToDashboardMs, dashboardJsBytes, dashboard };
  } finally {
    await second.close();
  }
}

function bundleBytes(): { total: number; files: number } {
  const js = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  return { total: js.reduce((n, f) => n + fs.statSync(path.join(assets, f)).size, 0), files: js.length };
}

const med = (xs: readonly (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? round(median(known)) : null;
};

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root }); // rebuilds only what changed
  const bundle = bundleBytes();
  const app = await startTaskdeck();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: launchArgs });
  try {
    await oneRun(browser, app); // warm the server, the store and the OS file cache; not counted
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) all.push(await oneRun(browser, app));
    const signInJs = all[0]!.signIn.js_bytes;
    const result = {
      quick,
      runs,
      bundle_js_bytes: bundle.total,
      bundle_js_files: bundle.files,
      signin_js_bytes: signInJs,
      signin_js_files: all[0]!.signIn.js_files,
      signin_js_share: round(signInJs / bundle.total),
      signin_first_paint_ms: med(all.map((r) => r.signIn.first_paint_ms)),
      signin_fcp_ms: med(all.map((r) => r.signIn.fcp_ms)),
      signin_ready_ms: med(all.map((r) => r.signIn.ready_ms)),
      signin_to_dashboard_ms: med(all.map((r) => r.signInToDashboardMs)),
      dashboard_js_bytes_after_signin: all[0]!.dashboardJsBytes,
      dashboard_first_paint_ms: med(all.map((r) => r.dashboard.first_paint_ms)),
      dashboard_fcp_ms: med(all.map((r) => r.dashboard.fcp_ms)),
      dashboard_ready_ms: med(all.map((r) => r.dashboard.ready_ms)),
      dashboard_js_bytes: all[0]!.dashboard.js_bytes,
      dashboard_js_files: all[0]!.dashboard.js_files,
      held: { signin_js_under_half: signInJs < bundle.total / 2 },
    };
    const kb = (n: number): number | null => round(n / 1024);
    console.log(`first paint: ${runs} runs in ${path.basename(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')}, fresh cache each, warm server at ${app.url}`);
    console.log(formatTable([
      { what: 'whole bundle (all chunks)', value: kb(bundle.total), unit: 'KiB', note: `${bundle.files} files` },
      { what: 'sign-in screen JS', value: kb(signInJs), unit: 'KiB', note: `${result.signin_js_files} files, ${Math.round((result.signin_js_share ?? 0) * 100)}% of the bundle (goal: under 50%)` },
      { what: 'sign-in first paint', value: result.signin_first_paint_ms, unit: 'ms' },
      { what: 'sign-in first contentful paint', value: result.signin_fcp_ms, unit: 'ms' },
      { what: 'sign-in form ready', value: result.signin_ready_ms, unit: 'ms', note: 'password field in the page' },
      { what: 'Sign in → dashboard numbers', value: result.signin_to_dashboard_ms, unit: 'ms', note: `${kb(result.dashboard_js_bytes_after_signin)} KiB JS loaded by then` },
      { what: 'dashboard load: first paint', value: result.dashboard_first_paint_ms, unit: 'ms', note: 'a fresh load of #/dashboard, signed in' },
      { what: 'dashboard load: first contentful paint', value: result.dashboard_fcp_ms, unit: 'ms' },
      { what: 'dashboard load: numbers shown', value: result.dashboard_ready_ms, unit: 'ms', note: `${kb(result.dashboard_js_bytes)} KiB JS in ${result.dashboard_js_files} files` },
    ]));
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
