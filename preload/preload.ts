// Sandboxed preload (bundled to CommonJS): exposes exactly { invoke, subscribe, stream } and forwards; no logic lives
// here beyond acknowledging each batch of events and each chunk of a stream, which is what lets the main process
// bound what waits for this page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AnyAppEvent } from '../shared/api/events';
import type { StreamMessage, StreamResult } from '../shared/api/stream-messages';

// The same channels as main/electron/ipc-bridge.ts.
const INVOKE_CHANNEL = 'taskdeck:invoke';
const EVENT_CHANNEL = 'taskdeck:event';
const EVENT_ACK_CHANNEL = 'taskdeck:event-ack';
const STREAM_OPEN_CHANNEL = 'taskdeck:stream-open';
const STREAM_CHANNEL = 'taskdeck:stream';
const STREAM_ACK_CHANNEL = 'taskdeck:stream-ack';
const STREAM_CANCEL_CHANNEL = 'taskdeck:stream-cancel';

interface EventBatch { readonly seq: number; readonly events: readonly AnyAppEvent[]; readonly resync: boolean }
interface Subscriber { readonly listener: (event: AnyAppEvent) => void; readonly onResync: () => void }

/**
 * Open a stream operation and hand each chunk to `onChunk`, in order; a chunk is acknowledged once `onChunk` has taken
 * it (its promise settled), so a page that writes slowly slows the sender. `onChunk` failing cancels the stream.
 */
function streamer(): (op: string, input: unknown, token: string | undefined, onChunk: (text: string) => unknown) => Promise<StreamResult> {
  const open = new Map<number, (message: StreamMessage) => void>();
  let nextId = 1;
  ipcRenderer.on(STREAM_CHANNEL, (_event: IpcRendererEvent, message: StreamMessage) => {
    const deliver = open.get(message.id);
    if (deliver) deliver(message);
    else ipcRenderer.send(STREAM_CANCEL_CHANNEL, message.id); // a stream this page no longer reads
  });
  return (op, input, token, onChunk) => {
    const id = nextId++;
    return new Promise<StreamResult>((resolve) => {
      const finish = (result: StreamResult): void => {
        open.delete(id);
        resolve(result);
      };
      let taken: Promise<void> = Promise.resolve();
      open.set(id, (message) => {
        taken = taken.then(async () => {
          if (!open.has(id)) return;
          if (message.kind === 'chunk') await onChunk(message.text);
          ipcRenderer.send(STREAM_ACK_CHANNEL, id, message.seq);
          if (message.kind === 'end') finish({ ok: true, data: null });
          else if (message.kind === 'error') finish({ ok: false, status: message.status, body: message.body });
        }).catch((err: unknown) => {
          ipcRenderer.send(STREAM_CANCEL_CHANNEL, id);
          finish({ ok: false, status: 0, body: { error: { code: 'internal', message: `the download stopped: ${err instanceof Error ? err.message : String(err)}` } } });
        });
      });
      ipcRenderer.invoke(STREAM_OPEN_CHANNEL, id, op, input, token).then(
        (r: StreamResult) => {
          if (!r.ok) finish(r);
        },
        (err: unknown) => finish({ ok: false, status: 0, body: { error: { code: 'internal', message: String(err) } } }),
      );
    });
  };
}

function exposeBridge(): void {
  const subscribers = new Set<Subscriber>();
  // Every batch is acknowledged, subscribed or not: a page that has not subscribed yet must not stall the main side.
  ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, batch: EventBatch) => {
    try {
      for (const s of [...subscribers]) {
        if (batch.resync) s.onResync();
        for (const e of batch.events) s.listener(e);
      }
    } finally {
      ipcRenderer.send(EVENT_ACK_CHANNEL, batch.seq); // a listener that throws must not stall delivery for good
    }
  });
  const stream = streamer();
  contextBridge.exposeInMainWorld('taskdeck', {
    invoke: (op: string, input: unknown, token: string | undefined): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, op, input, token),
    /** The page never sees the IpcRendererEvent (it carries the sender); it gets the events only. */
    subscribe(listener: (event: AnyAppEvent) => void, onResync: () => void = () => {}): () => void {
      const s: Subscriber = { listener, onResync };
      subscribers.add(s);
      return () => {
        subscribers.delete(s);
      };
    },
    stream,
  });
}

exposeBridge();
