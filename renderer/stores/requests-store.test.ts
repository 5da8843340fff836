import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRequestView } from '../../shared/domain/requests';
import { belongsTo, isNewer, placeIn } from './requests-store';

const r = { id: 5, state: 'APPROVING', can_approve: true, requester: 'dev', updated_at: '2024-05-01T10:00:00.000Z' } as ChangeRequestView;

test('which lists a request belongs in, for whom', () => {
  assert.equal(belongsTo('to_approve', r, 'dora'), true);
  assert.equal(belongsTo('to_approve', { ...r, can_approve: false }, 'dora'), false);
  assert.equal(belongsTo('to_approve', { ...r, state: 'WAIT_FOR_EXECUTION' }, 'dora'), false);
  assert.equal(belongsTo('mine', r, 'dev'), true);
  assert.equal(belongsTo('mine', r, 'dora'), false);
  assert.equal(belongsTo('all', r, undefined), true);
});

test('a changed request moves in or out of a list, newest first', () => {
  assert.deepEqual(placeIn([9, 3], 'to_approve', r, 'dora'), [9, 5, 3]);
  assert.deepEqual(placeIn([9, 5, 3], 'to_approve', { ...r, can_approve: false }, 'dora'), [9, 3]);
  const same = [9, 5, 3];
  assert.equal(placeIn(same, 'all', r, 'dora'), same, 'unchanged lists stay the same object');
});

test('an older answer never replaces a newer one', () => {
  assert.equal(isNewer(undefined, r), true);
  assert.equal(isNewer(r, { ...r, updated_at: '2024-05-01T10:00:01.000Z' }), true);
  assert.equal(isNewer(r, { ...r, can_approve: false }), true, 'same time: a role change may still change can_approve');
  assert.equal(isNewer({ ...r, updated_at: '2024-05-01T10:00:01.000Z' }, r), false);
});
