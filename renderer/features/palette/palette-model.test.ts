import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemScore, moveActive, paletteItems, rankItems, wordScore, type PaletteItem, type PaletteSources } from './palette-model';
import { GO_WINDOW_MS, interpretKey, type KeyPress } from './shortcuts';

const src: PaletteSources = {
  pages: [{ key: 'dashboard', label: 'Dashboard' }, { key: 'hosts', label: 'Hosts' }, { key: 'tasks', label: 'Tasks' }],
  hosts: [
    { id: 3, name: 'db-prod-1', host: '10.0.0.5:22', username: 'postgres', tag: 'production' },
    { id: 4, name: 'db-stage-1', host: '10.0.1.5:22', username: 'postgres', tag: '' },
  ],
  tasks: [{ name: 'nightly backup', description: 'pg_dump of orders', type: 'command' }, { name: 'constructor', description: '', type: 'database_change' }],
  requests: [{ id: 12, task_name: 'drop old partitions', state: 'APPROVING', requester: 'dora' }],
};
const items = paletteItems(src);
const titles = (q: string, limit = 10): string[] => rankItems(items, q, limit).map((i) => i.title);

test('every page, host, task and request becomes an item that opens its route', () => {
  const to = Object.fromEntries(items.map((i) => [i.key, i.to]));
  assert.equal(to['page:hosts'], '/hosts');
  assert.equal(to['host:3'], '/hosts/3');
  assert.equal(to['task:nightly backup'], '/tasks/nightly%20backup', 'names are encoded for the hash route');
  assert.equal(to['request:12'], '/approvals/12');
  assert.equal(items.find((i) => i.key === 'request:12')?.detail, 'Approving · by dora', 'a state a person reads, not APPROVING');
  assert.ok(items.some((i) => i.to === '/tasks/new'));
});

test('a substring beats a scattered match, a word start beats the middle, the title beats the detail', () => {
  assert.equal(titles('hosts')[0], 'Hosts');
  assert.deepEqual(titles('dbp1'), ['db-prod-1'], 'letters in order across word starts');
  assert.equal(titles('prod')[0], 'db-prod-1');
  assert.ok(wordScore('prod', 'db-prod-1')! > wordScore('rod', 'db-prod-1')!, 'word start');
  assert.ok(wordScore('back', 'backup')! > wordScore('back', 'xbackup')!, 'earlier');
  assert.equal(titles('#12')[0], '#12 drop old partitions');
  assert.deepEqual(titles('orders'), ['nightly backup'], 'the detail matches too');
  const t: PaletteItem = { key: 'x', kind: 'task', title: 'orders', to: '/' };
  const d: PaletteItem = { key: 'y', kind: 'task', title: 'z', detail: 'orders', to: '/' };
  assert.ok(itemScore('orders', t)! > itemScore('orders', d)!);
});

test('every word must match; case does not matter; odd input finds nothing rather than failing', () => {
  assert.deepEqual(titles('DB STAGE'), ['db-stage-1']);
  assert.deepEqual(titles('db production'), ['db-prod-1'], 'one word in the title, one in the detail');
  assert.deepEqual(titles('qqq'), []);
  assert.deepEqual(titles('db zzz'), []);
  assert.deepEqual(titles('constructor'), ['constructor'], 'a task named like an Object.prototype key is just a name');
  assert.deepEqual(titles('(.*'), [], 'regex characters are plain text');
  assert.equal(titles('', 100).length, items.length, 'an empty query lists everything');
  assert.equal(titles('', 2).length, 2, 'the limit holds');
  assert.equal(titles('', 100)[0], 'Dashboard', 'pages first when nothing is typed');
});

test('arrow keys wrap around the results', () => {
  assert.equal(moveActive(0, 1, 3), 1);
  assert.equal(moveActive(2, 1, 3), 0);
  assert.equal(moveActive(0, -1, 3), 2);
  assert.equal(moveActive(-1, 1, 0), -1, 'no rows, nothing highlighted');
});

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, at: 10_000, ...extra });

test('Ctrl+K and Cmd+K open the palette even while typing; ? and g-sequences never fire while typing', () => {
  assert.deepEqual(interpretKey(press('k', { ctrlKey: true }), null).action, { kind: 'palette' });
  assert.deepEqual(interpretKey(press('K', { metaKey: true, typing: true }), null).action, { kind: 'palette' });
  assert.equal(interpretKey(press('k', { ctrlKey: true, altKey: true }), null).action, null);
  assert.deepEqual(interpretKey(press('?'), null).action, { kind: 'help' });
  assert.equal(interpretKey(press('?', { typing: true }), null).action, null, 'a question mark typed into a field is text');
  assert.equal(interpretKey(press('k'), null).action, null);
});

test('g then a letter opens a page within the window, not after it, not while typing', () => {
  const g = interpretKey(press('g'), null);
  assert.deepEqual(g, { action: null, pendingGoAt: 10_000 });
  assert.deepEqual(interpretKey(press('h', { at: 10_500 }), g.pendingGoAt).action, { kind: 'go', to: '/hosts' });
  assert.equal(interpretKey(press('h', { at: 10_000 + GO_WINDOW_MS + 1 }), g.pendingGoAt).action, null, 'too late');
  assert.deepEqual(interpretKey(press('h', { at: 10_500, typing: true }), g.pendingGoAt), { action: null, pendingGoAt: null });
  assert.deepEqual(interpretKey(press('x', { at: 10_500 }), g.pendingGoAt), { action: null, pendingGoAt: null }, 'an unknown letter ends the sequence');
  assert.equal(interpretKey(press('h'), null).action, null, 'h alone does nothing');
});
