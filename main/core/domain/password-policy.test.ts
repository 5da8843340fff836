import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import { passwordProblem, requireAcceptablePassword } from './password-policy';

test('password policy: long, uncommon passwords that are not the user name pass', () => {
  for (const ok of ['adminpass1', 'correct horse battery', 'ops-night-pass-1', '夜间维护窗口的口令很长', 'Tr0ub4dor&3x']) assert.equal(passwordProblem(ok, 'admin'), null, ok);
});

test('password policy: short, repeated, common (with digits or symbols around) and user-name passwords are refused', () => {
  const cases: [string, string, RegExp][] = [
    ['short1234', 'ann', /at least 10/],
    ['密码密码密码', 'ann', /at least 10/],
    ['aaaaaaaaaaaa', 'ann', /repeated/],
    ['qwertyuiop', 'ann', /most common/],
    ['1234567890', 'ann', /most common/],
    ['Password2024!', 'ann', /most common/],
    ['!!Sunshine!!', 'ann', /most common/],
    ['postgres12345', 'ann', /most common/],
    ['Margaret.Ops', 'margaret.ops', /user name/],
    ['margaret.ops2026', 'margaret.ops', /user name/],
  ];
  for (const [pw, user, why] of cases) assert.match(passwordProblem(pw, user) ?? 'accepted', why, pw);
});

test('password policy: a refusal is a validation error naming the field', () => {
  assert.throws(
    () => requireAcceptablePassword('new_password', 'letmein2026', 'ann'),
    (err: unknown) => err instanceof AppError && err.code === 'validation' && /^new_password: /.test(err.message) && JSON.stringify(err.details).includes('"field":"new_password"'),
  );
});
