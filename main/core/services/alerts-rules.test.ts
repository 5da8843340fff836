import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { type Instance, InstanceStatus, instanceStatusNames } from '../../../shared/domain/instances';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { waitFor } from '../../../testing/wait';
import { startReceiver, type WebhookReceiver } from '../../../testing/webhook-receiver';
import type { NotifySink } from './alert-delivery';

class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
}

/** The in-app sink's stand-in: records what the notification centre would be told. */
class RecordingSink implements NotifySink {
  readonly got: Parameters<NotifySink['notify']>[0][] = [];
  notify(n: Parameters<NotifySink['notify']>[0]): void {
    this.got.push(n);
  }
}

const START = Date.parse('2026-12-01T14:02:00.000Z');
const MINUTE = 60_000;

describe('alert rules: which ends alert whom, grouping of repeats, restart with a pending delivery, approvals waiting', () => {
  let h: Harness;
  let rx: WebhookReceiver;
  let clock: FakeClock;
  const inApp = new RecordingSink();
  const tokens = new Map<string, string>();
  let taskId: number;
  let seq = 0;

  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    if (!r.ok) throw new Error(`${r.body.error.code}: ${r.body.error.message}`);
    return r.data;
  }

  /** An instance of the task ending as told: what runs' onDidEndInstance hands the alerts. */
  function ended(status: Instance['status'], o: Partial<Instance> = {}): Instance {
    seq += 1;
    const at = clock.now().toISOString();
    return {
      id: String(1000 + seq), run_id: `run-${seq}`, task_id: taskId, task_name: 'nightly', slot: null, attempt: 1, trigger: 'schedule', host_id: 1,
      host: { id: 1, name: 'db-1', host: '10.0.0.5:22' }, command: 'vacuum', mode: 'tied', status, status_name: instanceStatusNames[status],
      exit_code: status === InstanceStatus.Finished ? 0 : 3, signal: null, error: null, timeout: 0, log_lines: 0, log_bytes: 0, log_truncated: false,
      created_by: 'dev', created_time: at, started_time: at, ended_time: at, updated_time: at, description: null, frequency: null, cron_expression: null,
      maximum_parallel_runnable_num: null, tag: null, ...o,
    };
  }

  before(async () => {
    rx = await startReceiver();
    clock = new FakeClock(START);
    h = await startHarness({ clock, alerts: { sinks: { inApp }, delivery: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2000 } } });
    for (const [user_name, roles] of [['dev', ['developer']], ['dora', ['dba']], ['dan', ['dba']], ['eve', ['developer']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password-1`, roles });
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password-1` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
    const host = await h.call('hosts.create', { name: 'db-1', host: '10.0.0.5:22', username: 'postgres', machine_id: 7, auth: { kind: 'agent' } });
    // Nothing here connects: a key pinned as if accepted lets a change request open for the host.
    h.core.services.store.db.prepare("UPDATE hosts SET host_key_pinned = 'SHA256:fixture', host_key_type = 'ssh-ed25519', host_key_pinned_at = ? WHERE id = ?").run(clock.now().toISOString(), host.id);
    const g = await h.call('groups.create', { name: 'pg' });
    const binding = (await h.call('bindings.create', { name: 'pg-db-1', group_id: g.id, executor_id: host.id })).id;
    const created = await as('dev', 'tasks.create', { name: 'nightly', command: 'vacuum', cron_expression: '0 * * * * *', binding_ids: [binding], retry_times: 2, retry_interval: 10 });
    taskId = created.task.id;
    await as('dev', 'tasks.create', { name: 'other', command: 'true', cron_expression: '0 0 * * *', binding_ids: [binding] });
    await as('eve', 'tasks.create', { name: 'eves', command: 'true', cron_expression: '0 0 * * *', binding_ids: [binding] });
    await as('dev', 'tasks.create', { name: 'ddl', type: 'database_change', script: 'ALTER TABLE t ADD c int;', client_command: 'cat', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
  });

  after(async () => {
    await h?.dispose();
    await rx.close();
  });

  test('who may set which rule: the owner of a task, not another developer; workspace rules only alert managers', async () => {
    const ch = await h.call('channels.create', { name: 'team-hook', kind: 'webhook', url: `${rx.url}/team` });
    const own = await as('dev', 'alert-rules.create', { channel_id: ch.id, task_name: 'other', events: ['failure', 'failure'] });
    assert.deepEqual(own.events, ['failure'], 'repeats in the list are one');
    await assert.rejects(as('eve', 'alert-rules.create', { channel_id: ch.id, task_name: 'other', events: ['failure'] }), /forbidden: task other belongs to dev/);
    await assert.rejects(as('eve', 'alert-rules.update', { id: own.id, enabled: false }), /forbidden/);
    await assert.rejects(as('eve', 'alert-rules.delete', { id: own.id }), /forbidden/);
    await as('dora', 'alert-rules.update', { id: own.id, enabled: false });
    assert.deepEqual((await as('eve', 'alert-rules.list', { task_name: 'other' })).map((r) => [r.task_name, r.enabled]), [['other', false]]);
    await as('dev', 'alert-rules.delete', { id: own.id });
    await as('dev', 'channels.list', {});
  });

  test('25 failures of one task in 25 minutes are four messages, the last "failed 25 times since 14:02 UTC"; a restart sends the one pending', async () => {
    const ch = await h.call('channels.create', { name: 'oncall', kind: 'webhook', url: `${rx.url}/oncall`, group_window_seconds: 600 });
    const quiet = await h.call('channels.create', { name: 'successes', kind: 'webhook', url: `${rx.url}/successes` });
    await as('dev', 'alert-rules.create', { channel_id: ch.id, task_name: 'nightly', events: ['failure', 'timeout'] });
    await h.call('alert-rules.create', { channel_id: ch.id, events: ['failure'] }); // the workspace rule leads to the same channel: once, not twice
    await h.call('alert-rules.create', { channel_id: quiet.id, events: ['success'] });
    const onCall = (): typeof rx.received => rx.received.filter((r) => r.url === '/oncall');

    for (let k = 0; k < 25; k++) {
      clock.t = START + k * MINUTE;
      h.core.services.alerts.instanceEnded(ended(InstanceStatus.AbnormalEnding));
      // Each message due goes out before the next minute comes (as the minutes would let it).
      if (k === 0 || k === 10 || k === 20) await waitFor('the message due', () => onCall().length === 1 + k / 10, 10_000);
    }
    await waitFor('alerts to arrive', () => onCall().length === 3, 10_000);
    const titles = onCall().map((r) => (JSON.parse(r.body) as { title: string; count: number }));
    assert.deepEqual(titles.map((t) => [t.title, t.count]), [
      ['Task nightly failed', 1],
      ['Task nightly failed 10 times since 14:02 UTC', 10],
      ['Task nightly failed 20 times since 14:02 UTC', 20],
    ]);
    const pending = await h.call('deliveries.list', { channel_id: ch.id, state: 'pending' });
    assert.deepEqual(pending.map((d) => [d.title, d.grouped, d.next_attempt_at]), [['Task nightly failed 25 times since 14:02 UTC', 25, '2026-12-01T14:32:00.000Z']]);
    assert.equal(rx.received.filter((r) => r.url === '/successes').length, 0, 'a success rule is not told of failures');
    assert.equal((await h.call('deliveries.list', { channel_id: ch.id })).length, 4, 'four messages, not twenty-five');

    // Stopped with the summary pending; started again after it is due: it goes out.
    clock.t = START + 31 * MINUTE;
    h = await h.restart({ clock });
    clock.t = START + 33 * MINUTE;
    h = await h.restart({ clock });
    await waitFor('alerts to arrive', () => onCall().length === 4, 10_000);
    assert.equal((JSON.parse(onCall()[3]!.body) as { title: string }).title, 'Task nightly failed 25 times since 14:02 UTC');
    assert.deepEqual((await h.call('deliveries.list', { channel_id: ch.id, state: 'pending' })), []);
    for (const [user_name] of tokens) {
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password-1` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }

    // A success closes the group: the next failure is news again, at once; the success rule hears of the success.
    clock.t = START + 40 * MINUTE;
    h.core.services.alerts.instanceEnded(ended(InstanceStatus.Finished));
    clock.t = START + 41 * MINUTE;
    h.core.services.alerts.instanceEnded(ended(InstanceStatus.TimeoutEnding, { attempt: 3, error: 'timed out after 30 s' }));
    await waitFor('alerts to arrive', () => onCall().length === 5 && rx.received.some((r) => r.url === '/successes'), 10_000);
    const latest = JSON.parse(onCall()[4]!.body) as { title: string; text: string; link: string };
    assert.deepEqual([latest.title, latest.text, latest.link], ['Task nightly timed out', 'on db-1 (attempt 3): timed out after 30 s', '/tasks/nightly']);
    // A cancelled run alerts no one; nor does an ad-hoc run.
    const before = rx.received.length;
    h.core.services.alerts.instanceEnded(ended(InstanceStatus.ManualCancellation));
    h.core.services.alerts.instanceEnded(ended(InstanceStatus.AbnormalEnding, { task_id: null, task_name: null }));
    assert.deepEqual(await h.call('deliveries.list', { state: 'pending' }), []);
    assert.equal(rx.received.length, before);
  });

  test('the last failed attempt is "retries exhausted"; in-app alerts go to the task\'s owner and who ran it', async () => {
    const app = await h.call('channels.create', { name: 'console', kind: 'in_app', group_window_seconds: 0 });
    await as('dev', 'alert-rules.create', { channel_id: app.id, task_name: 'nightly', events: ['retries_exhausted'] });
    clock.t = START + 60 * MINUTE;
    h.core.services.alerts.instanceEnded(ended(InstanceStatus.AbnormalEnding, { attempt: 2 })); // retry_times 2: one retry to come
    h.core.services.alerts.instanceEnded(ended(InstanceStatus.AbnormalEnding, { attempt: 3, created_by: 'dora' }));
    await waitFor('alerts to arrive', () => inApp.got.length >= 2, 10_000);
    assert.deepEqual(inApp.got.map((n) => [n.user_name, n.kind, n.title, n.link]), [
      ['dev', 'alert.retries_exhausted', 'Task nightly failed after its last retry', '/tasks/nightly'],
      ['dora', 'alert.retries_exhausted', 'Task nightly failed after its last retry', '/tasks/nightly'],
    ]);
    assert.equal(new Set(inApp.got.map((n) => n.dedupe_key)).size, 2);
  });

  test('a request waiting for approval tells those who may decide its node, once, never its requester', async () => {
    inApp.got.length = 0;
    const desk = await h.call('channels.create', { name: 'approvers', kind: 'in_app' });
    await h.call('alert-rules.create', { channel_id: desk.id, events: ['approval_waiting'] });
    await h.call('processes.create', { name: 'DDL review', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }, { role: 'admin' }] }] });
    const started = await as('dev', 'tasks.start', { name: 'ddl' });
    const requestId = started.approval!.request_id;
    await waitFor('alerts to arrive', () => inApp.got.length >= 2, 10_000);
    assert.deepEqual(inApp.got.map((n) => [n.user_name, n.title, n.link]).sort(), [
      ['dan', `Request #${requestId} (task ddl) waits for approval`, `/approvals/${requestId}`],
      ['dora', `Request #${requestId} (task ddl) waits for approval`, `/approvals/${requestId}`],
    ]);
    inApp.got.length = 0;
    await as('dora', 'requests.approve', { id: requestId, comment: 'ok' });
    await waitFor('alerts to arrive', () => inApp.got.length >= 1, 10_000);
    assert.deepEqual(inApp.got.map((n) => n.user_name), ['admin'], 'node 2 needs an admin; dora approved node 1 and may not approve again');
    assert.match(inApp.got[0]!.body, /node 2 of 2 needs the role admin; requested by dev/);
  });
});
