import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Task } from '../../../shared/domain/tasks';
import { taskButtons } from './task-buttons';

type T = Parameters<typeof taskButtons>[0];
const task = (over: Partial<T> = {}): T => ({ name: 'nightly', owner: 'dev', stage: 'Stopped', type: 'command', approval: null, execution_strategy: { kind: 'auto' } as Task['execution_strategy'], ...over });
const dev = { user_name: 'dev', roles: ['developer'] };
const eve = { user_name: 'eve', roles: ['developer'] };
const dba = { user_name: 'dora', roles: ['dba'] };

test('a Stopped task its owner may manage: every button on', () => {
  const b = taskButtons(task(), dev);
  assert.deepEqual([b.start.enabled, b.stop.enabled, b.run.enabled, b.edit.enabled], [true, true, true, true]);
  assert.equal(b.start.reason, undefined);
});

test('awaiting approval: Start and Run now are off, saying why and naming the request to link to', () => {
  const b = taskButtons(task({ approval: { request_id: 12, state: 'APPROVING' } }), dev);
  assert.deepEqual(b.start, { enabled: false, reason: 'Waiting for approval of change request #12: it starts once approved.', request_id: 12 });
  assert.equal(b.run.enabled, false);
  assert.equal(b.run.request_id, 12);
  assert.match(b.run.reason!, /^Run now waits for the change request too\. Waiting for approval of change request #12/);
  const manual = taskButtons(task({ approval: { request_id: 13, state: 'WAIT_FOR_EXECUTION' }, execution_strategy: { kind: 'manual' } }), dev);
  assert.deepEqual(manual.start, { enabled: false, reason: 'Change request #13 is approved and waiting: start it from the request.', request_id: 13 });
  // An executing or finished request holds nothing back.
  for (const state of ['EXECUTING', 'REJECTED', 'CANCELLED']) assert.equal(taskButtons(task({ approval: { request_id: 14, state } }), dev).start.enabled, true, state);
});

test('ownership first: another developer sees every button off with the owner named; a DBA may', () => {
  const b = taskButtons(task({ approval: { request_id: 12, state: 'APPROVING' } }), eve);
  for (const s of [b.start, b.stop, b.run, b.edit]) assert.equal(s.enabled, false);
  assert.equal(b.start.reason, 'task nightly belongs to dev: only its owner, an admin or a DBA may start it');
  assert.equal(b.start.request_id, undefined);
  assert.equal(taskButtons(task(), dba).run.enabled, true);
  assert.equal(taskButtons(task(), { user_name: 'DEV', roles: ['developer'] }).start.enabled, true, 'user names are case-insensitive');
  assert.equal(taskButtons(task(), null).start.reason, 'sign in first');
});

test('a Started task: Start off, Stop on, Edit opens read-only; a permission application is never "run now"', () => {
  const b = taskButtons(task({ stage: 'Started' }), dev);
  assert.deepEqual([b.start.enabled, b.stop.enabled, b.edit.enabled], [false, true, true]);
  assert.equal(b.start.reason, 'task nightly is already Started');
  assert.equal(b.edit.reason, 'task nightly is Started; stop it before editing: it opens read-only');
  assert.deepEqual(taskButtons(task({ type: 'apply_permission' }), dev).run, { enabled: false, reason: 'A permission application is not run: start it to apply' });
});
