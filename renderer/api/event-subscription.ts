import { API_PREFIX } from '../../shared/api/contract';
import type { AnyAppEvent } from '../../shared/api/events';
import { ApiFailure, type HttpTransport, readEvents } from '../../shared/api/http-transport';

/**
 * Three missed heartbeats (the server sends one every 15 s): the stream is dead though no error came,
 * as after a laptop slept or a connection was cut without a reset.
 */
export const STREAM_SILENCE_MS = 45_000;

/**
 * Read the event stream with fetch (so the token goes in a header, never in a URL); reconnect with
 * backoff, and treat a stream silent for `silenceMs` as dropped. Returns a disposer.
 */
export function subscribeEvents(
  transport: HttpTransport,
  listener: (e: AnyAppEvent) => void,
  onState: (connected: boolean) => void,
  silenceMs = STREAM_SILENCE_MS,
): () => void {
  const abort = new AbortController();
  let retryMs = 500;
  const connectOnce = async (): Promise<void> => {
    const conn = new AbortController();
    const stop = (): void => conn.abort();
    abort.signal.addEventListener('abort', stop);
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const alive = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(stop, silenceMs);
    };
    try {
      alive();
      const res = await transport.open('GET', `${API_PREFIX}/events`, conn.signal);
      onState(true);
      retryMs = 500;
      // `dropped`: the server let us go because we fell behind; the reconnect resyncs.
      await readEvents(res, listener, alive);
    } finally {
      clearTimeout(watchdog);
      abort.signal.removeEventListener('abort', stop);
    }
  };
  const loop = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        await connectOnce();
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof ApiFailure && err.status === 401) return onState(false);
      }
      if (abort.signal.aborted) return;
      onState(false);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, retryMs);
        abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
      retryMs = Math.min(retryMs * 2, 10_000);
    }
  };
  void loop();
  return () => abort.abort();
}
