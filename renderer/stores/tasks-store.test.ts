import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskInput, type Task } from '../../shared/domain/tasks';
import { withTask } from './tasks-store';

const task = (id: number, name: string, over: Partial<Task> = {}): Task => ({
  ...TaskInput.parse({ name, command: 'true' }),
  id, stage: 'Stopped', approval: null, running_instances: 0, runs_fired: 0, next_run_at: null, last_run_at: null,
  created_by: 'admin', owner: 'admin', started_by: null, edited_since_start: null, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', ...over,
});

test('a task event replaces its entry; a rename drops the old name', () => {
  let byName = withTask({}, task(1, 'a'));
  byName = withTask(byName, task(2, 'b'));
  byName = withTask(byName, task(1, 'a', { stage: 'Started' }));
  assert.deepEqual(Object.keys(byName).sort(), ['a', 'b']);
  assert.equal(byName.a!.stage, 'Started');
  byName = withTask(byName, task(1, 'a2'));
  assert.deepEqual(Object.keys(byName).sort(), ['a2', 'b']);
  // A new task that took a deleted task's name replaces it.
  byName = withTask(byName, task(3, 'b'));
  assert.equal(byName.b!.id, 3);
});
