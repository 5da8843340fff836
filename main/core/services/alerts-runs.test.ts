import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { startReceiver, type WebhookReceiver } from '../../../testing/webhook-receiver';
import { waitFor } from '../../../testing/wait';

describe('alerts wired to real runs: a task that fails on a real host alerts its channel, off the run\'s path', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let rx: WebhookReceiver;

  before(async () => {
    sshd = await startSshd();
    rx = await startReceiver();
    h = await startHarness();
  });

  after(async () => {
    await h.dispose();
    await rx.close();
    await sshd.dispose();
  });

  test('a failed run of the task reaches the webhook with its exit code; the run ends while the receiver has not answered yet', async () => {
    const host = await h.trustedHost(sshd, 'pg-1', '127.0.0.1', 61);
    const g = await h.call('groups.create', { name: 'g' });
    const binding = (await h.call('bindings.create', { name: 'b', group_id: g.id, executor_id: host })).id;
    await h.call('tasks.create', { name: 'breaks', command: 'echo going; exit 3', cron_expression: '0 0 * * *', binding_ids: [binding] });
    const ch = await h.call('channels.create', { name: 'ops', kind: 'webhook', webhook_format: 'wecom', url: `${rx.url}/cgi-bin/webhook/send?key=abc` });
    await h.call('alert-rules.create', { channel_id: ch.id, task_name: 'breaks', events: ['failure', 'success'] });
    rx.answers.push('hang'); // the receiver sits on it: the run's end must not wait for it
    const { run_id } = await h.call('tasks.run', { name: 'breaks' });
    const [inst] = (await h.call('instances.list', { run_id })).items;
    const done = await h.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running);
    assert.equal(done.status, InstanceStatus.AbnormalEnding);
    const [got] = await rx.waitFor(1);
    assert.deepEqual(JSON.parse(got!.body), { msgtype: 'text', text: { content: 'Task breaks failed\non pg-1 (attempt 1): exit code 3' } });
  });

  test('an in-app channel posts into the notification centre of the task\'s owner, who sees it in notifications.list', async () => {
    const ch = await h.call('channels.create', { name: 'console', kind: 'in_app', group_window_seconds: 0 });
    await h.call('alert-rules.create', { channel_id: ch.id, task_name: 'breaks', events: ['failure'] });
    const { run_id } = await h.call('tasks.run', { name: 'breaks' });
    const [inst] = (await h.call('instances.list', { run_id })).items;
    await h.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running);
    await waitFor('the alert in the centre', async () => (await h.call('notifications.list', { unread_only: true, page: 1, per_page: 30 })).items.some((n) => n.kind === 'alert'), 10_000);
    const [alert] = (await h.call('notifications.list', { unread_only: true, page: 1, per_page: 30 })).items.filter((n) => n.kind === 'alert');
    assert.equal(alert!.title, 'Task breaks failed');
    assert.equal(alert!.link, '/tasks/breaks');
    // Words beside the English, for the reader's language; the host is named once, in the text's params.
    assert.deepEqual(alert!.words?.title, { key: 'failure', params: { task: 'breaks' } });
    assert.equal(alert!.words?.body?.key, 'onHostFailed');
    assert.equal(alert!.words?.body?.params.attempt, 1);
  });
});
