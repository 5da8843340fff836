import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { BUNDLE_FORMAT, type DecisionBundleBody, type RequestBundleBody } from '../../../shared/domain/bundles';
import { bundlePayload, type DecisionContext, type HomeRequest, Purpose, reviewerRefusal, type TrustEntry, verifyDecisionBundle, verifyRequestBundle } from './bundle-verify';
import { openRequest } from './change-request';
import { portableContentHash } from './portable-content';
import { generateSigningKey, parsePublicKey, signPayload } from './signing';

const now = new Date('2026-03-01T10:00:00.000Z');
const home = 'home-console';
const homeKey = generateSigningKey();
const reviewerKey = generateSigningKey();
const strangerKey = generateSigningKey();

const task = { type: 'database_change' as const, command: '', script: 'UPDATE t SET a = 1;', client_command: 'psql', cron_expression: '', targets: [{ name: 'pg-a', address: '10.0.0.1:22', host_key: 'SHA256:aaa', client_command: '' }] };
const hash = portableContentHash(task);

const trustEntries = (over: Partial<Record<string, Partial<TrustEntry>>> = {}): ((k: string) => TrustEntry | undefined) => {
  const entries: Record<string, TrustEntry> = {
    [homeKey.key_id]: { key_id: homeKey.key_id, kind: 'console', public_key: homeKey.public_key, user_name: '', role: '', console_id: home, revoked_at: null, ...over.home },
    [reviewerKey.key_id]: { key_id: reviewerKey.key_id, kind: 'user', public_key: reviewerKey.public_key, user_name: 'lead', role: 'dba', console_id: '', revoked_at: null, ...over.reviewer },
  };
  return (k) => entries[k];
};

function requestBundle(over: Partial<RequestBundleBody> = {}, key = homeKey): string {
  const body: RequestBundleBody = {
    kind: 'request', format_version: 1, bundle_id: randomUUID(), origin: { console_id: home, key_id: key.key_id }, exported_at: now.toISOString(), exported_by: 'admin',
    request: { id: 7, task_name: 'fix', requester: 'dev', state: 'APPROVING', risk_level: 1, current_node: 0, node_roles: ['dba'], strategy: { kind: 'auto' }, validity: { approval_hours: 24, wait_hours: 24, execution_hours: 24 }, approval_deadline: '2026-03-02T10:00:00.000Z', created_at: now.toISOString() },
    task, process: { name: 'p', task_type: 'database_change' }, statements: [], hash_version: 2, content_hash: hash, decisions: [],
    approvers: [{ key_id: reviewerKey.key_id, user_name: 'lead', role: 'dba' }], ...over,
  };
  return JSON.stringify({ format: BUNDLE_FORMAT, body, signature: { key_id: key.key_id, value: signPayload(key.private_key, Purpose.request, bundlePayload(body)) } }, null, 2);
}

function decisionBundle(over: Partial<DecisionBundleBody> = {}, key = reviewerKey, purpose: string = Purpose.decision): string {
  const body: DecisionBundleBody = {
    kind: 'decision', format_version: 1, bundle_id: '0193c6a4-0000-7000-8000-000000000001', for_console: home, request_id: 7, request_bundle_id: randomUUID(),
    content_hash: hash, node: 0, decision: 'approved', comment: 'ok', signed_at: now.toISOString(), reviewer: 'lead', review_console: 'away', ...over,
  };
  return JSON.stringify({ format: BUNDLE_FORMAT, body, signature: { key_id: key.key_id, value: signPayload(key.private_key, purpose, bundlePayload(body)) } });
}

function homeRequest(o: { requester?: string; roles?: string[]; hashNow?: string; version?: number; state?: HomeRequest['machine']['state']; approvedBy?: string } = {}): HomeRequest {
  let m = openRequest({ requester: o.requester ?? 'dev', approval_nodes: (o.roles ?? ['dba']).map((role) => ({ role })), validity: { approval_hours: 24, wait_hours: 24, execution_hours: 24 }, strategy: { kind: 'auto' } }, now);
  if (o.approvedBy) m = { ...m, current_node: 1, nodes: m.nodes.map((n, i) => (i === 0 ? { ...n, approver: o.approvedBy!, decision: 'approved' as const } : n)) };
  if (o.state) m = { ...m, state: o.state };
  return { machine: m, content_hash: hash, hash_version: o.version ?? 2, current_hash: o.hashNow ?? hash };
}

const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({ consoleId: home, trust: trustEntries(), applied: () => false, request: (id) => (id === 7 ? homeRequest() : undefined), now, ...over });

test('a decision bundle signed by a trusted reviewer, on the content as it stands, verifies; the actor is who the trust store says', () => {
  const v = verifyDecisionBundle(decisionBundle({ reviewer: 'someone-else' }), ctx());
  assert.ok(v.ok, JSON.stringify(v.report));
  assert.deepEqual(v.value.actor, { user_name: 'lead', roles: ['dba'] }, 'the bundle\'s own claim of who signed counts for nothing');
  assert.deepEqual(v.report.checks.map((c) => c.check), ['format', 'console', 'key', 'signature', 'replay', 'state', 'hash', 'node', 'approver']);
});

test('every refusal of a decision bundle, each with its reason', () => {
  const refused = (text: string, c: DecisionContext = ctx()): string | undefined => {
    const v = verifyDecisionBundle(text, c);
    assert.equal(v.ok, false);
    return v.report.refusal?.reason;
  };
  assert.equal(refused('not json'), 'malformed');
  assert.equal(refused(JSON.stringify({ format: BUNDLE_FORMAT, body: { kind: 'decision' } })), 'malformed');
  assert.equal(refused(decisionBundle({ for_console: 'another-console' })), 'wrong_console');
  assert.equal(refused(decisionBundle({}, strangerKey)), 'unknown_key');
  assert.equal(refused(decisionBundle(), ctx({ trust: trustEntries({ reviewer: { revoked_at: '2026-02-01T00:00:00.000Z' } }) })), 'revoked_key');
  assert.equal(refused(decisionBundle({}, homeKey)), 'unknown_key', 'a console key cannot decide');
  assert.equal(refused(decisionBundle({}, reviewerKey, Purpose.request)), 'bad_signature', 'a signature made for another purpose');
  const forged = JSON.parse(decisionBundle()) as { body: DecisionBundleBody };
  forged.body.comment = 'changed after signing';
  assert.equal(refused(JSON.stringify(forged)), 'bad_signature');
  assert.equal(refused(decisionBundle(), ctx({ applied: () => true })), 'replayed');
  assert.equal(refused(decisionBundle({ request_id: 8 })), 'not_waiting');
  assert.equal(refused(decisionBundle(), ctx({ request: () => homeRequest({ state: 'WAIT_FOR_EXECUTION' }) })), 'not_waiting');
  assert.equal(refused(decisionBundle(), ctx({ now: new Date('2026-03-03T00:00:00.000Z') })), 'expired');
  assert.equal(refused(decisionBundle({ signed_at: '2026-03-02T11:00:00.000Z' })), 'expired', 'signed after the window closed');
  assert.equal(refused(decisionBundle(), ctx({ request: () => homeRequest({ hashNow: 'f'.repeat(64) }) })), 'hash_mismatch', 'the task changed since');
  assert.equal(refused(decisionBundle({ content_hash: 'e'.repeat(64) })), 'hash_mismatch');
  assert.equal(refused(decisionBundle(), ctx({ request: () => homeRequest({ version: 1 }) })), 'hash_mismatch', 'a request with a local (v1) hash');
  assert.equal(refused(decisionBundle({ node: 1 })), 'wrong_node');
  assert.equal(refused(decisionBundle(), ctx({ request: () => homeRequest({ requester: 'LEAD' }) })), 'own_request', 'a requester approving their own request through a bundle');
  assert.equal(refused(decisionBundle(), ctx({ trust: trustEntries({ reviewer: { role: 'developer' } }) })), 'role');
  assert.equal(refused(decisionBundle({ node: 1 }), ctx({ request: () => homeRequest({ roles: ['dba', 'dba'], approvedBy: 'lead' }) })), 'four_eyes');
});

test('byte-flipped decision bundles never verify as something they were not', () => {
  const text = decisionBundle();
  fc.assert(fc.property(fc.nat(text.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
    const flipped = text.slice(0, at) + String.fromCharCode((text.charCodeAt(at) + delta) % 256) + text.slice(at + 1);
    const v = verifyDecisionBundle(flipped, ctx());
    if (!v.ok) return true;
    // Only a flip that leaves the meaning as signed may pass (say, a digit's case in base64 padding never does).
    return JSON.stringify(JSON.parse(flipped)) === JSON.stringify(JSON.parse(text));
  }), { numRuns: 400 });
});

test('a request bundle verifies on the reviewer\'s console: console key, signature, hash over what it shows, window', () => {
  const rctx = { consoleId: 'away', trust: trustEntries(), now };
  const ok = verifyRequestBundle(requestBundle(), rctx);
  assert.ok(ok.ok, JSON.stringify(ok.report));
  const reason = (text: string, c = rctx): string | undefined => verifyRequestBundle(text, c).report.refusal?.reason;
  assert.equal(reason(requestBundle(), { ...rctx, consoleId: home }), 'wrong_console');
  assert.equal(reason(requestBundle({ origin: { console_id: home, key_id: homeKey.key_id } }, strangerKey)), 'bad_signature', 'signed by a key that is not the one it names');
  assert.equal(reason(requestBundle({}, strangerKey)), 'unknown_key');
  assert.equal(reason(requestBundle(), { ...rctx, trust: trustEntries({ home: { revoked_at: '2026-02-01T00:00:00.000Z' } }) }), 'revoked_key');
  assert.equal(reason(requestBundle({ origin: { console_id: 'elsewhere', key_id: homeKey.key_id } })), 'unknown_key', 'a console key vouches for its own console only');
  assert.equal(reason(requestBundle({ content_hash: 'a'.repeat(64) })), 'hash_mismatch', 'a hash that is not the hash of the script shown');
  assert.equal(reason(requestBundle(), { ...rctx, now: new Date('2026-03-05T00:00:00.000Z') }), 'expired');
  assert.equal(reason(requestBundle({ request: { ...JSON.parse(requestBundle()).body.request, state: 'REJECTED' } })), 'not_waiting');
  const tampered = JSON.parse(requestBundle()) as { body: RequestBundleBody };
  tampered.body.task.script = 'DROP TABLE t;';
  tampered.body.content_hash = portableContentHash(tampered.body.task);
  assert.equal(reason(JSON.stringify(tampered)), 'bad_signature', 'a new script with a matching hash still needs the console\'s signature');
  const text = requestBundle();
  fc.assert(fc.property(fc.nat(text.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
    const flipped = text.slice(0, at) + String.fromCharCode((text.charCodeAt(at) + delta) % 256) + text.slice(at + 1);
    const v = verifyRequestBundle(flipped, rctx);
    return !v.ok || JSON.stringify(JSON.parse(flipped)) === JSON.stringify(JSON.parse(text));
  }), { numRuns: 300 });
});

test('who may sign on the reviewer\'s side: a key the home console lists for the waiting node\'s role, not the requester, not twice', () => {
  const body = (JSON.parse(requestBundle()) as { body: RequestBundleBody }).body;
  assert.equal(reviewerRefusal(body, reviewerKey.key_id), null);
  assert.equal(reviewerRefusal(body, null)?.reason, 'unknown_key');
  assert.equal(reviewerRefusal(body, strangerKey.key_id)?.reason, 'unknown_key');
  assert.equal(reviewerRefusal({ ...body, request: { ...body.request, requester: 'lead' } }, reviewerKey.key_id)?.reason, 'own_request');
  const second = { ...body, request: { ...body.request, node_roles: ['dba', 'dba'], current_node: 1 }, decisions: [{ node: 0, approver: 'lead', decision: 'approved' as const, comment: null, decided_at: now.toISOString(), content_hash: hash, signature: null, key_id: null, source: 'local' as const, signed_at: null, evidence: null }] };
  assert.equal(reviewerRefusal(second, reviewerKey.key_id)?.reason, 'four_eyes');
});

test('public keys: key files, OpenSSH lines and PEM give the same id; private keys and other key types are refused', () => {
  const k = generateSigningKey();
  assert.match(k.key_id, /^SHA256:[A-Za-z0-9+/]{43}$/);
  assert.equal(parsePublicKey(k.public_key).key_id, k.key_id);
  assert.throws(() => parsePublicKey(k.private_key), /private key/);
  assert.throws(() => parsePublicKey('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ'), /ssh-ed25519/);
  assert.throws(() => parsePublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA'), /damaged/);
  assert.throws(() => parsePublicKey('{"format":"taskdeck-public-key/1","key_id":"SHA256:x","public_key":' + JSON.stringify(k.public_key) + '}'), /says key/);
  assert.throws(() => parsePublicKey('hello'), /not an Ed25519 public key/);
});
