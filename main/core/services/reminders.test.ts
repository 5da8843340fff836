import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
}

const H = 3_600_000;

describe('reminders before a change request\'s windows lapse, and the notification centre', () => {
  let h: Harness;
  let sshd: SshdFixture;
  let clock: FakeClock;
  let binding: number;
  const tokens = new Map<string, string>();

  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    if (!r.ok) throw new Error(`${r.body.error.code}: ${r.body.error.message}`);
    return r.data;
  }

  async function signIn(): Promise<void> {
    for (const user_name of tokens.keys()) {
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
  }

  /** Move the clock on (sessions last 12 h, so everyone signs in again). */
  async function advance(hours: number): Promise<void> {
    clock.t += hours * H;
    await signIn();
  }

  const titles = async (user: string): Promise<string[]> => (await as(user, 'notifications.list', {})).items.map((n) => n.title);

  /** A command task under a one-node (dba) process with 24 h windows, started by dev: an APPROVING request opened now. */
  async function openRequest(name: string, strategy: unknown = { kind: 'manual' }): Promise<number> {
    await as('dev', 'tasks.create', { name, type: 'command', command: 'true', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' }, execution_strategy: strategy });
    const t = await as('dev', 'tasks.start', { name });
    assert.equal(t.approval?.state, 'APPROVING');
    return t.approval!.request_id;
  }

  before(async () => {
    clock = new FakeClock(Date.parse('2026-12-01T00:00:00Z'));
    h = await startHarness({ clock, reminderIntervalMs: 0 });
    sshd = await startSshd();
    const host = { id: await h.trustedHost(sshd, 'db-1', '127.0.0.1', 7) };
    const g = await h.call('groups.create', { name: 'payments' });
    binding = (await h.call('bindings.create', { name: 'payments-db', group_id: g.id, executor_id: host.id })).id;
    await h.call('processes.create', {
      name: 'Commands', task_type: 'command', validity: { approval_hours: 24, wait_hours: 24, execution_hours: 24 },
      risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }],
    });
    for (const [user_name, roles] of [['dora', ['dba']], ['dan', ['dba']], ['dev', ['developer']], ['vic', ['viewer']], ['ada', ['admin']], ['old', ['dba']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
      tokens.set(user_name, '');
    }
    await signIn();
    const old = (await h.call('users.list', {})).find((u) => u.user_name === 'old')!;
    await h.call('users.update', { id: old.id, disabled: true });
    tokens.delete('old');
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  test('at 25% and 1 h left the approvers who can act and the requester are reminded, once each; nobody else', async () => {
    const id = await openRequest('nightly-fix');
    await advance(1);
    assert.equal(h.core.services.reminders.tick(), 0, 'nothing is due early in the window');
    await advance(17); // 18 h of 24: 25% left
    assert.equal(h.core.services.reminders.tick(), 3, 'dora, dan (dba) and dev (requester)');
    assert.equal(h.core.services.reminders.tick(), 0, 'a reminder is never posted twice');
    assert.deepEqual(await titles('dora'), [`Request #${id} (nightly-fix) waits for your approval: 6 h left`]);
    assert.deepEqual(await titles('dev'), [`Your request #${id} (nightly-fix) is not approved yet: 6 h left`]);
    for (const user of ['vic', 'ada']) assert.deepEqual(await titles(user), [], `${user} cannot decide a dba node`);
    await advance(5); // 23 h: 1 h left
    assert.equal(h.core.services.reminders.tick(), 3);
    const page = await as('dan', 'notifications.list', {});
    assert.equal(page.unread, 2);
    assert.deepEqual(page.items.map((n) => n.title), [`Request #${id} (nightly-fix) waits for your approval: 1 h left`, `Request #${id} (nightly-fix) waits for your approval: 6 h left`]);
    assert.equal(page.items[0]!.link, `/approvals/${id}`);
    assert.equal(page.items[0]!.kind, 'reminder');
    // The words beside the English title and body: the console shows them in its reader's language.
    assert.deepEqual(page.items[0]!.words, {
      title: { key: 'approverTitle', params: { id, task: 'nightly-fix', left: '1 h' } },
      body: { key: 'approverBody', params: { node: 1, nodes: 1, role: 'dba', deadline: page.items[0]!.body.match(/by (.* UTC);/)![1]! } },
    });

    // Approved by dora (manual strategy): the wait window starts; only the requester is reminded of it, and approvers no more.
    await as('dora', 'requests.approve', { id });
    await advance(18);
    assert.equal(h.core.services.reminders.tick(), 1);
    assert.equal((await titles('dev'))[0], `Request #${id} (nightly-fix) is approved: start it within 6 h`);
    assert.equal((await as('dan', 'notifications.list', {})).total, 2);
    // A finished request gets no more reminders.
    await as('dev', 'requests.cancel', { id });
    await advance(5.5);
    assert.equal(h.core.services.reminders.tick(), 0, 'a cancelled request is not reminded of');
  });

  test('mark read: one or all, only your own; bad input refused', async () => {
    const mine = await as('dora', 'notifications.list', {});
    assert.ok(mine.unread >= 2);
    const first = mine.items[0]!;
    await assert.rejects(as('dev', 'notifications.read', { id: first.id }), /not_found: notification/, 'someone else\'s notification is not found');
    await assert.rejects(as('dora', 'notifications.read', { id: 999_999 }), /not_found/);
    await assert.rejects(as('dora', 'notifications.read', { id: first.id, all: true }), /validation/);
    await assert.rejects(as('dora', 'notifications.read', {}), /validation/);
    await assert.rejects(as('dora', 'notifications.read', { id: 'abc' }), /validation/);
    const one = await as('dora', 'notifications.read', { id: first.id });
    assert.deepEqual(one, { updated: 1, unread: mine.unread - 1 });
    assert.deepEqual(await as('dora', 'notifications.read', { id: first.id }), { updated: 0, unread: mine.unread - 1 }, 'reading twice changes nothing');
    assert.equal((await as('dora', 'notifications.list', { unread_only: 'true' })).items.some((n) => n.id === first.id), false);
    assert.ok((await as('dev', 'notifications.list', {})).unread > 0, 'dev\'s own are untouched');
    assert.equal((await as('dora', 'notifications.read', { all: true })).unread, 0);
    assert.equal((await as('dora', 'notifications.list', { per_page: 1, page: 2 })).items.length, 1, 'paged');
    await assert.rejects(as('dora', 'notifications.list', { per_page: 1000 }), /validation/);
  });

  test('closed across thresholds: one reminder on start-up; closed across the deadline: one "lapsed" notice, then it expires', async () => {
    const id = await openRequest('closed');
    const mine = async (user: string): Promise<string[]> => (await as(user, 'notifications.list', { per_page: 200 })).items.filter((n) => n.link === `/approvals/${id}`).map((n) => n.title);
    await advance(1);
    h = await h.restart();
    await signIn();
    assert.deepEqual(await mine('dora'), [], 'nothing is due 1 h in');
    // Closed from 1 h to 23.5 h: 25% and 1 h left both passed.
    await advance(22.5);
    h = await h.restart();
    await signIn();
    assert.deepEqual(await mine('dora'), [`Request #${id} (closed) waits for your approval: 30 min left`], 'one reminder for the latest threshold, not one per threshold');
    assert.deepEqual(await mine('dev'), [`Your request #${id} (closed) is not approved yet: 30 min left`]);
    // Closed again past the deadline: one "lapsed" notice, and the request expires.
    await advance(2);
    h = await h.restart();
    await signIn();
    assert.deepEqual(await mine('dan'), [`Request #${id} (closed): the approval window lapsed`, `Request #${id} (closed) waits for your approval: 30 min left`]);
    assert.equal((await as('dev', 'requests.get', { id })).state, 'APPROVAL_EXPIRED');
    h = await h.restart();
    await signIn();
    assert.equal((await mine('dan')).length, 2, 'an expired request gets nothing more');
  });

  test('thresholds are a setting: admins set them, others may not, out-of-range values are refused', async () => {
    assert.deepEqual(await as('vic', 'reminders.settings', {}), { enabled: true, percent_left: [25], minutes_left: [60] });
    await assert.rejects(as('dora', 'reminders.set-settings', { enabled: true, percent_left: [50], minutes_left: [] }), /forbidden/);
    for (const bad of [{ percent_left: [0] }, { percent_left: [100] }, { minutes_left: [0] }, { minutes_left: [14_401] }, { percent_left: [1, 2, 3, 4, 5, 6] }, { percent_left: [12.5] }]) {
      await assert.rejects(as('ada', 'reminders.set-settings', { enabled: true, percent_left: [], minutes_left: [], ...bad }), /validation/, JSON.stringify(bad));
    }
    const set = await as('ada', 'reminders.set-settings', { enabled: true, percent_left: [10, 50, 50], minutes_left: [] });
    assert.deepEqual(set, { enabled: true, percent_left: [50, 10], minutes_left: [] });
    const id = await openRequest('half');
    await advance(12);
    assert.equal(h.core.services.reminders.tick(), 3, 'at 50% left');
    await as('ada', 'reminders.set-settings', { enabled: false, percent_left: [10], minutes_left: [] });
    await advance(10);
    assert.equal(h.core.services.reminders.tick(), 0, 'turned off');
    await as('dev', 'requests.cancel', { id });
    await as('ada', 'reminders.set-settings', { enabled: true, percent_left: [25], minutes_left: [60] });
  });

  test('retention: 1,000 per user and 90 days; a pruned reminder is still never posted again', async () => {
    const n = h.core.services.notifications;
    const first = n.notify({ recipient: 'vic', kind: 'alert', title: 'first', dedupeKey: 'k-first' });
    assert.ok(first);
    for (let i = 0; i < 1000; i++) n.notify({ recipient: 'vic', kind: 'alert', title: `alert ${i}` });
    const page = await as('vic', 'notifications.list', { per_page: 200 });
    assert.equal(page.total, 1000);
    assert.equal(page.items[0]!.title, 'alert 999');
    assert.equal(h.core.services.store.notifications.get(first.id), undefined, 'the oldest went first');
    assert.equal(n.notify({ recipient: 'vic', kind: 'alert', title: 'first again', dedupeKey: 'k-first' }), null, 'its key outlives it');
    assert.equal(n.notify({ recipient: 'dora', kind: 'alert', title: 'first', dedupeKey: 'k-first' })?.title, 'first', 'keys are per recipient');
    await advance(91 * 24);
    assert.ok(n.prune() >= 1000);
    assert.equal((await as('vic', 'notifications.list', {})).total, 0);
    assert.ok(n.notify({ recipient: 'vic', kind: 'alert', title: 'first, 91 days on', dedupeKey: 'k-first' }), 'keys go after 90 days too');
  });
});
