// The desktop shell in a real Electron: hardened window, the one IPC bridge, blocked navigation. Needs the Electron binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import { electronBinary } from '../scripts/electron-binary.mjs';

const executablePath = electronBinary();
test.skip(!executablePath, 'Electron binary not installed on this machine (no download possible here); the shell is type-checked instead');
test.describe.configure({ mode: 'serial' });

const root = fileURLToPath(new URL('..', import.meta.url));
const mainScript = path.join(root, 'dist', 'electron', 'main.cjs');
const preloadScript = path.join(root, 'dist', 'preload', 'preload.cjs');
const ADMIN = { user_name: 'admin', password: 'e2e-admin-password' };

type Result = { ok: true; data: unknown } | { ok: false; status: number; body: { error: { code: string; message: string } } };
/** What the page sees of its global scope (this project type-checks e2e without the DOM library). */
interface PageGlobals {
  taskdeck?: {
    invoke(op: string, input: unknown, token: string | undefined): Promise<Result>;
    subscribe(listener: (event: { type: string; data: unknown }) => void): () => void;
    stream(op: string, input: unknown, token: string | undefined, onChunk: (text: string) => unknown): Promise<Result>;
  };
  require?: unknown;
  process?: unknown;
  open(url: string): unknown;
  location: { href: string };
  document: { createElement(tag: string): { textContent: string | null }; head: { append(node: unknown): void } };
  inlineScriptRan?: boolean;
}

let app: ElectronApplication;
let page: Page;
let dataDir: string;
let closed = false;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-electron-'));
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'TASKDECK_DATA_DIR'));
  app = await electron.launch({
    executablePath: executablePath!,
    // Chromium refuses to run as root with its OS sandbox; the renderer stays sandboxed by Electron either way.
    args: [mainScript, `--data-dir=${dataDir}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...env, TASKDECK_ADMIN_USER: ADMIN.user_name, TASKDECK_ADMIN_PASSWORD: ADMIN.password },
    cwd: root,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  if (app && !closed) await app.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the window is Taskdeck, loaded from the built renderer, with its data in --data-dir', async () => {
  await expect(page).toHaveTitle(/Taskdeck/);
  const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
  expect(titles).toHaveLength(1);
  expect(titles[0]).toMatch(/Taskdeck/);
  expect(new URL(page.url()).pathname).toMatch(/\/dist\/renderer\/index\.html$/);
  expect(fs.existsSync(path.join(dataDir, 'taskdeck.db'))).toBe(true);
  expect(['secret.key.enc', 'secret.key'].some((f) => fs.existsSync(path.join(dataDir, f)))).toBe(true);
});

test('the page gets exactly invoke, subscribe and stream, and no Node', async () => {
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { keys: Object.keys(g.taskdeck ?? {}).sort(), invoke: typeof g.taskdeck?.invoke, subscribe: typeof g.taskdeck?.subscribe, require: typeof g.require, process: typeof g.process };
  });
  expect(globals).toEqual({ keys: ['invoke', 'stream', 'subscribe'], invoke: 'function', subscribe: 'function', require: 'undefined', process: 'undefined' });
});

test('stream operations go through stream, not invoke; a refusal comes back before any chunk', async () => {
  const results = await page.evaluate(async (admin) => {
    const t = (globalThis as unknown as PageGlobals).taskdeck!;
    const login = await t.invoke('auth.login', admin, undefined);
    const token = login.ok ? (login.data as { token: string }).token : undefined;
    const chunks: string[] = [];
    return {
      viaInvoke: await t.invoke('instances.log-download', { id: '123456789012345' }, token),
      unknown: await t.stream('instances.log-download', { id: '123456789012345' }, token, (c) => chunks.push(c)),
      notAStream: await t.stream('users.list', {}, token, (c) => chunks.push(c)),
      chunks: chunks.length,
    };
  }, ADMIN);
  expect(results.viaInvoke).toMatchObject({ ok: false, status: 400, body: { error: { code: 'validation' } } });
  expect(results.unknown).toMatchObject({ ok: false, status: 404, body: { error: { code: 'not_found' } } });
  expect(results.notAStream).toMatchObject({ ok: false, status: 404 });
  expect(results.chunks).toBe(0);
});

test('invoke runs contract operations and refuses unknown ones', async () => {
  const results = await page.evaluate(async () => {
    const t = (globalThis as unknown as PageGlobals).taskdeck!;
    return {
      health: await t.invoke('system.health', {}, undefined),
      unknown: await t.invoke('no.such-operation', {}, undefined),
      inherited: await t.invoke('__proto__', {}, undefined),
      unsigned: await t.invoke('users.list', {}, undefined),
    };
  });
  expect(results.health).toMatchObject({ ok: true, data: { ok: true } });
  expect(results.unknown).toMatchObject({ ok: false, status: 404, body: { error: { code: 'not_found' } } });
  expect(results.inherited).toMatchObject({ ok: false, status: 404, body: { error: { code: 'not_found' } } });
  expect(results.unsigned).toMatchObject({ ok: false, status: 401, body: { error: { code: 'unauthorized' } } });
});

test('core events reach subscribers; an unsubscribed listener hears nothing', async () => {
  const outcome = await page.evaluate(async (admin) => {
    const t = (globalThis as unknown as PageGlobals).taskdeck!;
    const login = await t.invoke('auth.login', admin, undefined);
    if (!login.ok) return { login };
    const token = (login.data as { token: string }).token;
    const heardByRemoved: unknown[] = [];
    t.subscribe((e) => heardByRemoved.push(e))();
    // Listeners on one channel are called together for each message: when this one hears the event, the removed one would have.
    const heard = new Promise<{ type: string }>((resolve) => {
      const off = t.subscribe((e) => {
        off();
        resolve(e);
      });
    });
    const created = await t.invoke('groups.create', { name: 'e2e group' }, token);
    return { login: { ok: true }, created: created.ok, event: (await heard).type, heardByRemoved: heardByRemoved.length };
  }, ADMIN);
  expect(outcome).toEqual({ login: { ok: true }, created: true, event: 'groups.changed', heardByRemoved: 0 });
});

test('a page that is not our index.html cannot call, even with our preload', async () => {
  const result = await app.evaluate(async ({ BrowserWindow }, preload) => {
    const other = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true } });
    try {
      await other.loadURL('data:text/html,<title>other</title>');
      return (await other.webContents.executeJavaScript("window.taskdeck.invoke('system.health', {}, undefined)")) as unknown;
    } finally {
      other.destroy();
    }
  }, preloadScript);
  expect(result).toMatchObject({ ok: false, status: 403, body: { error: { code: 'forbidden' } } });
});

test('the Content-Security-Policy is in force: inline scripts do not run', async () => {
  const ran = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.inlineScriptRan = true';
    g.document.head.append(script);
    return g.inlineScriptRan === true;
  });
  expect(ran).toBe(false);
});

test('window.open and navigation to an external URL are blocked', async () => {
  const before = page.url();
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('http://example.invalid/'));
  expect(opened).toBeNull();
  expect(app.windows()).toHaveLength(1);

  // Listen after the shell's own guard (registered at web-contents-created), so it sees the guard's decision.
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    (globalThis as Record<string, unknown>).taskdeckNavigation = new Promise((resolve) =>
      contents.once('will-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented })),
    );
  });
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'http://example.invalid/';
  });
  const navigation = await app.evaluate(() => (globalThis as Record<string, unknown>).taskdeckNavigation);
  expect(navigation).toEqual({ url: 'http://example.invalid/', prevented: true });
  expect(page.url()).toBe(before);
  const health = await page.evaluate(() => (globalThis as unknown as PageGlobals).taskdeck!.invoke('system.health', {}, undefined));
  expect(health).toMatchObject({ ok: true });
});

test('closing the app saves the window state', async () => {
  await app.close();
  closed = true;
  expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toMatchObject({ bounds: { width: expect.any(Number) }, maximized: false });
});
