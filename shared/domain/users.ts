import { z } from 'zod';
import { Id, Timestamp } from './common';
import { RoleName } from './roles';

export const UserName = z
  .string()
  .trim()
  .min(2, 'user_name must be at least 2 characters')
  .max(64, 'user_name must be at most 64 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'user_name may hold letters, digits, ".", "_" and "-"');

/**
 * Ten characters: with the common-password check (main/core/domain/password-policy.ts), scrypt hashes and sign-ins
 * locked after 5 failures, this is past NIST SP 800-63B's floor of 8 while existing consoles' passwords stay valid.
 */
export const PASSWORD_MIN_LENGTH = 10;

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1024, 'password must be at most 1024 characters');

const Email = z.email({ error: 'email is not a valid email address' }).max(254);
const Mobile = z.string().trim().max(32).regex(/^[0-9+() -]*$/, 'mobile may hold digits, spaces and + ( ) -');

export const User = z.object({
  id: Id,
  user_name: z.string(),
  nick_name: z.string(),
  mobile: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type User = z.infer<typeof User>;

export const UserCreate = z.object({
  user_name: UserName,
  nick_name: z.string().trim().max(64).default(''),
  mobile: Mobile.default(''),
  email: Email.nullable().optional(),
  password: Password,
  roles: z.array(RoleName).min(1, 'roles must name at least one role').max(32),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  id: Id,
  nick_name: z.string().trim().max(64).optional(),
  mobile: Mobile.optional(),
  email: Email.nullable().optional(),
  password: Password.optional(),
  roles: z.array(RoleName).min(1).max(32).optional(),
  disabled: z.boolean().optional(),
});

/** Why a password was refused, sent with the field's message (`details.fields[].rule`) so a console can say it in its language. */
export const passwordRules = ['too_short', 'one_character', 'user_name', 'common', 'same_as_current', 'wrong_current'] as const;
export type PasswordRule = (typeof passwordRules)[number];

/** Changing one's own password: the current one proves it is the user at the keyboard, not a borrowed session. */
export const PasswordChange = z.object({
  current_password: z.string().min(1, 'current_password is required').max(1024),
  new_password: Password,
});
export type PasswordChange = z.infer<typeof PasswordChange>;

export const Login = z.object({ user_name: z.string().trim().min(1, 'user_name is required').max(64), password: z.string().min(1, 'password is required').max(1024) });
export const LoginResult = z.object({ token: z.string(), user: User, expires_at: Timestamp });
export const SetupState = z.object({ needs_admin: z.boolean(), version: z.string() });
export const Setup = UserCreate.omit({ roles: true });
