import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CliKit, startCliServer } from '../../testing/cli-kit';
import type { Harness } from '../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from '../server/http-server';

/** Offline review from two terminals: A is home (the request), B the reviewer's workstation; files travel between them. */
describe('taskdeck request export / bundle verify|import / request approve --review-id, between two consoles', () => {
  let home: Awaited<ReturnType<typeof startCliServer>> | undefined;
  let reviewer: ServerHarness | undefined;
  let a: Harness;
  let b: Harness;
  let serverB: RunningServer;
  let cliA: CliKit;
  let cliB: CliKit;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bundles-cli-'));
  const file = (name: string): string => path.join(files, name);
  let requestId = 0;

  before(async () => {
    home = await startCliServer();
    reviewer = await startServerHarness();
    ({ h: a, cli: cliA } = home);
    ({ h: b, server: serverB } = reviewer);
    cliB = new CliKit(serverB.url);
    await b.call('users.create', { user_name: 'lead', password: 'lead-password', roles: ['viewer'] });
    assert.equal((await cliB.run(['login', '--user-name', 'lead'], { TASKDECK_PASSWORD: 'lead-password' })).code, 0);

    // No host is contacted: its key is pinned as if accepted, so the portable hash has a fingerprint to bind.
    const host = await a.call('hosts.create', { name: 'pg-x', host: '127.0.0.1:1', username: 'x', machine_id: 7, auth: { kind: 'agent' } });
    const pin = 'SHA256:' + 'k'.repeat(43);
    a.core.services.store.hosts.update(host.id, { host_key_seen: pin, host_key_pinned: pin, host_key_pinned_at: new Date().toISOString() }, new Date().toISOString());
    const g = await a.call('groups.create', { name: 'g' });
    const binding = await a.call('bindings.create', { name: 'b', group_id: g.id, executor_id: host.id });
    await a.call('processes.create', { name: 'DB', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    await a.call('tasks.create', { name: 'ddl', type: 'database_change', script: 'SELECT 1;', client_command: 'cat', binding_ids: [binding.id], frequency: { mode: 'once', time_zone: 'UTC' } });
    requestId = (await a.call('tasks.start', { name: 'ddl' })).approval!.request_id;
  });
  after(async () => {
    await home?.dispose();
    await reviewer?.dispose();
    cliB?.dispose();
    fs.rmSync(files, { recursive: true, force: true });
  });

  test('keys are exchanged as files, the request travels, the decision comes back and is applied; a flipped byte is refused with exit 1', async () => {
    // Trust both ways, from the terminal: B trusts A's console key; A trusts lead's key as a dba.
    assert.equal((await cliA.run(['key', 'export', '--which', 'console', '--output', file('a.tdkey')])).code, 0);
    const bAdmin = new CliKit(serverB.url);
    await bAdmin.login();
    assert.equal((await bAdmin.run(['trust', 'add', '--key-file', file('a.tdkey')])).code, 0);
    bAdmin.dispose();
    assert.equal((await cliB.run(['key', 'create'])).code, 0);
    assert.equal((await cliB.run(['key', 'export', '--output', file('lead.tdkey')])).code, 0);
    const trusted = await cliA.run(['trust', 'add', '--key-file', file('lead.tdkey'), '--role', 'dba']);
    assert.equal(trusted.code, 0, trusted.err);
    const list = await cliA.run(['trust', 'list', '-o', 'json']);
    assert.deepEqual((JSON.parse(list.out) as { user_name: string; role: string }[]).map((k) => [k.user_name, k.role]), [['lead', 'dba']]);

    // DM's rule: no positionals, and the flag to use is named.
    const positional = await cliA.run(['request', 'export', String(requestId)]);
    assert.equal(positional.code, 2);
    assert.match(positional.err, /use --request-id/);

    const exported = await cliA.run(['request', 'export', '--request-id', String(requestId), '--output', file('r.tdbundle')]);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.err, /written to/);

    const verified = await cliB.run(['bundle', 'verify', '--file', file('r.tdbundle')], {}, { tty: true, columns: 120 });
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /signature\s+ok/);
    const imported = await cliB.run(['bundle', 'import', '--file', file('r.tdbundle'), '-o', 'json']);
    assert.equal(imported.code, 0, imported.err);
    const reviewId = (JSON.parse(imported.out) as { review: { id: number } }).review.id;
    assert.match(imported.err, new RegExp(`request approve --review-id ${reviewId}`), 'the import says how to decide');
    // On the reviewer's console the decision is given with the request commands, as at home.
    const both = await cliB.run(['request', 'approve', '--review-id', String(reviewId), '--id', String(requestId)]);
    assert.equal(both.code, 2);
    assert.match(both.err, /--review-id or the request's own id, not both/);
    const garbage = await cliB.run(['request', 'approve', '--review-id', 'x1']);
    assert.equal(garbage.code, 2);
    assert.match(garbage.err, /--review-id takes a review's id/);
    const early = await cliB.run(['request', 'export', '--review-id', String(reviewId), '--output', file('early.tdbundle')]);
    assert.equal(early.code, 1, 'no decision yet: nothing to export');
    assert.equal(fs.existsSync(file('early.tdbundle')), false);
    const decided = await cliB.run(['request', 'approve', '--review-id', String(reviewId), '--comment', 'looked at it at home', '-o', 'json']);
    assert.equal(decided.code, 0, decided.err);
    assert.equal((JSON.parse(decided.out) as { decision: string }).decision, 'approved');
    assert.match(decided.err, new RegExp(`request export --review-id ${reviewId} --output`));
    const written = await cliB.run(['request', 'export', '--review-id', String(reviewId), '--output', file('d.tdbundle')]);
    assert.equal(written.code, 0, written.err);
    assert.match(written.err, /written to/);

    // A byte flipped in the decision: verify says why and exits 1; nothing is applied.
    const text = fs.readFileSync(file('d.tdbundle'), 'utf8');
    const at = text.indexOf('looked at it');
    fs.writeFileSync(file('flipped.tdbundle'), text.slice(0, at) + 'L' + text.slice(at + 1));
    const flipped = await cliA.run(['bundle', 'verify', '--file', file('flipped.tdbundle')]);
    assert.equal(flipped.code, 1);
    assert.match(flipped.err, /bad_signature|malformed/);
    assert.equal((await a.call('requests.get', { id: requestId })).state, 'APPROVING');

    const applied = await cliA.run(['bundle', 'import', '--file', file('d.tdbundle')]);
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.err, new RegExp(`request ${requestId} is (EXECUTING|EXECUTION_)`));
    const again = await cliA.run(['bundle', 'import', '--file', file('d.tdbundle')]);
    assert.equal(again.code, 1, 'a replayed decision is an API error');
    assert.match(again.err, /applied already/);
  });
});
