import type { AnyAppEvent } from '../../shared/api/events';
import type { ErrorBody } from '../../shared/api/errors';
import type { StreamResult } from '../../shared/api/stream-messages';

/** What the Electron preload exposes as `window.taskdeck`: exactly invoke, subscribe and stream. */
export interface TaskdeckBridge {
  invoke(op: string, input: unknown, token: string | undefined): Promise<{ ok: true; data: unknown } | { ok: false; status: number; body: ErrorBody }>;
  /** `onResync`: events were dropped because the page fell behind; reload what is shown. */
  subscribe(listener: (event: AnyAppEvent) => void, onResync?: () => void): () => void;
  /** A stream operation's body, chunk by chunk; each chunk is acknowledged once `onChunk` took it (its promise settled). */
  stream(op: string, input: unknown, token: string | undefined, onChunk: (text: string) => unknown): Promise<StreamResult>;
}

declare global {
  interface Window {
    taskdeck?: TaskdeckBridge;
  }
}
