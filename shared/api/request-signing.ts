/**
 * Security level 1: a request proves it holds a credential's secret without sending it. The signature is an
 * HMAC-SHA256, keyed by the secret, over the method, the path with its query, a timestamp, a nonce and the body's
 * SHA-256; the request carries only the credential's id. One module for Node (the CLI, plug-ins, tests) and the
 * browser (the renderer): WebCrypto's `crypto.subtle` is in both.
 */

/** Headers a signed request carries, lower-case as Node reads them. */
export const SIGNATURE_HEADERS = {
  key: 'x-taskdeck-key',
  timestamp: 'x-taskdeck-timestamp',
  nonce: 'x-taskdeck-nonce',
  contentSha256: 'x-taskdeck-content-sha256',
  signature: 'x-taskdeck-signature',
} as const;

/** How far a request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** What the server accepts as a nonce: 16 to 64 URL-safe characters (the client sends 32 random hex digits). */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A credential as issued: `<id>.<secret>` (API tokens `tok_…`, sessions `ses_…`). */
export const CREDENTIAL_PATTERN = /^((?:tok|ses)_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export interface SignableRequest {
  readonly method: string;
  /** The request target exactly as sent: `/api/v1/instances?status=3`. */
  readonly pathWithQuery: string;
  /** The body exactly as sent (UTF-8), or undefined when there is none. */
  readonly body: string | undefined;
}

/** The id and secret of a credential, or undefined when it is not in the `<id>.<secret>` shape. */
export function splitCredential(credential: string): { id: string; secret: string } | undefined {
  const m = CREDENTIAL_PATTERN.exec(credential);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

/** The string the signature covers: one field a line, so no field can borrow bytes from its neighbour. */
export function canonicalRequest(r: { method: string; pathWithQuery: string; timestamp: string; nonce: string; contentSha256: string }): string {
  return ['TASKDECK-HMAC-SHA256', r.method.toUpperCase(), r.pathWithQuery, r.timestamp, r.nonce, r.contentSha256].join('\n');
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
const hex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', utf8(text)));
}

export async function hmacSha256Hex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, utf8(text)));
}

function randomNonce(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
}

/**
 * The headers that sign `req` with `credential` at time `now`. The secret never leaves this function: a captured
 * request names the credential's id and carries a signature good for this method, path, body and nonce only, for
 * five minutes, once.
 */
export async function signRequest(credential: string, req: SignableRequest, now: Date, nonce: string = randomNonce()): Promise<Record<string, string>> {
  const parts = splitCredential(credential);
  if (!parts) throw new Error('this credential cannot sign: sign in again, or create a new API token (tokens look like tok_….…)');
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const contentSha256 = await sha256Hex(req.body ?? '');
  const signature = await hmacSha256Hex(parts.secret, canonicalRequest({ method: req.method, pathWithQuery: req.pathWithQuery, timestamp, nonce, contentSha256 }));
  return {
    [SIGNATURE_HEADERS.key]: parts.id,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.contentSha256]: contentSha256,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

/** A transport's `authorize` hook for `credential`: signed headers at security level 1, a bearer header at level 0. */
export function requestAuthorizer(credential: string, level: 0 | 1, now: () => Date = () => new Date()): (req: SignableRequest) => Promise<Record<string, string>> {
  return async (req) => (level === 1 ? signRequest(credential, req, now()) : { authorization: `Bearer ${credential}` });
}

/**
 * The `authorize` hook every client uses (the renderer's and the CLI's transport): signed whenever the credential
 * can sign, so one client works at security level 0 and 1 and never sends its secret; a bearer header for a
 * credential from before signing (the server refuses it at level 1 with signature_missing).
 */
export function credentialAuthorizer(credential: () => string | undefined, now: () => Date = () => new Date()): (req: SignableRequest) => Promise<Record<string, string>> {
  return async (req) => {
    const c = credential();
    if (!c) return {};
    if (splitCredential(c) && globalThis.crypto?.subtle) return signRequest(c, req, now());
    return { authorization: `Bearer ${c}` };
  };
}
