import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Process } from '../../shared/domain/processes';
import { withProcess } from './processes-store';

const p = (id: number, task_type: Process['task_type'], name = `p${id}`): Process =>
  ({ id, name, task_type, risk_levels: [], validity: { approval_hours: 24, wait_hours: 24, execution_hours: 24 }, enabled: true, remarks: '', association: { all: true }, created_by: 'admin', created_at: '', updated_at: '' }) as Process;

test('a changed process stays in its place; a new one goes last of its type', () => {
  const list = [p(1, 'command'), p(2, 'database_change'), p(3, 'database_change'), p(4, 'apply_permission')];
  assert.deepEqual(withProcess(list, p(2, 'database_change', 'renamed')).map((x) => x.name), ['p1', 'renamed', 'p3', 'p4']);
  assert.deepEqual(withProcess(list, p(9, 'database_change')).map((x) => x.id), [1, 2, 3, 9, 4]);
  assert.deepEqual(withProcess(list, p(9, 'command')).map((x) => x.id), [1, 9, 2, 3, 4]);
  assert.deepEqual(withProcess([], p(9, 'command')).map((x) => x.id), [9]);
  // A process whose type changed leaves its old type and goes last of the new one.
  assert.deepEqual(withProcess(list, p(1, 'database_change')).map((x) => x.id), [2, 3, 1, 4]);
});
