import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvalsHref, parseApprovalsQuery } from './approvals-query';

test('a view and its page round-trip through the hash', () => {
  const q = parseApprovalsQuery({ view: 'all', page: '3', size: '100' });
  assert.deepEqual(q, { view: 'all', q: '', state: null, page: 3, perPage: 100 });
  assert.equal(approvalsHref(q), '/approvals?view=all&page=3&size=100');
  assert.deepEqual(parseApprovalsQuery(Object.fromEntries(new URLSearchParams(approvalsHref(q).split('?')[1]))), q);
});

test('defaults are left out and bad values ignored', () => {
  const q = parseApprovalsQuery({ view: 'theirs', page: '0', size: '33' });
  assert.deepEqual(q, { view: 'to_approve', q: '', state: null, page: 1, perPage: 50 });
  assert.equal(approvalsHref(q), '/approvals');
  assert.equal(approvalsHref({ view: 'mine', q: '', state: null, page: 1, perPage: 50 }), '/approvals?view=mine');
  assert.equal(parseApprovalsQuery({ page: '99999999999' }).page, 1);
});

test('a search and a state round-trip through the hash, before the page', () => {
  const q = parseApprovalsQuery({ view: 'all', q: '  fix balances ', state: 'REJECTED', page: '2' });
  assert.deepEqual(q, { view: 'all', q: 'fix balances', state: 'REJECTED', page: 2, perPage: 50 });
  const href = approvalsHref(q);
  assert.equal(href, '/approvals?view=all&q=fix+balances&state=REJECTED&page=2');
  assert.deepEqual(parseApprovalsQuery(Object.fromEntries(new URLSearchParams(href.split('?')[1]))), q);
  // What a search may hold survives the hash: #id, %, &, =, ?.
  const odd = { ...q, q: '#12 100%_&a=b?' };
  assert.deepEqual(parseApprovalsQuery(Object.fromEntries(new URLSearchParams(approvalsHref(odd).split('?')[1]))), odd);
});

test('a state that is not one, a state on "to approve", and an overlong search are dropped or cut', () => {
  assert.equal(parseApprovalsQuery({ view: 'all', state: 'DONE' }).state, null);
  assert.equal(parseApprovalsQuery({ state: 'APPROVING' }).state, null, '"to approve" holds approving requests only');
  assert.equal(approvalsHref({ view: 'to_approve', q: 'x', state: 'REJECTED', page: 1, perPage: 50 }), '/approvals?q=x');
  assert.equal(parseApprovalsQuery({ q: 'a'.repeat(200) }).q.length, 128);
  assert.equal(approvalsHref({ view: 'mine', q: '   ', state: null, page: 1, perPage: 50 }), '/approvals?view=mine');
});
