import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { operations, type OpName } from '../../shared/api/contract';
import { AppError, type ErrorBody } from '../../shared/api/errors';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/dispatch';
import { isIndexUrl } from './renderer-files';

/** The two channels of the bridge; preload/preload.ts names the same two. */
export const INVOKE_CHANNEL = 'taskdeck:invoke';
export const EVENT_CHANNEL = 'taskdeck:event';

type BridgeResult = { ok: true; data: unknown } | { ok: false; status: number; body: ErrorBody };

export interface IpcBridgeOptions {
  readonly core: Core;
  /** The main window, or null while there is none (macOS keeps running without windows). */
  readonly mainWindow: () => BrowserWindow | null;
  /** Our index.html: the only document allowed to call. */
  readonly indexUrl: string;
  readonly log: Logger;
}

function refusal(e: AppError): BridgeResult {
  return { ok: false, status: e.status, body: e.toBody() };
}

/**
 * The one IPC door: `taskdeck:invoke` runs an operation of the contract through `core.dispatch`, after checking that the
 * caller is the top frame of our main window showing our index.html. It always answers with a result, never throws.
 * Core events are pushed to the window on `taskdeck:event`.
 */
export function registerIpcBridge(o: IpcBridgeOptions): { dispose(): void } {
  function trusted(event: IpcMainInvokeEvent): boolean {
    const win = o.mainWindow();
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isIndexUrl(frame.url, o.indexUrl);
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event, op: unknown, input: unknown, token: unknown): Promise<BridgeResult> => {
    if (!trusted(event)) {
      o.log('warn', 'refused an IPC call from an untrusted sender', { url: event.senderFrame?.url ?? null });
      return refusal(new AppError('forbidden', 'this window may not call Taskdeck'));
    }
    if (typeof op !== 'string' || !Object.hasOwn(operations, op)) {
      return refusal(new AppError('not_found', `no operation named ${typeof op === 'string' ? op.slice(0, 100) : typeof op}`));
    }
    if (token !== undefined && typeof token !== 'string') return refusal(new AppError('validation', 'the token must be a string'));
    try {
      return await o.core.dispatch(op as OpName, input, token);
    } catch (err) {
      o.log('error', `operation ${op} failed outside dispatch`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return refusal(new AppError('internal', 'internal error; see the Taskdeck log'));
    }
  });

  const events = o.core.events.onDidEmit((event) => {
    const win = o.mainWindow();
    // Only to our own page: a document that somehow replaced it gets nothing.
    if (win && !win.isDestroyed() && isIndexUrl(win.webContents.getURL(), o.indexUrl)) win.webContents.send(EVENT_CHANNEL, event);
  });

  return {
    dispose() {
      events.dispose();
      ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
