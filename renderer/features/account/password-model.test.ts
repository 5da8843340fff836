import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordRules } from '../../../shared/domain/users';
import { ApiError } from '../../api/client';
import { hasKey } from '../../i18n/messages';
import { resources } from '../../i18n/resources';
import { confirmMatches, refusedPasswordRules } from './password-model';

test('a refusal\'s password rules are read by field; unknown rules, other fields and other errors give none', () => {
  const refused = new ApiError('validation', 'new_password: is one of the most common passwords', 400, {
    fields: [{ field: 'new_password', message: 'is one of…', rule: 'common' }, { field: 'current_password', message: 'x', rule: 'made_up' }, { field: 'email', message: 'bad' }, null],
  });
  assert.deepEqual(refusedPasswordRules(refused), [{ field: 'new_password', rule: 'common' }]);
  assert.deepEqual(refusedPasswordRules(new ApiError('validation', 'x', 400, { fields: 'nope' })), []);
  assert.deepEqual(refusedPasswordRules(new ApiError('too_many_requests', 'wait', 429, { fields: [{ field: 'new_password', rule: 'common' }] })), []);
  assert.deepEqual(refusedPasswordRules(new Error('boom')), []);
});

test('the repeated new password must match once typed', () => {
  assert.equal(confirmMatches('a long secret', undefined), true);
  assert.equal(confirmMatches('a long secret', 'a long secret'), true);
  assert.equal(confirmMatches('a long secret', 'a long secreT'), false);
});

test('every password rule the core can name has words in both languages', () => {
  for (const lng of ['en', 'zh-CN'] as const) {
    for (const rule of passwordRules) assert.ok(hasKey(resources[lng], `account.rule.${rule}`), `${lng}: account.rule.${rule}`);
  }
});
