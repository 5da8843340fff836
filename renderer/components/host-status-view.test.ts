import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostStatusView } from './host-status-view';

test('an Enabled host with a pending, unknown or changed key is not a green Enabled', () => {
  assert.deepEqual(hostStatusView('Enabled', null, { status: 'trusted' }), { label: 'Enabled', color: 'green', reason: null });
  const pending = hostStatusView('Enabled', null, { status: 'pending' });
  assert.deepEqual([pending.label, pending.color], ['Key pending', 'gold']);
  assert.match(pending.reason!, /^Enabled, but its host key was seen but not accepted/);
  assert.deepEqual([hostStatusView('Enabled', null, { status: 'unknown' }).label, hostStatusView('Enabled', null, { status: 'mismatch' }).color], ['Not verified', 'red']);
  for (const k of ['pending', 'unknown', 'mismatch'] as const) assert.notEqual(hostStatusView('Enabled', null, { status: k }).color, 'green', k);
});

test('other statuses say what they are, with the probe\'s reason; without a key the status stands', () => {
  assert.deepEqual(hostStatusView('Abnormal', 'connect timed out', { status: 'pending' }), { label: 'Abnormal', color: 'red', reason: 'connect timed out' });
  assert.deepEqual(hostStatusView('NotEnabled', undefined, { status: 'pending' }), { label: 'NotEnabled', color: 'default', reason: null });
  assert.deepEqual(hostStatusView('Enabled', null), { label: 'Enabled', color: 'green', reason: null });
});
