import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import { nextStage, type TaskCommand } from './task-lifecycle';

test('lifecycle: table of stage × command', () => {
  const cases: [Parameters<typeof nextStage>[0], TaskCommand, number, boolean, string][] = [
    ['Stopped', 'start', 0, false, 'Started'],
    ['Started', 'start', 0, false, 'conflict'],
    ['Started', 'stop', 2, false, 'Stopped'],
    ['Stopped', 'stop', 0, false, 'conflict'],
    ['Stopped', 'update', 0, false, 'Stopped'],
    ['Started', 'update', 0, false, 'conflict'],
    ['Stopped', 'delete', 0, false, 'deleted'],
    ['Stopped', 'delete', 1, false, 'conflict'],
    ['Started', 'delete', 1, true, 'deleted'],
    ['Started', 'delete', 0, false, 'conflict'],
    ['Started', 'delete', 0, true, 'deleted'],
  ];
  for (const [stage, cmd, running, force, want] of cases) {
    let got: string;
    try {
      got = nextStage(stage, cmd, { name: 't', running, force });
    } catch (err) {
      got = (err as AppError).code;
    }
    assert.equal(got, want, `${stage} ${cmd} running=${running} force=${force}`);
  }
  assert.throws(() => nextStage('Started', 'update', { name: 'backup', running: 0 }), /backup is Started; stop it before editing/);
  assert.throws(() => nextStage('Started', 'delete', { name: 'backup', running: 0 }), /backup is Started; stop it first or delete with force=true/);
});
