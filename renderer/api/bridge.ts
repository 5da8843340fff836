import type { AnyAppEvent } from '../../shared/api/events';
import type { ErrorBody } from '../../shared/api/errors';

/** What the Electron preload exposes as `window.taskdeck`: exactly invoke and subscribe. */
export interface TaskdeckBridge {
  invoke(op: string, input: unknown, token: string | undefined): Promise<{ ok: true; data: unknown } | { ok: false; status: number; body: ErrorBody }>;
  /** `onResync`: events were dropped because the page fell behind; reload what is shown. */
  subscribe(listener: (event: AnyAppEvent) => void, onResync?: () => void): () => void;
}

declare global {
  interface Window {
    taskdeck?: TaskdeckBridge;
  }
}
