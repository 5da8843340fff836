import { z } from 'zod';

export const DailyQuery = z.object({
  day: z.iso.date({ error: 'day must be YYYY-MM-DD' }).optional(),
  tz: z.string().max(64).default('UTC'),
});

export const statusKeys = ['running', 'finished', 'abnormal', 'timeout', 'cancelled', 'unknown'] as const;
const Counts = z.object({ running: z.number(), finished: z.number(), abnormal: z.number(), timeout: z.number(), cancelled: z.number(), unknown: z.number() });

export const Daily = z.object({
  day: z.string(),
  tz: z.string(),
  from: z.string(),
  to: z.string(),
  hours: z.array(Counts.extend({ hour: z.number().int(), start: z.string() })),
  totals: Counts.extend({ scheduled: z.number(), total: z.number() }),
  top_failed_tasks: z.array(z.object({ task_id: z.number().int().nullable(), name: z.string(), failed: z.number() })),
  top_failed_hosts: z.array(z.object({ host_id: z.number().int().nullable(), name: z.string(), failed: z.number() })),
  pending_approvals: z.number().int(),
});
export type Daily = z.infer<typeof Daily>;
