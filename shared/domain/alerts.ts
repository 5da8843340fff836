import { z } from 'zod';
import { Id, Timestamp } from './common';
import { TaskName } from './tasks';

/** What a rule may alert on. */
export const alertEvents = ['failure', 'timeout', 'retries_exhausted', 'success', 'approval_waiting'] as const;
export const AlertEvent = z.enum(alertEvents);
/** Each event as people say it (the alerts page, audit sentences); the console's English words are these. */
export const alertEventNamesEn: Readonly<Record<(typeof alertEvents)[number], string>> = { failure: 'Failed', timeout: 'Timed out', retries_exhausted: 'Retries exhausted', success: 'Succeeded', approval_waiting: 'Approval waiting for me' };
export type AlertEvent = z.infer<typeof AlertEvent>;

/** Where an alert goes: the in-app notification centre, a desktop notification, or an outgoing webhook. */
export const ChannelKind = z.enum(['in_app', 'desktop', 'webhook']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** The body a webhook receives: generic JSON, or the incoming-webhook format of Slack, DingTalk, Feishu or WeCom. */
export const WebhookFormat = z.enum(['generic', 'slack', 'dingtalk', 'feishu', 'wecom']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const MAX_WEBHOOK_URL = 2048;

/**
 * Why a webhook URL is refused, or null: http or https only (no file:, data:, …) and no user or password in it — a
 * credential in a URL ends up in logs and screenshots; a channel's secret is where a credential belongs.
 */
export function webhookUrlProblem(text: string): string | null {
  if (text.length > MAX_WEBHOOK_URL) return `url must be at most ${MAX_WEBHOOK_URL} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url is not a valid URL (e.g. https://hooks.example.com/services/…)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `url must be http or https, not ${url.protocol.replace(/:$/, '')}`;
  if (url.username || url.password) return 'url must not carry a user name or password; put a signing secret in the channel\'s secret instead';
  if (!url.hostname) return 'url must name a host';
  return null;
}

const WebhookUrl = z.string().trim().superRefine((v, ctx) => {
  const problem = webhookUrlProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const ChannelName = z.string().trim().min(1, 'name must not be empty').max(64, 'name must be at most 64 characters');
const Secret = z.string().min(1, 'secret must not be empty (leave it out for none)').max(256, 'secret must be at most 256 characters');
/** Repeats of one alert within this many seconds of the last message are grouped into one. */
const GroupWindow = z.number().int().min(0, 'group_window_seconds must be at least 0 (0: never group)').max(86_400, 'group_window_seconds must be at most 86400 (a day)');

/** A channel as the API shows it: its secret is never sent, only whether one is set. */
export const Channel = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ChannelKind,
  webhook_format: WebhookFormat.nullable().describe('webhooks only: the body\'s format'),
  url: z.string().nullable().describe('webhooks only'),
  secret_set: z.boolean().describe('whether a signing secret is stored (sealed; never returned)'),
  enabled: z.boolean(),
  group_window_seconds: z.number().int(),
  created_by: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Channel = z.infer<typeof Channel>;

export const ChannelCreate = z
  .object({
    name: ChannelName,
    kind: ChannelKind,
    webhook_format: WebhookFormat.optional().describe('default generic'),
    url: WebhookUrl.optional(),
    secret: Secret.optional().describe('signing secret, sealed at rest and never shown again (on the command line, give it in --config-file: a flag stays in the shell history)'),
    enabled: z.boolean().default(true),
    group_window_seconds: GroupWindow.default(600),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'webhook' && !c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'url: a webhook channel needs a URL' });
    if (c.kind !== 'webhook' && (c.url || c.webhook_format || c.secret)) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'url, webhook_format and secret belong to webhook channels only' });
  });
export type ChannelCreate = z.infer<typeof ChannelCreate>;

export const ChannelUpdate = z.object({
  id: Id,
  name: ChannelName.optional(),
  webhook_format: WebhookFormat.optional(),
  url: WebhookUrl.optional(),
  secret: Secret.nullable().optional().describe('a new secret; null removes it; left out keeps it'),
  enabled: z.boolean().optional(),
  group_window_seconds: GroupWindow.optional(),
});
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

/** A rule: these events of one task (or of every task, the workspace) go to a channel. */
export const AlertRule = z.object({
  id: z.number().int(),
  channel_id: z.number().int(),
  channel_name: z.string(),
  task_name: z.string().nullable().describe('null: every task (the workspace)'),
  events: z.array(AlertEvent),
  enabled: z.boolean(),
  created_by: z.string(),
  created_at: Timestamp,
});
export type AlertRule = z.infer<typeof AlertRule>;

const Events = z.array(AlertEvent).min(1, 'events: name at least one').max(alertEvents.length).transform((e) => [...new Set(e)]);

export const AlertRuleCreate = z.object({
  channel_id: Id,
  task_name: TaskName.nullable().default(null).describe('the task; null or left out: every task'),
  events: Events,
  enabled: z.boolean().default(true),
});
export type AlertRuleCreate = z.infer<typeof AlertRuleCreate>;

export const AlertRuleUpdate = z.object({ id: Id, events: Events.optional(), enabled: z.boolean().optional() });
export const AlertRuleQuery = z.object({ task_name: TaskName.optional() });

export const DeliveryState = z.enum(['pending', 'sent', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const DeliveryAttempt = z.object({
  attempt: z.number().int(),
  at: Timestamp,
  status: z.number().int().nullable().describe('HTTP status; null when no answer came'),
  latency_ms: z.number().int(),
  error: z.string().nullable(),
  response: z.string().nullable().describe('the start of the answer, at most 1 KiB'),
});

/** One alert on its way to one channel, with every attempt to send it. */
export const Delivery = z.object({
  id: z.number().int(),
  channel_id: z.number().int(),
  channel_name: z.string(),
  event: AlertEvent.or(z.literal('test')),
  title: z.string(),
  text: z.string(),
  grouped: z.number().int().describe('how many occurrences this message stands for'),
  state: DeliveryState,
  next_attempt_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  attempts: z.array(DeliveryAttempt),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryQuery = z.object({
  channel_id: Id.optional(),
  state: DeliveryState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
