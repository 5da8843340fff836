import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { ending, type PumpOutcome, type StopReason } from './run-outcome';

test('ending: table of outcome × mode × stop reason', () => {
  const base = { shuttingDown: false, timeoutSeconds: 30, logLimitBytes: 1024, recordedError: null };
  const cases: [PumpOutcome, 'tied' | 'detached', StopReason | null, number | null, string | null][] = [
    [{ kind: 'exit', code: 0 }, 'tied', null, InstanceStatus.Finished, null],
    [{ kind: 'exit', code: 3 }, 'tied', null, InstanceStatus.AbnormalEnding, 'exit code 3'],
    [{ kind: 'exit', code: 137 }, 'detached', null, InstanceStatus.AbnormalEnding, 'killed by SIGKILL'],
    [{ kind: 'exit', code: 143 }, 'tied', 'cancel', InstanceStatus.ManualCancellation, 'cancelled by a user'],
    [{ kind: 'closed', message: 'x' }, 'tied', 'timeout', InstanceStatus.TimeoutEnding, 'timed out after 30s'],
    [{ kind: 'exit', code: 0 }, 'tied', 'limit', InstanceStatus.AbnormalEnding, 'log limit of 1024 bytes reached (halt policy)'],
    [{ kind: 'closed', message: 'lost' }, 'tied', null, InstanceStatus.AbnormalEnding, 'lost; a tied run ends with its connection'],
    [{ kind: 'closed', message: 'lost' }, 'detached', null, InstanceStatus.Unknown, 'lost; could not re-attach'],
    [{ kind: 'lost' }, 'detached', null, InstanceStatus.Unknown, 'the detached run is gone from the host and left no exit status'],
    [{ kind: 'error', message: 'boom' }, 'tied', null, InstanceStatus.AbnormalEnding, 'boom'],
  ];
  for (const [outcome, mode, reason, status, error] of cases) {
    const e = ending({ ...base, outcome, mode, reason });
    assert.equal(e?.status ?? null, status, JSON.stringify([outcome, mode, reason]));
    assert.equal(e?.error ?? null, error);
  }
  assert.equal(ending({ ...base, outcome: { kind: 'closed', message: 'x' }, mode: 'detached', reason: null, shuttingDown: true }), null, 'a detached run outlives a shutdown');
  assert.equal(ending({ ...base, outcome: { kind: 'closed', message: 'x' }, mode: 'tied', reason: null, shuttingDown: true })?.status, InstanceStatus.AbnormalEnding);
  assert.equal(ending({ ...base, outcome: { kind: 'exit', code: 0 }, mode: 'tied', reason: 'cancel', recordedError: 'processes of group 9 survived KILL' })?.error, 'processes of group 9 survived KILL');
});
