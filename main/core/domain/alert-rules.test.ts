import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webhookUrlProblem } from '../../../shared/domain/alerts';
import { InstanceStatus } from '../../../shared/domain/instances';
import { alertTitle, groupedMessage, groupOccurrence, instanceEvents, instanceMessage } from './alert-rules';
import { answerVerdict, retryDelayMs } from './webhook-payload';

test('instanceEvents: what an end is worth alerting on', () => {
  const cases: [number, number, number, string[]][] = [
    [InstanceStatus.Finished, 1, 0, ['success']],
    [InstanceStatus.AbnormalEnding, 1, 0, ['failure']],
    [InstanceStatus.AbnormalEnding, 1, 2, ['failure']],
    [InstanceStatus.AbnormalEnding, 3, 2, ['failure', 'retries_exhausted']],
    [InstanceStatus.TimeoutEnding, 3, 2, ['timeout', 'retries_exhausted']],
    [InstanceStatus.Unknown, 1, 0, ['failure']],
    [InstanceStatus.ManualCancellation, 3, 2, []],
    [InstanceStatus.Running, 1, 0, []],
  ];
  for (const [status, attempt, retries, want] of cases) assert.deepEqual(instanceEvents({ status: status as never, attempt }, retries), want, `${status} attempt ${attempt}/${retries}`);
});

test('groupOccurrence: at once outside the window, else joined to one message per window', () => {
  const at = (m: number): Date => new Date(Date.UTC(2026, 11, 1, 14, m));
  const first = groupOccurrence(undefined, 600, false, at(2));
  assert.deepEqual(first, { kind: 'send_now', group: { first_at: at(2).toISOString(), count: 1, window_until: at(12).toISOString() } });
  const second = groupOccurrence(first.group, 600, false, at(3));
  assert.deepEqual(second, { kind: 'join', group: { first_at: at(2).toISOString(), count: 2, window_until: at(22).toISOString() }, sendAt: at(12).toISOString() });
  assert.deepEqual(groupOccurrence(second.group, 600, true, at(4)), { kind: 'join', group: { ...second.group, count: 3 }, sendAt: null });
  assert.equal(groupOccurrence(second.group, 600, false, at(22)).kind, 'send_now', 'a quiet window starts over');
  assert.equal(groupOccurrence(first.group, 0, false, at(3)).kind, 'send_now', 'window 0: never grouped');
});

test('titleFor says how many since when', () => {
  assert.equal(alertTitle('failure', { task: 'nightly' }, 1, null).text, 'Task nightly failed');
  const grouped = alertTitle('failure', { task: 'nightly' }, 25, '2026-12-01T14:02:09.000Z');
  assert.equal(grouped.text, 'Task nightly failed 25 times since 14:02 UTC');
  assert.deepEqual(grouped.words, { key: 'failureGrouped', params: { task: 'nightly', count: 25, since: '14:02' } });
});

test('answerVerdict: what is tried again', () => {
  const cases: [string, number, string, boolean, boolean][] = [
    ['generic', 200, '', true, false], ['generic', 204, '', true, false], ['generic', 500, '', false, true], ['generic', 503, '', false, true],
    ['generic', 429, '', false, true], ['generic', 400, '', false, false], ['generic', 404, '', false, false], ['generic', 301, '', false, false],
    ['dingtalk', 200, '{"errcode":0,"errmsg":"ok"}', true, false], ['dingtalk', 200, '{"errcode":310000}', false, false], ['dingtalk', 200, '{"errcode":130101}', false, true],
    ['feishu', 200, '{"code":0}', true, false], ['feishu', 200, '{"StatusCode":0}', true, false], ['feishu', 200, '{"code":19021}', false, false],
    ['wecom', 200, '{"errcode":45009}', false, true], ['wecom', 200, 'not json', true, false], ['slack', 200, '{"errcode":1}', true, false],
  ];
  for (const [format, status, body, ok, retry] of cases) {
    const v = answerVerdict(format as never, status, body);
    assert.equal(v.ok, ok, `${format} ${status} ${body}`);
    if (!v.ok) assert.equal(v.retry, retry, `${format} ${status} ${body}`);
  }
});

test('retryDelayMs doubles and is bounded', () => {
  assert.deepEqual([2, 3, 4, 5, 6, 20].map((n) => retryDelayMs(n, 1000, 5000)), [1000, 2000, 4000, 5000, 5000, 5000]);
});

test('webhookUrlProblem: http and https only, no credentials', () => {
  for (const ok of ['https://oapi.dingtalk.com/robot/send?access_token=x', 'http://127.0.0.1:8080/hook', 'https://[::1]/x']) assert.equal(webhookUrlProblem(ok), null, ok);
  for (const [bad, why] of [
    ['file:///etc/passwd', /http or https, not file/], ['http://a:b@h/', /user name or password/], ['https://tok@h/', /user name or password/],
    ['data:text/plain,x', /not data/], ['//h/x', /not a valid URL/], ['', /not a valid URL/], [`https://h/${'x'.repeat(2048)}`, /at most 2048/],
  ] as const) assert.match(webhookUrlProblem(bad) ?? '', why, bad);
});

test('a grouped alert says how many since when, in English and in words with the count as a param', () => {
  const latest = instanceMessage('failure', {
    id: '7', task_name: 'nightly', host: { name: 'db-1' } as never, attempt: 1, status_name: 'AbnormalEnding', exit_code: 3, signal: null, error: null, ended_time: '2026-12-01T14:27:00.000Z',
  }, new Date('2026-12-01T14:27:00.000Z'));
  assert.equal(latest.text, 'on db-1 (attempt 1): exit code 3');
  const grouped = groupedMessage(latest, 25, '2026-12-01T14:02:09.000Z');
  assert.equal(grouped.title, 'Task nightly failed 25 times since 14:02 UTC');
  assert.equal(grouped.text, 'latest on db-1 (attempt 1): exit code 3');
  assert.deepEqual(grouped.words, {
    title: { key: 'failureGrouped', params: { task: 'nightly', count: 25, since: '14:02' } },
    body: { key: 'onHostFailedLatest', params: { host: 'db-1', attempt: 1, why: 'exit code 3' } },
  });
  assert.equal(groupedMessage(latest, 1, '2026-12-01T14:02:09.000Z'), latest, 'one occurrence is not a group');
});
