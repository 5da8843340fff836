// Entry of the desktop shell (bundled to dist/electron/main.cjs): app lifecycle only; the product is the core.
import fs from 'node:fs';
import path from 'node:path';
import { app, type BrowserWindow, dialog, safeStorage, session } from 'electron';
import { consoleLogger, type Core, createCore, VERSION } from '../core/create-core';
import { resolveDataDir } from '../core/data-dir';
import { dataDirFlag } from './command-line';
import { registerIpcBridge } from './ipc-bridge';
import { notifyPosted } from './notification-notifier';
import { installMenu } from './menu';
import { rendererFiles } from './renderer-files';
import { loadSecretKey } from './secret-key';
import { guardWebContents, installSessionSecurity } from './web-security';
import { createMainWindow, focusWindow } from './window';

const log = consoleLogger;
const files = rendererFiles(__dirname);

/** --data-dir, TASKDECK_DATA_DIR, else `<appData>/Taskdeck` (the folder browser mode uses too). */
function chooseDataDir(): string {
  const flag = dataDirFlag(process.argv);
  return flag || process.env.TASKDECK_DATA_DIR ? resolveDataDir(flag) : path.join(app.getPath('appData'), 'Taskdeck');
}

function initialAdmin(): { initialAdmin?: { user_name: string; password: string } } {
  const { TASKDECK_ADMIN_USER: user_name, TASKDECK_ADMIN_PASSWORD: password } = process.env;
  return user_name && password ? { initialAdmin: { user_name, password } } : {};
}

function describeStartupError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(message)
    ? `${message}\n\nThe native modules (better-sqlite3, ssh2) were built for Node, not for Electron: run "npx @electron/rebuild".`
    : message;
}

function run(dataDir: string): void {
  let core: Core | null = null;
  let bridge: { dispose(): void } | null = null;
  let posted: { dispose(): void } | null = null;
  let win: BrowserWindow | null = null;
  let shutdown: 'running' | 'stopping' | 'stopped' = 'running';

  function openWindow(): BrowserWindow {
    const w = createMainWindow({ files, stateFile: path.join(dataDir, 'window-state.json'), devTools: !app.isPackaged, log });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    return w;
  }

  async function start(): Promise<void> {
    installSessionSecurity(session.defaultSession, files);
    // The store says whether a key may be made: never once it holds secrets sealed with one.
    const secretKey = ({ create }: { create: boolean }): Buffer => loadSecretKey(dataDir, safeStorage, log, { create });
    core = await createCore({ dataDir, secretKey, log, ...initialAdmin() });
    const ipc = registerIpcBridge({ core, mainWindow: () => win, indexUrl: files.indexUrl, log });
    bridge = ipc;
    // Pop-ups are what the user's alert rules ask for (desktop channels) and reminders: a failed run pops up only
    // through a rule, so in-app alerts stay in the centre and repeats are grouped like any alert.
    posted = notifyPosted(core, () => ipc.pageUser(), () => win);
    app.setAboutPanelOptions({ applicationName: 'Taskdeck', applicationVersion: VERSION });
    installMenu({ platform: process.platform, isPackaged: app.isPackaged });
    win = openWindow();
    log('info', `Taskdeck ${VERSION} started`, { dataDir });
  }

  app.on('second-instance', () => focusWindow(win));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, files, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && shutdown === 'running' && !win) win = openWindow();
  });
  // Close the store cleanly before the process goes: hold the quit until the core is disposed, then quit again.
  app.on('before-quit', (event) => {
    if (!core || shutdown === 'stopped') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    bridge?.dispose();
    posted?.dispose();
    core
      .dispose()
      .catch((err: unknown) => log('error', 'the core did not shut down cleanly', { error: String(err) }))
      .finally(() => {
        shutdown = 'stopped';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      const message = describeStartupError(err);
      log('error', 'Taskdeck could not start', { error: message });
      // A dialog blocks until answered: only for packaged builds, where nobody reads the terminal.
      if (app.isPackaged) dialog.showErrorBox('Taskdeck could not start', message);
      app.exit(1);
    });
}

app.setName('Taskdeck');
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId('dev.taskdeck.app');
const dataDir = chooseDataDir();
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
// Everything of one instance lives in its data folder: database, sealed key, window state, Chromium's profile and the
// single-instance lock, so two data folders can run side by side (tests) while a second launch on one folder is refused.
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'session'));
if (app.requestSingleInstanceLock()) run(dataDir);
else app.quit();
