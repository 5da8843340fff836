import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SIGNATURE_HEADERS, signRequest, splitCredential } from '../../shared/api/request-signing';
import { NonceCache } from './nonce-cache';
import { bodyMatches, type SignedFields, signatureMatches } from './request-signature';

const credential = `tok_0123456789abcdef.${'s'.repeat(43)}`;
const secret = splitCredential(credential)!.secret;

interface Sent { method: string; pathWithQuery: string; body: string; timestamp: string; nonce: string }

/** What the server checks of a request as received: the signature over its fields, then its body against the signed hash. */
function verifies(sent: Sent, headers: Record<string, string>): boolean {
  const fields: SignedFields = {
    method: sent.method, pathWithQuery: sent.pathWithQuery, timestamp: sent.timestamp, nonce: sent.nonce,
    contentSha256: headers[SIGNATURE_HEADERS.contentSha256]!, signature: headers[SIGNATURE_HEADERS.signature]!,
  };
  return signatureMatches(secret, fields) && bodyMatches(Buffer.from(sent.body, 'utf8'), fields.contentSha256);
}

/** `text` with the byte at `at` (mod its length) replaced by a different printable ASCII byte. */
function changeOneByte(text: string, at: number, delta: number): string {
  if (text.length === 0) return String.fromCharCode(33 + (delta % 94));
  const i = at % text.length;
  const c = text.charCodeAt(i);
  const next = 33 + (((c - 33 + 1 + (delta % 93)) % 94) + 94) % 94;
  return text.slice(0, i) + String.fromCharCode(next === c ? 33 + ((next - 33 + 1) % 94) : next) + text.slice(i + 1);
}

/** An HTTP method with one letter changed to another capital (methods are upper-case on the wire: `get` is not sent). */
function changeOneLetter(method: string, at: number, delta: number): string {
  const i = at % method.length;
  const next = 65 + ((method.charCodeAt(i) - 65 + 1 + (delta % 25)) % 26);
  return method.slice(0, i) + String.fromCharCode(next) + method.slice(i + 1);
}

const printable = (min: number, max: number) => fc.string({ unit: fc.integer({ min: 33, max: 126 }).map((n) => String.fromCharCode(n)), minLength: min, maxLength: max });

describe('request signing (WebCrypto in shared/) checked by the server (node:crypto)', () => {
  test('a request verifies as signed, and any single-byte change to method, path, body, timestamp or nonce does not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        printable(1, 80).map((p) => `/api/v1/${p}`),
        fc.option(fc.json(), { nil: undefined }),
        fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
        fc.constantFrom('method', 'pathWithQuery', 'body', 'timestamp', 'nonce'),
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        async (method, pathWithQuery, body, seconds, field, at, delta) => {
          const headers = await signRequest(credential, { method, pathWithQuery, body }, new Date(seconds * 1000));
          const sent: Sent = { method, pathWithQuery, body: body ?? '', timestamp: headers[SIGNATURE_HEADERS.timestamp]!, nonce: headers[SIGNATURE_HEADERS.nonce]! };
          assert.ok(verifies(sent, headers), 'the request as signed verifies');
          const changed = { ...sent, [field]: field === 'method' ? changeOneLetter(sent.method, at, delta) : changeOneByte(sent[field as keyof Sent], at, delta) };
          assert.notEqual(changed[field as keyof Sent], sent[field as keyof Sent]);
          assert.equal(verifies(changed, headers), false, `changing ${field} must break it`);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the signature carries the id only: the secret is in no header', async () => {
    const headers = await signRequest(credential, { method: 'GET', pathWithQuery: '/api/v1/hosts', body: undefined }, new Date());
    assert.equal(headers[SIGNATURE_HEADERS.key], 'tok_0123456789abcdef');
    assert.ok(!Object.values(headers).some((v) => v.includes(secret)));
    assert.equal(headers[SIGNATURE_HEADERS.contentSha256], createHash('sha256').update('').digest('hex'));
  });

  test('another key, or a signature of the wrong shape, does not verify', async () => {
    const headers = await signRequest(credential, { method: 'GET', pathWithQuery: '/api/v1/hosts', body: undefined }, new Date(1_700_000_000_000));
    const fields = { method: 'GET', pathWithQuery: '/api/v1/hosts', timestamp: '1700000000', nonce: headers[SIGNATURE_HEADERS.nonce]!, contentSha256: headers[SIGNATURE_HEADERS.contentSha256]! };
    assert.ok(signatureMatches(secret, { ...fields, signature: headers[SIGNATURE_HEADERS.signature]! }));
    assert.equal(signatureMatches('t'.repeat(43), { ...fields, signature: headers[SIGNATURE_HEADERS.signature]! }), false);
    for (const bad of ['', 'zz', headers[SIGNATURE_HEADERS.signature]!.toUpperCase(), headers[SIGNATURE_HEADERS.signature]!.slice(2)]) {
      assert.equal(signatureMatches(secret, { ...fields, signature: bad }), false, bad);
    }
  });

  test('a credential without an id cannot sign', async () => {
    await assert.rejects(signRequest('just-a-session-token', { method: 'GET', pathWithQuery: '/', body: undefined }, new Date()), /cannot sign/);
  });
});

describe('NonceCache', () => {
  test('a nonce is fresh once, replayed inside the retention, forgotten after it', () => {
    const c = new NonceCache(600_000, 10);
    assert.equal(c.claim('k:a', 0), 'fresh');
    assert.equal(c.claim('k:a', 599_999), 'replayed');
    assert.equal(c.claim('k:a', 600_000), 'fresh');
  });

  test('bounded: past the bound it refuses (never forgets a live nonce early), and frees room as nonces expire', () => {
    const c = new NonceCache(1000, 3);
    for (const [i, k] of ['a', 'b', 'c'].entries()) assert.equal(c.claim(k, i), 'fresh');
    assert.equal(c.claim('d', 10), 'full');
    assert.equal(c.claim('a', 10), 'replayed', 'the oldest is still remembered');
    assert.equal(c.size, 3);
    assert.equal(c.claim('d', 1000), 'fresh', 'a expired at 1000');
    assert.equal(c.size, 3);
    assert.equal(c.claim('e', 5000), 'fresh');
    assert.equal(c.size, 1);
  });
});
