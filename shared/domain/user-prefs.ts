import { z } from 'zod';

/** Languages the console is written in. */
export const languages = ['en', 'zh-CN'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

/** A zone name the runtime's Intl knows (IANA, or "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** "local" (the workstation's zone), "UTC", or a named IANA zone such as "Asia/Shanghai". */
export const TimeZonePref = z
  .string()
  .trim()
  .max(64)
  .refine((v) => v === 'local' || isTimeZone(v), { error: 'time_zone must be "local", "UTC" or an IANA zone name such as Asia/Shanghai' });

/** How one user wants the console shown; every field has a default, so an empty object is valid. */
export const UserPrefs = z.object({
  language: Language.nullable().default(null),
  time_zone: TimeZonePref.default('local'),
  hour12: z.boolean().default(false),
});
export type UserPrefs = z.infer<typeof UserPrefs>;

/** A change to one's preferences: only the fields given change. */
export const UserPrefsPatch = z.object({
  language: Language.nullable().optional(),
  time_zone: TimeZonePref.optional(),
  hour12: z.boolean().optional(),
});
export type UserPrefsPatch = z.infer<typeof UserPrefsPatch>;
