import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestStates } from '../../../shared/domain/processes';
import { executionJobEnd, executionJobType } from './request-job';

test('the job of an execution ends by its request: done only when it succeeded, open while the request is', () => {
  const cases: [string, ReturnType<typeof executionJobEnd>][] = [
    ['APPROVING', null],
    ['WAIT_FOR_EXECUTION', null],
    ['EXECUTING', null],
    ['EXECUTION_SUCCEEDED', { state: 'done' }],
    ['EXECUTION_FAILED', { state: 'failed', error: 'why' }],
    ['EXECUTION_EXPIRED', { state: 'failed', error: 'why' }],
    ['PRE_CHECK_FAILED', { state: 'failed', error: 'why' }],
    ['CANCELLED', { state: 'aborted', error: 'why' }],
  ];
  for (const [state, want] of cases) assert.deepEqual(executionJobEnd(state as never, 'why'), want, state);
  for (const s of requestStates) if (s !== 'EXECUTION_SUCCEEDED' && executionJobEnd(s, null)) assert.match(executionJobEnd(s, null)!.error!, /.+/, `${s} says why`);
  assert.equal(executionJobType('database_change'), 'database change');
  assert.equal(executionJobType('apply_permission'), 'apply permission');
});
