import { type BrowserWindow, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isStreamOp, operations, type OpName } from '../../shared/api/contract';
import { AppError, type ErrorBody } from '../../shared/api/errors';
import { eventIsFor, eventRecipient } from '../../shared/api/events';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/dispatch';
import { EventDelivery } from './event-delivery';
import { PageUser } from './page-user';
import { isIndexUrl } from './renderer-files';
import { openStream, PageStreams } from './stream-delivery';

/** The channels of the bridge; preload/preload.ts names the same ones. */
export const INVOKE_CHANNEL = 'taskdeck:invoke';
export const EVENT_CHANNEL = 'taskdeck:event';
/** The page acknowledges each batch of events it took: without acks, events wait here (bounded), not in the pipe. */
export const EVENT_ACK_CHANNEL = 'taskdeck:event-ack';
/** Stream operations (a log download): opened by invoke, their chunks pushed on STREAM, each acknowledged (see StreamSender). */
export const STREAM_OPEN_CHANNEL = 'taskdeck:stream-open';
export const STREAM_CHANNEL = 'taskdeck:stream';
export const STREAM_ACK_CHANNEL = 'taskdeck:stream-ack';
export const STREAM_CANCEL_CHANNEL = 'taskdeck:stream-cancel';

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
 * Core events are pushed to the window on `taskdeck:event` in batches with backpressure (see EventDelivery).
 */
export function registerIpcBridge(o: IpcBridgeOptions): { pageUser(): string | null; dispose(): void } {
  const page = new PageUser(o.core.services.auth);

  function trusted(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
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
    page.saw(token);
    if (isStreamOp(op as OpName)) return refusal(new AppError('validation', `${op} answers a stream: open it on the stream channel`));
    try {
      return await o.core.dispatch(op as OpName, input, token);
    } catch (err) {
      o.log('error', `operation ${op} failed outside dispatch`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return refusal(new AppError('internal', 'internal error; see the Taskdeck log'));
    }
  });

  // One delivery per page of the main window; a new window or a reload starts afresh.
  let target: { contents: WebContents; delivery: EventDelivery; dispose(): void } | null = null;
  function deliveryFor(win: BrowserWindow): EventDelivery {
    if (target?.contents === win.webContents) return target.delivery;
    target?.dispose();
    const contents = win.webContents;
    const delivery = new EventDelivery({
      // Only to our own page: a document that somehow replaced it gets nothing.
      send: (batch) => {
        if (!contents.isDestroyed() && isIndexUrl(contents.getURL(), o.indexUrl)) contents.send(EVENT_CHANNEL, batch);
      },
      later: (fn) => {
        const t = setImmediate(fn);
        return { dispose: () => clearImmediate(t) };
      },
    });
    const reset = (): void => {
      delivery.reset();
      page.reset();
    };
    contents.on('did-navigate', reset);
    const current = {
      contents,
      delivery,
      dispose() {
        delivery.dispose();
        if (!contents.isDestroyed()) contents.off('did-navigate', reset);
        if (target === current) target = null;
      },
    };
    contents.once('destroyed', () => current.dispose());
    target = current;
    return delivery;
  }

  const events = o.core.events.onDidEmit((event) => {
    const win = o.mainWindow();
    // Only an event for one user costs a session lookup; the rest (log lines, many a second) go straight through.
    const forThisPage = eventRecipient(event) === null || eventIsFor(event, page.current());
    if (win && !win.isDestroyed() && forThisPage) deliveryFor(win).push(event);
  });

  ipcMain.on(EVENT_ACK_CHANNEL, (event, seq: unknown) => {
    if (trusted(event) && typeof seq === 'number' && target?.contents === event.sender) target.delivery.ack(seq);
  });

  const streams = registerStreams(o, trusted);

  return {
    pageUser: () => page.current(),
    dispose() {
      events.dispose();
      target?.dispose();
      streams.dispose();
      ipcMain.removeHandler(INVOKE_CHANNEL);
      ipcMain.removeAllListeners(EVENT_ACK_CHANNEL);
    },
  };
}

/** The stream channels: one set of open streams per page, all ended when it navigates or goes. */
function registerStreams(o: IpcBridgeOptions, trusted: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean): { dispose(): void } {
  const pages = new Map<WebContents, { streams: PageStreams; end(): void }>();
  function streamsOf(contents: WebContents): PageStreams {
    const known = pages.get(contents);
    if (known) return known.streams;
    const streams = new PageStreams((message) => {
      if (!contents.isDestroyed() && isIndexUrl(contents.getURL(), o.indexUrl)) contents.send(STREAM_CHANNEL, message);
    }, o.log);
    const end = (): void => {
      streams.dispose();
      if (pages.get(contents)?.streams === streams) pages.delete(contents);
      if (!contents.isDestroyed()) {
        contents.off('did-navigate', end);
        contents.off('destroyed', end);
      }
    };
    contents.on('did-navigate', end);
    contents.once('destroyed', end);
    pages.set(contents, { streams, end });
    return streams;
  }

  ipcMain.handle(STREAM_OPEN_CHANNEL, async (event, id: unknown, op: unknown, input: unknown, token: unknown) => {
    if (!trusted(event)) return refusal(new AppError('forbidden', 'this window may not call Taskdeck'));
    return openStream(o.core.dispatch, streamsOf(event.sender), id, op, input, token);
  });
  ipcMain.on(STREAM_ACK_CHANNEL, (event, id: unknown, seq: unknown) => {
    if (trusted(event)) pages.get(event.sender)?.streams.ack(id, seq);
  });
  ipcMain.on(STREAM_CANCEL_CHANNEL, (event, id: unknown) => {
    if (trusted(event)) pages.get(event.sender)?.streams.cancel(id);
  });
  return {
    dispose() {
      for (const page of [...pages.values()]) page.end();
      ipcMain.removeHandler(STREAM_OPEN_CHANNEL);
      ipcMain.removeAllListeners(STREAM_ACK_CHANNEL);
      ipcMain.removeAllListeners(STREAM_CANCEL_CHANNEL);
    },
  };
}
