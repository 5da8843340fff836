import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
}

/**
 * Two workstations: A (home, with the hosts) and B (the reviewer's, with none). Export on A, review
 * and approve on B, import the decision on A; the task runs on the test sshd.
 */
describe('offline approval review between two consoles', () => {
  let sshd: SshdFixture;
  let a: Harness;
  let b: Harness;
  let binding: number;
  const clock = new FakeClock(Date.now());
  const tokens = new Map<string, string>();

  async function as<K extends OpName>(h: Harness, user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(`${h.dir}:${user}`));
    if (!r.ok) throw new Error(`${r.body.error.code}: ${(r.body.error.details as { reason?: string } | undefined)?.reason ?? '-'}: ${r.body.error.message}`);
    return r.data;
  }

  async function user(h: Harness, user_name: string, roles: string[]): Promise<void> {
    await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
    const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password` }, undefined);
    assert.ok(login.ok);
    tokens.set(`${h.dir}:${user_name}`, login.data.token);
  }

  /** Start the task as dev on A and export its request; returns the request id and the bundle text. */
  async function requestAndExport(task: string): Promise<{ id: number; text: string }> {
    const started = await as(a, 'dev', 'tasks.start', { name: task });
    const id = started.approval!.request_id;
    return { id, text: (await as(a, 'dev', 'requests.export-bundle', { id })).content };
  }

  /** Import the request bundle on B and approve it as lead: the decision bundle. */
  async function reviewOnB(text: string, decision: 'approved' | 'rejected' = 'approved'): Promise<string> {
    const imported = await as(b, 'lead', 'bundles.import', { content: text });
    assert.equal(imported.kind, 'request');
    assert.equal(imported.review!.can_decide, true, imported.review!.why_not ?? '');
    return (await as(b, 'lead', 'reviews.decide', { id: imported.review!.id, decision, comment: 'reviewed at home' })).file.content;
  }

  before(async () => {
    sshd = await startSshd();
    a = await startHarness({ clock });
    b = await startHarness({ clock });
    const host = await a.trustedHost(sshd, 'pg-main', '127.0.0.1', 61);
    const g = await a.call('groups.create', { name: 'payments' });
    binding = (await a.call('bindings.create', { name: 'payments-db', group_id: g.id, executor_id: host })).id;
    await user(a, 'dev', ['developer']);
    await user(b, 'lead', ['viewer']);
    await user(b, 'nokey', ['dba']);
    await a.call('processes.create', { name: 'DB change', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    await as(a, 'dev', 'tasks.create', { name: 'fix-balances', type: 'database_change', script: 'UPDATE accounts SET note = 1;\n', client_command: 'cat', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
    // Trust both ways: B trusts A's console key; A trusts lead's key as a dba.
    await b.call('trust.add', { text: (await a.call('keys.export', { which: 'console' })).content });
    await as(b, 'lead', 'keys.create', {});
    await a.call('trust.add', { text: (await as(b, 'lead', 'keys.export', {})).content, role: 'dba' });
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
    await sshd?.dispose();
  });

  test('export on A, approve on B, import the decision on A: the change runs on the host, with the signed decision on record', async () => {
    const { id, text } = await requestAndExport('fix-balances');
    const onA = await a.call('requests.get', { id });
    assert.equal(onA.hash_version, 2);
    const report = await b.call('bundles.verify', { content: text });
    assert.equal(report.ok, true, JSON.stringify(report.refusal));
    assert.equal(report.content_hash, onA.content_hash, 'B recomputes the same portable hash from what it shows');
    const decision = await reviewOnB(text);

    const verified = await a.call('bundles.verify', { content: decision });
    assert.equal(verified.ok, true, JSON.stringify(verified.refusal));
    assert.equal((await a.call('requests.get', { id })).state, 'APPROVING', 'verify applies nothing');
    const applied = await a.call('bundles.import', { content: decision });
    assert.equal(applied.kind, 'decision');
    assert.equal(applied.request!.state, 'EXECUTING');
    const [inst] = (await a.call('instances.list', { run_id: applied.request!.run_id! })).items;
    const done = await a.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running);
    assert.equal(done.status, InstanceStatus.Finished, done.error ?? '');
    assert.equal(done.created_by, 'dev');
    const finished = await a.call('requests.get', { id });
    assert.equal(finished.state, 'EXECUTION_SUCCEEDED');
    const [d] = finished.decisions;
    assert.deepEqual([d!.approver, d!.source, d!.content_hash, d!.key_id], ['lead', 'bundle', onA.content_hash, (await as(b, 'lead', 'keys.mine', {})).key!.key_id]);
    assert.ok(d!.signature && d!.signed_at);

    // The same decision again is a replay: refused, audited, nothing changes.
    await assert.rejects(a.call('bundles.import', { content: decision }), /conflict: decision bundle .* was applied already/);
    // B's own decision bundle is not for B.
    await assert.rejects(b.call('bundles.import', { content: decision }), /conflict: this decision is for console/);
    // A's own request bundle is not reviewed on A.
    await assert.rejects(a.call('bundles.import', { content: text }), /conflict: this bundle comes from this console/);
    const refusals = (await a.call('audit.list', { action: 'bundle.refused' })).map((e) => (e.details as { reason: string }).reason);
    assert.deepEqual(refusals.sort(), ['replayed', 'wrong_console']);
    assert.equal((await a.call('audit.verify', {})).ok, true);
  });

  test('an edit on A between export and import voids the decision; the task does not run', async () => {
    const { id, text } = await requestAndExport('fix-balances');
    const decision = await reviewOnB(text);
    await as(a, 'dev', 'tasks.update', { name: 'fix-balances', script: 'DROP TABLE accounts;\n' });
    await assert.rejects(a.call('bundles.import', { content: decision }), /conflict: request #\d+ is PRE_CHECK_FAILED/);
    const r = await a.call('requests.get', { id });
    assert.equal(r.state, 'PRE_CHECK_FAILED');
    assert.equal(r.decisions.length, 0);
  });

  test('a re-pinned host key changes what is approved: the request is voided and the decision refused', async () => {
    await as(a, 'dev', 'tasks.update', { name: 'fix-balances', script: 'SELECT 1;\n' });
    const { id, text } = await requestAndExport('fix-balances');
    const decision = await reviewOnB(text);
    // Stand in for a host whose key changed and was re-pinned: the store holds another fingerprint now.
    const host = a.core.services.store.hosts.list()[0]!;
    a.core.services.store.hosts.update(host.id, { host_key_seen: 'SHA256:' + 'x'.repeat(43) }, new Date().toISOString());
    await a.call('hosts.accept-key', { id: host.id, fingerprint: 'SHA256:' + 'x'.repeat(43), repin: true });
    await assert.rejects(a.call('bundles.import', { content: decision }), /conflict: request #\d+ is PRE_CHECK_FAILED/);
    assert.match((await a.call('requests.get', { id })).reason ?? '', /host pg-main was changed/);
    await a.call('hosts.accept-key', { id: host.id, fingerprint: sshd.hostKeyFingerprint(), repin: true }).catch(async () => {
      a.core.services.store.hosts.update(host.id, { host_key_seen: sshd.hostKeyFingerprint() }, new Date().toISOString());
      await a.call('hosts.accept-key', { id: host.id, fingerprint: sshd.hostKeyFingerprint(), repin: true });
    });
  });

  test('the trust store refuses what it cannot bind, and only admins change it', async () => {
    const lead = (await as(b, 'lead', 'keys.export', {})).content;
    await assert.rejects(a.call('trust.add', { text: lead, role: 'dba' }), /conflict: this key is already trusted/);
    await assert.rejects(a.call('trust.add', { text: 'ssh-rsa AAAA', user_name: 'x', role: 'dba' }), /validation: not an Ed25519 public key/);
    await assert.rejects(as(a, 'dev', 'trust.add', { text: lead, role: 'dba' }), /forbidden/);
    await assert.rejects(a.call('trust.add', { text: (await b.call('keys.export', { which: 'console' })).content.replace('"console"', '"user"'), user_name: 'x', role: 'plugin' }), /validation: role: the plugin role cannot approve/);
    await assert.rejects(a.call('trust.revoke', { id: 9999 }), /not_found/);
    const mine = await as(a, 'dev', 'keys.mine', {});
    assert.equal(mine.key, null);
    const created = await as(a, 'dev', 'keys.create', {});
    assert.doesNotMatch(JSON.stringify(created), /PRIVATE/, 'the private key never leaves the console');
    const sealed = a.core.services.store.signingKeys.active('user', 'dev')!.sealed_private_key;
    assert.match(sealed, /^v1:/, 'sealed at rest like host secrets');
    assert.doesNotMatch(sealed, /PRIVATE/);
  });
  test('on B, only a key A trusts for the waiting role may sign; on A, a revoked key and an expired window are refused', async () => {
    const { id, text } = await requestAndExport('fix-balances');
    const imported = await as(b, 'nokey', 'bundles.import', { content: text });
    assert.equal(imported.review!.can_decide, false);
    await assert.rejects(as(b, 'nokey', 'reviews.decide', { id: imported.review!.id, decision: 'approved' }), /forbidden: unknown_key: you have no signing key/);
    await as(b, 'nokey', 'keys.create', {});
    await assert.rejects(as(b, 'nokey', 'reviews.decide', { id: imported.review!.id, decision: 'approved' }), /forbidden: unknown_key: the home console does not trust your key/);
    const decision = (await as(b, 'lead', 'reviews.decide', { id: imported.review!.id, decision: 'approved' })).file.content;
    await assert.rejects(as(b, 'lead', 'reviews.decide', { id: imported.review!.id, decision: 'rejected' }), /conflict: replayed/);

    const trusted = (await a.call('trust.list', {})).find((t) => t.user_name === 'lead')!;
    await a.call('trust.revoke', { id: trusted.id });
    await assert.rejects(a.call('bundles.import', { content: decision }), /forbidden: key .* was revoked/);
    await a.call('trust.add', { text: trusted.public_key, user_name: 'lead', role: 'dba' });
    // A day later (sessions end too: sign in again).
    clock.t += 25 * 3_600_000;
    const login = await a.core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined);
    assert.ok(login.ok);
    const late = await a.core.dispatch('bundles.import', { content: decision }, login.data.token);
    assert.ok(!late.ok && late.body.error.code === 'conflict' && /approval of request #\d+ had to finish by/.test(late.body.error.message), JSON.stringify(late));
    assert.equal((late.body.error.details as { reason: string }).reason, 'expired');
    tokens.set(`${a.dir}:admin`, login.data.token);
    assert.equal((await as(a, 'admin', 'requests.get', { id })).decisions.length, 0);
    const reasons = (await as(a, 'admin', 'audit.list', { action: 'bundle.refused' })).map((e) => (e.details as { reason: string }).reason);
    assert.ok(reasons.includes('revoked_key') && reasons.includes('expired'), reasons.join(', '));
    assert.equal((await as(a, 'admin', 'audit.list', { action: 'trust.revoked' })).length, 1);
  });
});
