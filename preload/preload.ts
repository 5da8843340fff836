// Sandboxed preload (bundled to CommonJS): exposes exactly { invoke, subscribe } and forwards; no logic lives here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AnyAppEvent } from '../shared/api/events';

// The same two channels as main/electron/ipc-bridge.ts.
const INVOKE_CHANNEL = 'taskdeck:invoke';
const EVENT_CHANNEL = 'taskdeck:event';

contextBridge.exposeInMainWorld('taskdeck', {
  invoke: (op: string, input: unknown, token: string | undefined): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, op, input, token),
  subscribe(listener: (event: AnyAppEvent) => void): () => void {
    // The page never sees the IpcRendererEvent (it carries the sender); it gets the event only.
    const forward = (_event: IpcRendererEvent, event: AnyAppEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
});
