import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Grant } from '../../../shared/domain/grants';
import { grantStatus, shownGrants } from './grant-model';

const now = Date.parse('2024-05-01T10:00:00.000Z');
const g: Grant = {
  id: 1, user_name: 'dev', host_id: 3, host_name: 'pg-main', request_id: 7, granted_by: null,
  granted_at: '2024-05-01T08:00:00.000Z', expires_at: '2024-05-01T12:00:00.000Z', revoked_at: null, revoked_by: null, active: true,
};

test('a grant is active until it expires or someone revokes it', () => {
  assert.deepEqual(grantStatus(g, now), { kind: 'active' });
  assert.deepEqual(grantStatus(g, Date.parse(g.expires_at)), { kind: 'expired' }, 'listed as active, but its time ran out while the page was open');
  assert.deepEqual(grantStatus({ ...g, active: false, revoked_at: g.expires_at }, now), { kind: 'expired' }, 'the sweep ends it without a name');
  assert.deepEqual(grantStatus({ ...g, active: false, revoked_at: '2024-05-01T09:00:00.000Z', revoked_by: 'admin' }, now), { kind: 'revoked', by: 'admin' });
});

test('"active only" leaves out what ended', () => {
  const ended = { ...g, id: 2, active: false, revoked_at: '2024-05-01T09:00:00.000Z', revoked_by: 'admin' };
  assert.deepEqual(shownGrants([g, ended], 'active', now).map((x) => x.id), [1]);
  assert.deepEqual(shownGrants([g, ended], 'all', now).map((x) => x.id), [1, 2]);
});
