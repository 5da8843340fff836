import type http from 'node:http';
import { AppError } from '../../shared/api/errors';

/** Largest JSON body the API reads. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Bytes of bodies being read at once for callers nobody has authenticated (sign-in, first-run setup). Each such request
 * reserves its limit (or its declared length) before a byte is read and gives it back when done; past the budget it is
 * refused (503) at once, so a flood of anonymous uploads costs a bounded amount of memory.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly totalBytes: number) {}

  /** Reserve `bytes`, or throw `unavailable`; the returned function gives them back (once). */
  reserve(bytes: number): () => void {
    if (this.used + bytes > this.totalBytes) {
      throw new AppError('unavailable', 'too many sign-in requests are being received at once; try again in a moment', { retry_after_seconds: 1 });
    }
    this.used += bytes;
    let held = true;
    return () => {
      if (held) this.used -= bytes;
      held = false;
    };
  }

  get inUse(): number {
    return this.used;
  }
}

/** The bytes a body will take at most: its declared length, or the limit when it is chunked. */
export function bodyBound(req: http.IncomingMessage, limit: number): number {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared >= 0 ? Math.min(declared, limit) : limit;
}

export function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `the request body is larger than ${limit} bytes`);
}

/** A declared Content-Length past the limit: refused before a byte of the body is read. */
export function declaredTooLarge(req: http.IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Read a JSON body of at most `limit` bytes. Past the limit (a chunked body that keeps coming) it stops buffering at once
 * and rejects with `payload_too_large`; the rest of the body is read and thrown away, never held.
 */
export function readJsonBody(req: http.IncomingMessage, limit: number = MAX_BODY_BYTES, checkRaw?: (raw: Buffer) => void): Promise<unknown> {
  if (declaredTooLarge(req, limit)) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      chunks = [];
      req.off('data', onData);
      req.resume(); // drain without keeping
      reject(tooLarge(limit));
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size > limit) return;
      try {
        checkRaw?.(Buffer.concat(chunks)); // a signed request's body must be the one signed
      } catch (err) {
        return reject(err);
      }
      if (size === 0) return resolve({});
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json')) return reject(new AppError('validation', 'send the body as application/json'));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AppError('validation', 'request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}
