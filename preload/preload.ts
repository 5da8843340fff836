// Sandboxed preload (bundled to CommonJS): exposes exactly { invoke, subscribe } and forwards; no logic lives here
// beyond acknowledging each batch of events, which is what lets the main process bound what waits for this page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AnyAppEvent } from '../shared/api/events';

// The same three channels as main/electron/ipc-bridge.ts.
const INVOKE_CHANNEL = 'taskdeck:invoke';
const EVENT_CHANNEL = 'taskdeck:event';
const EVENT_ACK_CHANNEL = 'taskdeck:event-ack';

interface EventBatch { readonly seq: number; readonly events: readonly AnyAppEvent[]; readonly resync: boolean }
interface Subscriber { readonly listener: (event: AnyAppEvent) => void; readonly onResync: () => void }

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
  });
}

exposeBridge();
