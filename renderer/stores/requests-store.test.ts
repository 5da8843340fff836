import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRequestView } from '../../shared/domain/requests';
import { installDesktopBridge } from '../api/desktop-bridge-double';
import { belongsTo, isNewer, listInput, noSearch, placeIn, placeInPage, requestsStore } from './requests-store';

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

// The store against a stand-in for the core's transport (the desktop bridge): each call waits until
// the test answers it, so answers can come in any order.
interface Ask {
  readonly op: string;
  readonly input: Record<string, unknown>;
  answer(data: unknown): void;
}
const asks: Ask[] = [];
installDesktopBridge((op, input) => new Promise((resolve) => asks.push({ op, input: input as Record<string, unknown>, answer: (data) => resolve({ ok: true, data }) })));

/** Wait (a turn of the event loop at a time) until `ok` holds. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(ok(), `never: ${what}`);
}
/** The one unanswered call, taken off the queue. */
function take(op: string): Ask {
  const i = asks.findIndex((a) => a.op === op);
  assert.ok(i >= 0, `no ${op} call; calls: ${asks.map((a) => a.op).join(', ') || 'none'}`);
  return asks.splice(i, 1)[0]!;
}
const req = (id: number, extra: Partial<ChangeRequestView> = {}): ChangeRequestView => ({ ...r, id, task_name: `task-${id}`, ...extra });
const page = (items: ChangeRequestView[], total = items.length) => ({ items, total, page: 1, per_page: 50 });
const at = { page: 1, perPage: 50, ...noSearch };
const fresh = (): void => {
  requestsStore.getState().reset();
  asks.length = 0;
};

test('a search and a state go to the core with the page', () => {
  assert.deepEqual(listInput('all', { ...at, q: ' balances ', state: 'REJECTED', page: 2 }), { view: 'all', page: 2, per_page: 50, q: 'balances', state: 'REJECTED' });
  assert.deepEqual(listInput('mine', at), { view: 'mine', page: 1, per_page: 50 });
});

test('the list shows the answer to the last search asked, never an older one', async () => {
  fresh();
  const s = requestsStore.getState();
  void s.loadList('all', at);
  const first = take('requests.list');
  void s.loadList('all', { ...at, q: 'bal' });
  assert.equal(requestsStore.getState().lists.all.q, 'bal');
  first.answer(page([req(3), req(2), req(1)]));
  const second = await until(() => asks.length > 0, 'the search is asked').then(() => take('requests.list'));
  assert.deepEqual(second.input, { view: 'all', page: 1, per_page: 50, q: 'bal' });
  assert.equal(requestsStore.getState().lists.all.loaded, false, 'the unsearched answer came after the search was asked: dropped');
  second.answer(page([req(2)]));
  await until(() => requestsStore.getState().lists.all.loaded, 'the search answer lands');
  const l = requestsStore.getState().lists.all;
  assert.deepEqual([l.ids, l.total, l.q, l.paging], [[2], 1, 'bal', false]);

  // From a loaded search to a state: the old rows stay, marked as another query's, until the answer.
  void s.loadList('all', { ...at, q: 'bal', state: 'REJECTED' });
  assert.equal(requestsStore.getState().lists.all.paging, true);
  take('requests.list').answer(page([], 0));
  await until(() => !requestsStore.getState().lists.all.paging, 'the state answer lands');
  assert.deepEqual(requestsStore.getState().lists.all.ids, []);
});

test('a change under a search reloads the page the core narrowed; without one it is placed here', async () => {
  fresh();
  const s = requestsStore.getState();
  void s.loadList('all', { ...at, q: 'task-2' });
  take('requests.list').answer(page([req(2)]));
  await until(() => requestsStore.getState().lists.all.loaded, 'loaded');
  s.changed(9);
  take('requests.get').answer(req(9));
  const reload = await until(() => asks.length > 0, 'a reload').then(() => take('requests.list'));
  assert.deepEqual(reload.input, { view: 'all', page: 1, per_page: 50, q: 'task-2' });
  assert.deepEqual(requestsStore.getState().lists.all.ids, [2], 'not placed here: the core decides whether task-9 matches');
  reload.answer(page([req(2)]));
  await until(() => !requestsStore.getState().lists.all.loading, 'reloaded');

  void s.loadList('all', at);
  take('requests.list').answer(page([req(2)]));
  await until(() => requestsStore.getState().lists.all.total === 1 && !requestsStore.getState().lists.all.q, 'unsearched');
  s.changed(10);
  take('requests.get').answer(req(10));
  await until(() => requestsStore.getState().lists.all.ids.length === 2, 'placed');
  assert.deepEqual(requestsStore.getState().lists.all.ids, [10, 2]);
  assert.equal(asks.length, 0, 'no reload');
});

test('the pending count stays the unnarrowed "to approve" total while the list is searched', async () => {
  fresh();
  const s = requestsStore.getState();
  void s.loadPending();
  take('requests.list').answer(page([req(4), req(3), req(2), req(1)]));
  await until(() => requestsStore.getState().pending === 4, 'counted from the list');

  void s.loadList('to_approve', { ...at, q: 'task-3' });
  take('requests.list').answer(page([req(3)]));
  await until(() => requestsStore.getState().lists.to_approve.total === 1, 'searched');
  assert.equal(requestsStore.getState().pending, 4);

  // A new request waits for me: the searched list reloads, and the count is asked for on its own.
  s.changed(5);
  take('requests.get').answer(req(5));
  await until(() => asks.length === 2, 'a reload and a count');
  const count = take('requests.list');
  const reload = take('requests.list');
  const [c, l] = count.input.per_page === 1 ? [count, reload] : [reload, count];
  assert.deepEqual(c.input, { view: 'to_approve', page: 1, per_page: 1 });
  assert.deepEqual(l.input, { view: 'to_approve', page: 1, per_page: 50, q: 'task-3' });
  c.answer(page([req(5)], 5));
  l.answer(page([req(3)]));
  await until(() => requestsStore.getState().pending === 5, 'counted');
  assert.equal(requestsStore.getState().lists.to_approve.total, 1);

  // A navigation badge mounted while the list is searched counts on its own too.
  void s.loadPending();
  take('requests.list').answer(page([req(5)], 6));
  await until(() => requestsStore.getState().pending === 6, 'counted again');

  // The search is cleared: the list's own total is the count again, placed live.
  void s.loadList('to_approve', at);
  take('requests.list').answer(page([req(5), req(4), req(3), req(2), req(1)], 5));
  await until(() => requestsStore.getState().pending === 5, 'from the list again');
  s.changed(4);
  take('requests.get').answer(req(4, { state: 'REJECTED', updated_at: '2024-05-01T10:00:05.000Z' }));
  await until(() => requestsStore.getState().pending === 4, 'placed');
  assert.equal(asks.length, 0, 'no count of its own');
});
