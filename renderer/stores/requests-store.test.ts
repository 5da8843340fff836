import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRequestView } from '../../shared/domain/requests';
import { belongsTo, isNewer, placeIn, placeInPage } from './requests-store';

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

test('page 1 follows arrivals and departures in place, and keeps its size', () => {
  const p1 = { ids: [9, 7, 6], total: 5, page: 1, perPage: 3 };
  const arrives = placeInPage(p1, 'to_approve', undefined, { ...r, id: 12 }, 'dora');
  assert.deepEqual(arrives, { ids: [12, 9, 7], total: 6, reload: false }, 'the oldest row moves on to page 2');
  const leaves = placeInPage(p1, 'to_approve', { ...r, id: 7 }, { ...r, id: 7, can_approve: false }, 'dora');
  assert.deepEqual(leaves, { ids: [9, 6], total: 4, reload: true }, 'the gap is filled from page 2');
  const last = placeInPage({ ids: [9, 7], total: 2, page: 1, perPage: 3 }, 'to_approve', { ...r, id: 7 }, { ...r, id: 7, state: 'REJECTED' }, 'dora');
  assert.deepEqual(last, { ids: [9], total: 1, reload: false }, 'nothing beyond the only page');
});

test('a request beyond page 1 changes only the total there; one before a later page refetches it', () => {
  const p1 = { ids: [9, 7, 6], total: 5, page: 1, perPage: 3 };
  // Request 2 sits on page 2: it moved into "to approve" (its node changed to one dora may decide).
  assert.deepEqual(placeInPage(p1, 'to_approve', { ...r, id: 2, can_approve: false }, { ...r, id: 2 }, 'dora'), { ids: [9, 7, 6], total: 6, reload: false });
  // Request 3, on page 2, was decided elsewhere.
  assert.deepEqual(placeInPage(p1, 'to_approve', { ...r, id: 3 }, { ...r, id: 3, state: 'REJECTED' }, 'dora'), { ids: [9, 7, 6], total: 4, reload: false });
  // The same request, known and unchanged in membership: nothing to do.
  const same = placeInPage(p1, 'to_approve', { ...r, id: 3 }, { ...r, id: 3 }, 'dora');
  assert.deepEqual(same, { ids: p1.ids, total: 5, reload: false });
  assert.equal(same.ids, p1.ids);

  const p2 = { ids: [5, 4, 3], total: 7, page: 2, perPage: 3 };
  assert.deepEqual(placeInPage(p2, 'all', undefined, { ...r, id: 12 }, 'dora'), { ids: [5, 4, 3], total: 8, reload: true }, 'a new request shifts every later page');
  assert.deepEqual(placeInPage(p2, 'to_approve', { ...r, id: 8 }, { ...r, id: 8, state: 'CANCELLED' }, 'dora'), { ids: [5, 4, 3], total: 6, reload: true }, 'one leaving page 1 pulls rows up');
  assert.deepEqual(placeInPage(p2, 'to_approve', { ...r, id: 4 }, { ...r, id: 4, can_approve: false }, 'dora'), { ids: [5, 3], total: 6, reload: true });
  assert.deepEqual(placeInPage(p2, 'to_approve', { ...r, id: 1 }, { ...r, id: 1, state: 'REJECTED' }, 'dora'), { ids: [5, 4, 3], total: 6, reload: false }, 'page 3 is not shown');
  assert.deepEqual(placeInPage({ ids: [5], total: 4, page: 2, perPage: 3 }, 'to_approve', { ...r, id: 4, can_approve: false }, { ...r, id: 4 }, 'dora'), { ids: [5, 4], total: 5, reload: false }, 'the last page takes a row in place');
});
