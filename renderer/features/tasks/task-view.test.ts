import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvalText, awaitingApproval, formatInZone, frequencyText, unscheduledText } from './task-view';

test('only open requests count as waiting on approval', () => {
  assert.equal(awaitingApproval({ approval: null }), null);
  assert.deepEqual(awaitingApproval({ approval: { request_id: 4, state: 'APPROVING' } }), { request_id: 4, state: 'APPROVING' });
  assert.deepEqual(awaitingApproval({ approval: { request_id: 4, state: 'WAIT_FOR_EXECUTION' } }), { request_id: 4, state: 'WAIT_FOR_EXECUTION' });
  for (const state of ['EXECUTING', 'REJECTED', 'CANCELLED', 'EXECUTION_SUCCEEDED']) assert.equal(awaitingApproval({ approval: { request_id: 4, state } }), null, state);
  assert.equal(approvalText({ request_id: 12, state: 'APPROVING' }), 'awaiting approval #12');
  assert.equal(approvalText({ request_id: 12, state: 'WAIT_FOR_EXECUTION' }), 'approved, waiting to start #12');
});

test('times read as wall-clock time in the task zone, across DST', () => {
  assert.match(formatInZone('2024-07-01T01:00:00.000Z', 'Europe/Berlin'), /^2024-07-01 03:00:00 /);
  assert.match(formatInZone('2024-01-01T01:00:00.000Z', 'Europe/Berlin'), /^2024-01-01 02:00:00 /);
  assert.match(formatInZone('2024-06-30T17:30:00.000Z', 'Asia/Tokyo'), /^2024-07-01 02:30:00 /);
  assert.match(formatInZone('2024-03-10T12:00:05.000Z', 'UTC'), /^2024-03-10 12:00:05 UTC$/);
  assert.equal(formatInZone('not a time', 'UTC'), 'not a time');
});

test('schedules without cron and frequencies in words', () => {
  assert.equal(unscheduledText({ cron_expression: '0 3 * * *', frequency: { mode: 'repeat', time_zone: 'UTC' } }), null);
  assert.equal(unscheduledText({ cron_expression: '', frequency: { mode: 'once', time_zone: 'UTC' } }), 'once, when started');
  assert.equal(frequencyText({ mode: 'countdown', count: 3, time_zone: 'UTC' }), '3 times, then stops');
  assert.equal(frequencyText({ mode: 'countdown', count: 1, time_zone: 'UTC' }), '1 time, then stops');
  assert.equal(frequencyText({ mode: 'repeat', time_zone: 'UTC' }), 'until stopped');
});
