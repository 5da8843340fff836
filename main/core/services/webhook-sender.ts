import http from 'node:http';
import https from 'node:https';
import type { WebhookRequest } from '../domain/webhook-payload';

/** At most this much of an answer is read and kept: enough for an error code, never a receiver's whole page. */
export const MAX_RESPONSE_BYTES = 1024;

export interface SendResult {
  /** HTTP status; null when no answer came (refused, timed out, aborted). */
  readonly status: number | null;
  readonly latencyMs: number;
  /** The start of the answer's body (≤ 1 KiB, as text). */
  readonly response: string | null;
  readonly error: string | null;
}

/**
 * One POST, bounded: the whole attempt (connect, send, answer) within `timeoutMs`, at most 1 KiB of the answer read (the
 * rest is not waited for), redirects not followed, `signal` ends it at once. Never throws.
 */
export function sendWebhook(req: WebhookRequest, o: { timeoutMs: number; signal: AbortSignal }): Promise<SendResult> {
  const started = performance.now();
  const latency = (): number => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (status: number | null, error: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      const response = chunks.length ? Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8') : null;
      resolve({ status, latencyMs: latency(), response, error });
      request.destroy();
    };
    const url = new URL(req.url);
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, { method: 'POST', headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body), 'user-agent': 'Taskdeck-Alerts/1' } }, (res) => {
      const done = (): void => finish(res.statusCode ?? null, null);
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) done(); // the status is known; what follows is not needed
      });
      res.on('end', done);
      res.on('error', done);
    });
    const timer = setTimeout(() => finish(null, `no answer within ${o.timeoutMs} ms`), o.timeoutMs);
    const onAbort = (): void => finish(null, 'stopped: Taskdeck is shutting down');
    o.signal.addEventListener('abort', onAbort);
    request.on('error', (err) => finish(null, err.message));
    request.end(req.body);
  });
}
