import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvalsHref, parseApprovalsQuery } from './approvals-query';

test('a view and its page round-trip through the hash', () => {
  const q = parseApprovalsQuery({ view: 'all', page: '3', size: '100' });
  assert.deepEqual(q, { view: 'all', page: 3, perPage: 100 });
  assert.equal(approvalsHref(q), '/approvals?view=all&page=3&size=100');
  assert.deepEqual(parseApprovalsQuery(Object.fromEntries(new URLSearchParams(approvalsHref(q).split('?')[1]))), q);
});

test('defaults are left out and bad values ignored', () => {
  const q = parseApprovalsQuery({ view: 'theirs', page: '0', size: '33' });
  assert.deepEqual(q, { view: 'to_approve', page: 1, perPage: 50 });
  assert.equal(approvalsHref(q), '/approvals');
  assert.equal(approvalsHref({ view: 'mine', page: 1, perPage: 50 }), '/approvals?view=mine');
  assert.equal(parseApprovalsQuery({ page: '99999999999' }).page, 1);
});
