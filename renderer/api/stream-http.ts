import { API_PREFIX, fillPath, operations, type StreamOpName } from '../../shared/api/contract';
import type { ErrorBody } from '../../shared/api/errors';
import type { StreamResult } from '../../shared/api/stream-messages';

/**
 * A stream operation over HTTP (browser mode): the chunked body, decoded, handed to `onChunk` one piece at a time;
 * the next piece is read only once `onChunk` has taken the last, so a slow page slows the server (TCP backpressure).
 */
export async function streamHttp(name: StreamOpName, input: Record<string, unknown>, token: string | undefined, onChunk: (text: string) => unknown): Promise<StreamResult> {
  const op = operations[name];
  const { path, rest } = fillPath(op.path, input);
  const qs = new URLSearchParams(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]): [string, string] => [k, String(v)])).toString();
  let res: Response;
  try {
    res = await fetch(API_PREFIX + path + (qs ? `?${qs}` : ''), { method: op.method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    return unreachable();
  }
  if (!res.ok || !res.body) {
    const err = (await res.json().catch(() => null)) as ErrorBody | null;
    return { ok: false, status: res.status, body: err?.error ? err : { error: { code: 'internal', message: `HTTP ${res.status}` } } };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const piece = await reader.read().catch(() => undefined);
      if (!piece) return unreachable();
      if (piece.done) return { ok: true, data: null };
      await onChunk(piece.value);
    }
  } finally {
    void reader.cancel().catch(() => {}); // a page that gave up (onChunk threw) stops the download
  }
}

function unreachable(): StreamResult {
  return { ok: false, status: 0, body: { error: { code: 'internal', message: 'the connection to the Taskdeck service was lost; is it still running?' } } };
}
