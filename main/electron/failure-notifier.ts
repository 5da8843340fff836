import type { BrowserWindow } from 'electron';
import type { Core } from '../core/create-core';
import { showNotification } from './notifications';

const FAILED = new Set([3, 4, 81]);

/** A native notification when a run fails while the window is not focused; clicking it opens the instance. */
export function notifyFailures(core: Core, mainWindow: () => BrowserWindow | null): { dispose(): void } {
  return core.events.onDidEmit((e) => {
    if (e.type !== 'instance.changed' || !FAILED.has(e.data.instance.status)) return;
    const win = mainWindow();
    if (win && !win.isDestroyed() && win.isFocused()) return;
    const i = e.data.instance;
    const what = i.task_name ? `Task ${i.task_name}` : 'Ad-hoc run';
    showNotification(`${what} failed on ${i.host.name}`, `${i.status_name}${i.error ? `: ${i.error}` : ''}`, () => {
      if (!win || win.isDestroyed()) return;
      win.show();
      win.focus();
      void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/instances/${i.id}`)}`);
    });
  });
}
