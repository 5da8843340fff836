import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instanceErrorPlaceholders, instanceErrorText, instanceErrorWords, instanceErrorWordsEn, type InstanceErrorKey } from '../../../shared/domain/instance-error-words';
import { InstanceStatus } from '../../../shared/domain/instances';
import { ending } from './run-outcome';

const sample: Readonly<Record<string, string | number>> = { code: 127, signal: 'KILL', user: 'ops.admin', seconds: 90, bytes: 1048576 };

test('every error the core records reads back as the words it was made from', () => {
  for (const key of Object.keys(instanceErrorWordsEn) as InstanceErrorKey[]) {
    const params = Object.fromEntries(instanceErrorPlaceholders(key).map((p) => [p, String(sample[p])]));
    assert.deepEqual(instanceErrorWords(instanceErrorText(key, params)), { key, params }, key);
  }
});

test("a host's own message, or text that only starts like one of ours, has no words", () => {
  for (const text of ['cannot connect to 10.0.0.5:22: connection refused', 'exit code 2; and then more', 'EXIT CODE 2', '', 'cancelled by ']) {
    assert.equal(instanceErrorWords(text), null, text);
  }
});

test('the ends the core decides carry errors the console can read in its language', () => {
  const base = { mode: 'tied' as const, reason: null, shuttingDown: false, timeoutSeconds: 60, logLimitBytes: 1024, recordedError: null };
  const failed = ending({ ...base, outcome: { kind: 'exit', code: 2, reusable: false } });
  assert.equal(failed?.status, InstanceStatus.AbnormalEnding);
  assert.deepEqual(instanceErrorWords(failed!.error!), { key: 'exitCode', params: { code: '2' } });
  const killed = ending({ ...base, outcome: { kind: 'exit', code: 137, reusable: false } });
  assert.deepEqual(instanceErrorWords(killed!.error!), { key: 'killedBy', params: { signal: 'KILL' } });
  const timedOut = ending({ ...base, reason: 'timeout', outcome: { kind: 'closed', message: 'closed' } });
  assert.deepEqual(instanceErrorWords(timedOut!.error!), { key: 'timedOut', params: { seconds: '60' } });
});
