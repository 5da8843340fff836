import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { AppError } from '../../shared/api/errors';
import { canonicalRequest, NONCE_PATTERN, SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS } from '../../shared/api/request-signing';
import type { Clock } from '../core/clock';
import { type AuthService, SignedKey } from '../core/services/auth-service';
import { NonceCache } from './nonce-cache';

const HEX64 = /^[0-9a-f]{64}$/;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** The signed fields of a request, as the server reads them. */
export interface SignedFields {
  readonly method: string;
  readonly pathWithQuery: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly contentSha256: string;
  readonly signature: string;
}

/** Whether `f.signature` is the HMAC of the request's fields under `secret`; compared in constant time. */
export function signatureMatches(secret: string, f: SignedFields): boolean {
  const expected = createHmac('sha256', secret).update(canonicalRequest(f)).digest();
  const given = Buffer.from(HEX64.test(f.signature) ? f.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether `body` (the bytes received) is the body the signature declared. */
export function bodyMatches(body: Buffer, contentSha256: string): boolean {
  const actual = createHash('sha256').update(body).digest();
  const declared = Buffer.from(HEX64.test(contentSha256) ? contentSha256 : '', 'hex');
  return declared.length === actual.length && timingSafeEqual(declared, actual);
}

/** Whether the request carries any signature header (then it is checked as signed, at either level). */
export function isSigned(req: http.IncomingMessage): boolean {
  return req.headers[SIGNATURE_HEADERS.signature] !== undefined || req.headers[SIGNATURE_HEADERS.key] !== undefined;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

const invalid = (why: string): AppError => new AppError('signature_invalid', `the request signature is not valid: ${why}`);

/**
 * Checks signed requests (security level 1) before their body is read: the declared body hash is signed, and the body
 * is checked against it once read. A nonce is recorded only after its signature verified, so nobody without a secret
 * can fill the replay cache.
 */
export class RequestSignatures {
  private readonly nonces: NonceCache;

  constructor(
    private readonly auth: AuthService,
    private readonly clock: Clock,
    maxNonces?: number,
  ) {
    this.nonces = new NonceCache(2 * SIGNATURE_WINDOW_SECONDS * 1000, maxNonces);
  }

  /** The verified key of a signed request, and the body hash it declared; or a 401 naming what is wrong. */
  verify(req: http.IncomingMessage): { key: SignedKey; contentSha256: string } {
    const values = Object.fromEntries(Object.entries(SIGNATURE_HEADERS).map(([k, name]) => [k, header(req, name)])) as Record<keyof typeof SIGNATURE_HEADERS, string | undefined>;
    const missing = Object.entries(values).filter(([, v]) => !v).map(([k]) => SIGNATURE_HEADERS[k as keyof typeof SIGNATURE_HEADERS]);
    if (missing.length) throw new AppError('signature_missing', `security level 1: sign every request (see the README); missing ${missing.join(', ')}`, { missing });
    const { key, timestamp, nonce, contentSha256, signature } = values as Record<keyof typeof SIGNATURE_HEADERS, string>;
    if (!/^\d{1,12}$/.test(timestamp)) throw invalid(`${SIGNATURE_HEADERS.timestamp} must be Unix time in seconds`);
    if (!NONCE_PATTERN.test(nonce)) throw invalid(`${SIGNATURE_HEADERS.nonce} must be 16 to 64 characters of A-Z a-z 0-9 _ -`);
    if (!HEX64.test(contentSha256)) throw invalid(`${SIGNATURE_HEADERS.contentSha256} must be 64 lower-case hex digits`);
    const nowMs = this.clock.now().getTime();
    const skew = Math.round(nowMs / 1000 - Number(timestamp));
    if (Math.abs(skew) > SIGNATURE_WINDOW_SECONDS) {
      throw new AppError('signature_stale', `the request was signed ${Math.abs(skew)} s ${skew > 0 ? 'ago' : 'ahead of this clock'}; signatures are good for ${SIGNATURE_WINDOW_SECONDS} s either way (check the clock)`, { skew_seconds: skew });
    }
    const secret = this.auth.signingSecret(key);
    const fields = { method: req.method ?? '', pathWithQuery: req.url ?? '', timestamp, nonce, contentSha256, signature };
    if (!signatureMatches(secret, fields)) throw invalid('it does not match this key and request (method, path with query, timestamp, nonce and body hash are signed)');
    if (!(req.method === 'POST' || req.method === 'PUT') && contentSha256 !== EMPTY_SHA256) throw invalid(`a ${req.method} request has no body; sign the hash of an empty body`);
    const claimed = this.nonces.claim(`${key}:${nonce}`, nowMs);
    if (claimed === 'replayed') throw new AppError('signature_replayed', `the nonce ${nonce} was already used in the last ${2 * SIGNATURE_WINDOW_SECONDS / 60} minutes: a request is accepted once`);
    if (claimed === 'full') throw new AppError('unavailable', 'too many signed requests in the last 10 minutes to remember their nonces; try again shortly', { retry_after_seconds: 5 });
    return { key: new SignedKey(key), contentSha256 };
  }

  /** Throws `signature_invalid` unless the body received is the one signed. */
  checkBody(body: Buffer, contentSha256: string): void {
    if (!bodyMatches(body, contentSha256)) throw invalid('the body is not the one signed (its SHA-256 differs)');
  }
}
