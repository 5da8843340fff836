import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { BundleReport, DecisionBundleBody, KeyFile, SigningKeyView, TrustedKey } from '../../shared/domain/bundles';
import type { ChangeRequestView } from '../../shared/domain/requests';
import { bundlePayload, Purpose } from '../core/domain/bundle-verify';
import { generateSigningKey, signPayload } from '../core/domain/signing';
import type { Harness } from '../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from './http-server';

interface ErrorBody { error: { code: string; message: string; details?: { reason?: string; fields?: unknown } } }

describe('offline review over REST on the real HTTP server', () => {
  let s: ServerHarness;
  let h: Harness;
  let server: RunningServer;
  const tokens: Record<'admin' | 'viewer', string> = { admin: '', viewer: '' };
  const reviewer = generateSigningKey();

  async function call<T>(as: keyof typeof tokens, method: string, p: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
    const r = await fetch(`${server.url}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: JSON.parse(text) as T, text };
  }

  before(async () => {
    s = await startServerHarness();
    ({ h, server } = s);
    tokens.viewer = await s.signUp('vera', 'viewerpass1', ['viewer']);
    await h.call('users.create', { user_name: 'dev', password: 'devpass123', roles: ['developer'] });
    tokens.admin = s.admin;
  });
  after(() => s.dispose());

  test('keys: the console\'s and your own, public halves only; the trust store is for admins and refuses what is not a key', async () => {
    const consoleKey = await call<SigningKeyView & { console_id: string }>('viewer', 'GET', '/keys/console');
    assert.equal(consoleKey.status, 200);
    assert.match(consoleKey.body.key_id, /^SHA256:/);
    const created = await call<SigningKeyView>('viewer', 'POST', '/keys/mine');
    assert.equal(created.status, 201);
    const file = await call<KeyFile>('viewer', 'GET', '/keys/export?which=mine');
    assert.equal(JSON.parse(file.body.content).key_id, created.body.key_id);
    for (const r of [consoleKey, created, file]) assert.doesNotMatch(r.text, /PRIVATE KEY/);

    const refused = await call<ErrorBody>('viewer', 'POST', '/trust', { text: reviewer.public_key, user_name: 'lead', role: 'dba' });
    assert.equal(refused.status, 403);
    const garbage = await call<ErrorBody>('admin', 'POST', '/trust', { text: 'not a key', user_name: 'lead', role: 'dba' });
    assert.equal(garbage.status, 400);
    assert.match(garbage.body.error.message, /not an Ed25519 public key/);
    const secret = await call<ErrorBody>('admin', 'POST', '/trust', { text: reviewer.private_key, user_name: 'lead', role: 'dba' });
    assert.equal(secret.status, 400, 'a private key pasted by mistake is refused, not stored');
    const trusted = await call<TrustedKey>('admin', 'POST', '/trust', { text: reviewer.public_key, user_name: 'lead', role: 'dba' });
    assert.equal(trusted.status, 201);
    assert.equal(trusted.body.key_id, reviewer.key_id);
  });

  test('a request exported here is not reviewed here; a decision bundle verifies, applies once, and its replay is refused with the reason', async () => {
    const host = await h.call('hosts.create', { name: 'pg-x', host: '127.0.0.1:1', username: 'x', machine_id: 7, auth: { kind: 'agent' } });
    // No host is contacted here: its key is pinned as if accepted.
    const pin = 'SHA256:' + 'k'.repeat(43);
    h.core.services.store.hosts.update(host.id, { host_key_seen: pin, host_key_pinned: pin, host_key_pinned_at: new Date().toISOString() }, new Date().toISOString());
    const g = await h.call('groups.create', { name: 'g' });
    const binding = await h.call('bindings.create', { name: 'b', group_id: g.id, executor_id: host.id });
    await h.call('processes.create', { name: 'DB', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    await h.call('tasks.create', { name: 'ddl', type: 'database_change', script: 'SELECT 1;', client_command: 'cat', binding_ids: [binding.id], frequency: { mode: 'once', time_zone: 'UTC' } });
    const id = (await h.call('tasks.start', { name: 'ddl' })).approval!.request_id;
    const exported = await call<KeyFile>('viewer', 'GET', `/requests/${id}/bundle`);
    assert.equal(exported.status, 200);
    assert.match(exported.body.file_name, /\.tdbundle$/);
    const own = await call<BundleReport>('viewer', 'POST', '/bundles/verify', { content: exported.body.content });
    assert.equal(own.body.refusal?.reason, 'wrong_console');
    assert.equal((await call<ErrorBody>('admin', 'GET', '/requests/999999/bundle')).status, 404);

    const request = (await call<ChangeRequestView>('admin', 'GET', `/requests/${id}`)).body;
    const consoleId = (await call<{ console_id: string }>('admin', 'GET', '/keys/console')).body.console_id;
    const body: DecisionBundleBody = {
      kind: 'decision', format_version: 1, bundle_id: randomUUID(), for_console: consoleId, request_id: id, request_bundle_id: randomUUID(), content_hash: request.content_hash,
      node: 0, decision: 'rejected', comment: 'not today', signed_at: new Date().toISOString(), reviewer: 'lead', review_console: 'laptop',
    };
    const content = JSON.stringify({ format: 'taskdeck-bundle', body, signature: { key_id: reviewer.key_id, value: signPayload(reviewer.private_key, Purpose.decision, bundlePayload(body)) } });
    const verified = await call<BundleReport>('viewer', 'POST', '/bundles/verify', { content });
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body.refusal));
    assert.equal((await call<ChangeRequestView>('admin', 'GET', `/requests/${id}`)).body.state, 'APPROVING', 'verifying applies nothing');
    const applied = await call<{ request: ChangeRequestView }>('viewer', 'POST', '/bundles/import', { content });
    assert.equal(applied.status, 200, applied.text);
    assert.equal(applied.body.request.state, 'REJECTED');
    assert.deepEqual(applied.body.request.decisions.map((d) => [d.approver, d.source, d.key_id]), [['lead', 'bundle', reviewer.key_id]]);
    const replay = await call<ErrorBody>('viewer', 'POST', '/bundles/import', { content });
    assert.equal(replay.status, 409);
    assert.equal(replay.body.error.details?.reason, 'replayed');
    const junk = await call<ErrorBody>('viewer', 'POST', '/bundles/import', { content: 'garbage' });
    assert.equal(junk.status, 400);
    assert.equal(junk.body.error.details?.reason, 'malformed');
  });
});
