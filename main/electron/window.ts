import { app, BrowserWindow, screen } from 'electron';
import { appTitle, waitingFromTitle } from '../../shared/domain/window-title';
import type { Logger } from '../core/dispatch';
import type { RendererFiles } from './renderer-files';
import { fitToDisplays, readWindowState, writeWindowState } from './window-state';

export interface MainWindowOptions {
  readonly files: RendererFiles;
  /** `window-state.json` in the data folder. */
  readonly stateFile: string;
  readonly devTools: boolean;
  readonly log: Logger;
}

/** The one hardened window: isolated, sandboxed, no Node, our preload only; its size and place are remembered. */
export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const state = fitToDisplays(readWindowState(o.stateFile), displays, screen.getPrimaryDisplay().workArea);
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 800,
    minHeight: 560,
    title: appTitle,
    show: false,
    webPreferences: {
      preload: o.files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: o.devTools,
    },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  // The renderer's title ("(3) Taskdeck") becomes the window's (Electron's default) and the dock or launcher badge.
  win.on('page-title-updated', (_e, title) => {
    app.setBadgeCount(waitingFromTitle(title));
  });
  win.on('closed', () => {
    app.setBadgeCount(0);
  });
  win.on('close', () => {
    try {
      writeWindowState(o.stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // losing the window's place is not worth failing a close
    }
  });
  win.loadFile(o.files.indexHtml).catch((err: unknown) => o.log('error', `could not load ${o.files.indexHtml}; run "npm run build"`, { error: String(err) }));
  return win;
}

/** Bring the window to the front (a second launch, a notification click). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
