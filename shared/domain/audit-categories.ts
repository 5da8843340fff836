import { z } from 'zod';

/** What an audit entry is about, for a filter a DBA scans by. */
export const AuditCategory = z.enum(['changes', 'runs', 'scheduler', 'approvals', 'security', 'sign_ins', 'system', 'other']);
export type AuditCategory = z.infer<typeof AuditCategory>;

export const auditCategoryLabels: Readonly<Record<AuditCategory, string>> = {
  changes: 'Changes', runs: 'Runs', scheduler: 'Scheduler fires', approvals: 'Approvals', security: 'Security',
  sign_ins: 'Sign-ins', system: 'System', other: 'Other',
};

/** Shown unless asked for: a task firing every minute and every sign-in would bury the rest. */
export const hiddenByDefault: readonly AuditCategory[] = ['scheduler', 'sign_ins'];
export const defaultAuditCategories: readonly AuditCategory[] = AuditCategory.options.filter((c) => !hiddenByDefault.includes(c));

/** `task.run` is a scheduler fire when its trigger is one of these, else a person's run. */
export const TASK_RUN = 'task.run';
export const SCHEDULED_TRIGGERS: readonly string[] = ['schedule', 'retry'];

/** Every action the core writes, by category (task.run apart: its trigger decides). The store filters with these lists. */
export const categoryActions: Readonly<Record<Exclude<AuditCategory, 'scheduler' | 'other'>, readonly string[]>> = {
  changes: [
    'task.created', 'task.updated', 'task.deleted', 'task.started', 'task.stopped', 'task.retries_cancelled',
    'host.created', 'host.updated', 'host.deleted', 'host.imported',
    'group.created', 'group.updated', 'group.deleted', 'binding.created', 'binding.updated', 'binding.deleted',
    'process.created', 'process.updated', 'process.deleted', 'process.enabled', 'process.disabled', 'process.priority',
    'setting.changed', 'user.created', 'user.updated', 'user.first_admin',
    'alert_channel.created', 'alert_channel.updated', 'alert_channel.deleted', 'alert_rule.created', 'alert_rule.updated', 'alert_rule.deleted',
  ],
  runs: ['run.started', 'instance.cancelled'],
  approvals: [
    'request.opened', 'request.approved', 'request.rejected', 'request.cancelled', 'request.executing', 'request.succeeded',
    'request.failed', 'request.expired', 'request.voided', 'request.pre_check_failed', 'request.exported',
    'review.imported', 'review.decided', 'permission.granted', 'permission.revoked', 'permission.expired',
  ],
  security: [
    'auth.login_failed', 'host.key_accepted', 'host.key_repinned', 'host.key_mismatch', 'token.created', 'token.revoked',
    'token.refused', 'key.created', 'trust.added', 'trust.revoked', 'bundle.refused', 'audit.reanchored', 'audit.rekeyed',
    'system.security_level', 'user.password_changed',
  ],
  sign_ins: ['auth.login', 'auth.logout', 'token.used'],
  system: ['system.backup', 'system.run_settings', 'settings.reminders'],
};

const byAction = new Map<string, AuditCategory>(
  Object.entries(categoryActions).flatMap(([c, actions]) => actions.map((a) => [a, c as AuditCategory] as const)),
);

/** Every action with a category of its own (task.run included); anything else is `other`. */
export const knownAuditActions: readonly string[] = [...byAction.keys(), TASK_RUN].sort();

/** The category of an entry: by its action, and for a task's run by what triggered it. */
export function auditCategoryOf(action: string, details: unknown): AuditCategory {
  if (action === TASK_RUN) {
    const trigger = details && typeof details === 'object' ? (details as { trigger?: unknown }).trigger : undefined;
    return typeof trigger === 'string' && SCHEDULED_TRIGGERS.includes(trigger) ? 'scheduler' : 'runs';
  }
  return byAction.get(action) ?? 'other';
}

/** `changes,runs` → the categories it names; unknown words are refused by the schema that calls this. */
export const AuditCategoryList = z
  .string()
  .trim()
  .max(200)
  .transform((s, ctx) => {
    const words = s.split(',').map((w) => w.trim()).filter(Boolean);
    const bad = words.filter((w) => !AuditCategory.safeParse(w).success);
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `unknown category ${bad.join(', ')}: use ${AuditCategory.options.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(words)] as AuditCategory[];
  });
