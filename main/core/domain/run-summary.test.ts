import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { finalSummary, type HostAttempt, type HostEnd, hostProgress, jobStateOf, runOutcome } from './run-summary';

const end = (host: string, status: HostEnd['status'], o: Partial<HostEnd> = {}): HostEnd => ({
  host, host_id: host.charCodeAt(0), attempt: 1, status, exit_code: status === InstanceStatus.Finished ? 0 : null, error: null, log_lines: 10, log_bytes: 100, ...o,
});

test('an instance end maps to one job state', () => {
  const cases: [HostEnd['status'], string][] = [
    [InstanceStatus.Finished, 'done'], [InstanceStatus.AbnormalEnding, 'failed'], [InstanceStatus.TimeoutEnding, 'failed'],
    [InstanceStatus.ManualCancellation, 'aborted'], [InstanceStatus.Unknown, 'unknown'],
  ];
  for (const [status, state] of cases) assert.equal(jobStateOf(status), state, `status ${status}`);
});

test('a run ends as the worst of its hosts\' last attempts, naming hosts by reason', () => {
  const cases: [string, HostEnd[], string, RegExp | null][] = [
    ['all finished', [end('a', 2), end('b', 2)], 'done', null],
    ['one failed', [end('a', 2), end('b', 3, { exit_code: 3 })], 'failed', /^1 of 2 host\(s\) did not finish: b: exit 3$/],
    ['a retry that finished stands for its host', [end('a', 3, { exit_code: 1 }), end('a', 2, { attempt: 2 })], 'done', null],
    ['failed beats aborted beats unknown', [end('a', 5, { error: 'cancelled' }), end('b', 81, { error: 'lost' }), end('c', 4, { error: 'timeout' })], 'failed', /c: timeout/],
    ['aborted beats unknown', [end('a', 5), end('b', 81)], 'aborted', /a, b: ended without a reason/],
    ['one reason, hosts together', [end('a', 81, { error: 'Taskdeck stopped' }), end('b', 81, { error: 'Taskdeck stopped' })], 'unknown', /^2 of 2 host\(s\) did not finish: a, b: Taskdeck stopped$/],
  ];
  for (const [name, ends, state, error] of cases) {
    const o = runOutcome(ends);
    assert.equal(o.state, state, name);
    if (error) assert.match(o.error ?? '', error, name);
    else assert.equal(o.error, null, name);
  }
});

test('the final summary counts exit codes and log totals of every attempt', () => {
  const three = finalSummary([end('a', 2), end('b', 2), end('c', 3, { exit_code: 1, log_lines: 1, log_bytes: 2000 })]);
  assert.equal(three.description, 'exit codes 0 ×2, 1 ×1; 21 log lines, 2.1 KB');
  assert.deepEqual(three.words, { key: 'finalSummary', params: { exits: '0 ×2, 1 ×1', lines: '21', bytes: '2.1 KB' } });
  // One host, retried: it counts once, by its last attempt.
  assert.equal(finalSummary([end('a', 3, { exit_code: 1 }), end('a', 2, { attempt: 2 })]).description, 'exit codes 0 ×1; 20 log lines, 200 B; 1 retried attempts included');
  assert.equal(finalSummary([end('a', 3, { exit_code: null })]).description, 'exit codes – ×1; 10 log lines, 100 B');
  assert.equal(finalSummary([]).description, 'no host ran; 0 log lines, 0 B');
});

test('progress counts hosts by their last attempt, not attempts; a host with a retry to come is not complete', () => {
  const a = (host: string, attempt: number, ended: boolean): HostAttempt => ({ host, attempt, ended });
  const cases: [string, HostAttempt[], string[], { completed: number; total: number }][] = [
    ['nothing stored yet', [], [], { completed: 0, total: 0 }],
    ['two hosts, one ended', [a('x', 1, true), a('y', 1, false)], [], { completed: 1, total: 2 }],
    ['one host retried once, both attempts ended', [a('x', 1, true), a('x', 2, true)], [], { completed: 1, total: 1 }],
    ['the retry still runs', [a('x', 1, true), a('x', 2, false)], [], { completed: 0, total: 1 }],
    ['first attempt ended, its retry is pending', [a('x', 1, true)], ['x'], { completed: 0, total: 1 }],
    ['attempts arrive out of order', [a('x', 2, true), a('x', 1, false)], [], { completed: 1, total: 1 }],
    ['a retry pending for another host only', [a('x', 1, true), a('y', 1, true)], ['y'], { completed: 1, total: 2 }],
  ];
  for (const [name, attempts, retrying, want] of cases) assert.deepEqual(hostProgress(attempts, new Set(retrying)), want, name);
});
