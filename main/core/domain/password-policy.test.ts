import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import { passwordProblem, requireAcceptablePassword } from './password-policy';

test('password policy: long, uncommon passwords that are not the user name pass', () => {
  for (const ok of ['adminpass1', 'correct horse battery', 'ops-night-pass-1', '夜间维护窗口的口令很长', 'Tr0ub4dor&3x']) assert.equal(passwordProblem(ok, 'admin'), null, ok);
});

test('password policy: short, repeated, common (with digits or symbols around) and user-name passwords are refused', () => {
  const cases: [string, string, string][] = [
    ['short1234', 'ann', 'too_short'],
    ['密码密码密码', 'ann', 'too_short'],
    ['aaaaaaaaaaaa', 'ann', 'one_character'],
    ['qwertyuiop', 'ann', 'common'],
    ['1234567890', 'ann', 'common'],
    ['Password2024!', 'ann', 'common'],
    ['!!Sunshine!!', 'ann', 'common'],
    ['postgres12345', 'ann', 'common'],
    ['Margaret.Ops', 'margaret.ops', 'user_name'],
    ['margaret.ops2026', 'margaret.ops', 'user_name'],
  ];
  for (const [pw, user, rule] of cases) assert.equal(passwordProblem(pw, user), rule, pw);
});

test('password policy: a refusal is a validation error naming the field', () => {
  assert.throws(
    () => requireAcceptablePassword('new_password', 'letmein2026', 'ann'),
    (err: unknown) => err instanceof AppError && err.code === 'validation' && /^new_password: .*common/.test(err.message) && JSON.stringify(err.details).includes('"field":"new_password","message":"is one of the most common passwords; choose one that is not easy to guess","rule":"common"'),
  );
});
