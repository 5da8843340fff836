import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiToken } from '../../../shared/domain/tokens';
import { sortedTokens, tokenStatus } from './token-model';

const base: ApiToken = {
  id: 'tok_0000000000000001', name: 'a', scopes: ['read'], owner: 'admin', created_by: 'admin', created_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2026-02-01T00:00:00.000Z', last_used_at: null, revoked_at: null, revoked_by: null,
};
const now = Date.parse('2026-01-15T00:00:00Z');

test('a token is active until it expires; revoked says by whom, even once past its expiry', () => {
  assert.deepEqual(tokenStatus(base, now), { kind: 'active' });
  assert.deepEqual(tokenStatus(base, Date.parse(base.expires_at)), { kind: 'expired' });
  const revoked = { ...base, revoked_at: '2026-01-10T00:00:00.000Z', revoked_by: 'root' };
  assert.deepEqual(tokenStatus(revoked, Date.parse('2027-01-01T00:00:00Z')), { kind: 'revoked', by: 'root' });
});

test('active tokens come first, soonest to expire first; ended ones after, newest first', () => {
  const later = { ...base, id: 'tok_2', name: 'later', expires_at: '2026-03-01T00:00:00.000Z' };
  const expired = { ...base, id: 'tok_3', name: 'expired', created_at: '2025-01-01T00:00:00.000Z', expires_at: '2025-02-01T00:00:00.000Z' };
  const revoked = { ...base, id: 'tok_4', name: 'revoked', created_at: '2025-06-01T00:00:00.000Z', revoked_at: '2025-07-01T00:00:00.000Z', revoked_by: 'admin' };
  assert.deepEqual(sortedTokens([expired, later, revoked, base], now).map((t) => t.name), ['a', 'later', 'revoked', 'expired']);
});
