import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHash } from '../../app/hash-route';
import { isKnownRoute } from './known-route';

const known = (hash: string): boolean => isKnownRoute(parseHash(hash).segments);

test('the console\'s pages, with their ids and actions, are known', () => {
  for (const hash of ['', '#/', '#/dashboard', '#/tasks', '#/tasks/new?type=sql', '#/tasks/nightly backup', '#/tasks/nightly/edit', '#/hosts/3', '#/groups/12', '#/bindings?group=2',
    '#/instances/7351012345678901234', '#/jobs/42', '#/approvals/12', '#/reviews/r-1', '#/settings', '#/users', '#/audit', '#/keys', '#/run', '#/processes', '#/processes/priority?type=command', '#/processes/policy', '#/processes/4', '#/permissions']) {
    assert.equal(known(hash), true, hash);
  }
});

test('unknown roots, extra segments, malformed ids and a prototype name are not found', () => {
  for (const hash of ['#/nope', '#/Dashboard', '#/constructor', '#/__proto__', '#/hosts/abc', '#/hosts/0', '#/hosts/-1', '#/groups/1.5', '#/settings/extra', '#/hosts/3/edit',
    '#/tasks/new/edit', '#/tasks/a/delete', '#/tasks/a/edit/more', '#/instances/<script>', '#/audit/1', '#/processes/other', '#/processes/4/x']) {
    assert.equal(known(hash), false, hash);
  }
});
