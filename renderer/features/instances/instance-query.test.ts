import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instancesHref, isFiltered, parseInstanceQuery } from './instance-query';

test('a hash query round-trips', () => {
  const q = parseInstanceQuery({ status: '3', host: '2', task: '4', run: 'ab12cd', from: '2024-05-01T10:00:00.000Z', to: '2024-05-02T10:00:00.000Z', page: '2', size: '100' });
  assert.deepEqual(q, { status: 3, host_id: 2, task_id: 4, run_id: 'ab12cd', from: '2024-05-01T10:00:00.000Z', to: '2024-05-02T10:00:00.000Z', page: 2, per_page: 100 });
  assert.deepEqual(parseInstanceQuery(Object.fromEntries(new URLSearchParams(instancesHref(q).split('?')[1]))), q);
  assert.equal(isFiltered(q), true);
});

test('defaults are left out and bad values ignored', () => {
  const q = parseInstanceQuery({ status: '7', host: 'x', page: '-1', size: '33', from: 'yesterday', run: 'a b' });
  assert.deepEqual(q, { page: 1, per_page: 50 });
  assert.equal(instancesHref(q), '/instances');
  assert.equal(isFiltered(q), false);
  assert.equal(instancesHref({ page: 1, per_page: 50, status: 1 }), '/instances?status=1');
});
