import type { NoticeWords } from '../../../shared/domain/notice-words';
import { createHmac } from 'node:crypto';
import type { AlertEvent, WebhookFormat } from '../../../shared/domain/alerts';

/** What an alert says, whatever carries it. */
export interface AlertMessage {
  readonly event: AlertEvent | 'test';
  /** What it is about (`Task nightly`); the title adds what happened. */
  readonly subject: string;
  readonly title: string;
  readonly text: string;
  readonly task_name: string | null;
  /** Where in the console it leads (`/tasks/nightly`). */
  readonly link: string | null;
  /** How many occurrences it stands for (a grouped message), and since when. */
  readonly count: number;
  readonly since: string | null;
  readonly at: string;
  /** The title's and text's words for the notification centre (webhooks send the English text). Absent in messages stored before them. */
  readonly words?: NoticeWords;
}

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const SIGNATURE_HEADER = 'x-taskdeck-signature';

const hmac = (key: string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

function plainText(m: AlertMessage): string {
  return m.text ? `${m.title}\n${m.text}` : m.title;
}

/**
 * The HTTP request a channel of this format sends for a message, signed when it has a secret: generic and Slack sign
 * the body (`X-Taskdeck-Signature: sha256=<hex HMAC-SHA256 of the body>`); DingTalk signs `timestamp\nsecret` (ms)
 * into the URL's `timestamp` and `sign`; Feishu signs with the key `timestamp\nsecret` (s) over nothing and puts both
 * in the body; WeCom has no signature (its key is in the URL).
 */
export function webhookRequest(format: WebhookFormat, url: string, m: AlertMessage, secret: string | null, now: Date): WebhookRequest {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (format) {
    case 'generic':
      return bodySigned(url, JSON.stringify({ event: m.event, title: m.title, text: m.text, task_name: m.task_name, link: m.link, count: m.count, since: m.since, at: m.at }), secret);
    case 'slack':
      return bodySigned(url, JSON.stringify({ text: `*${m.title}*${m.text ? `\n${m.text}` : ''}` }), secret);
    case 'dingtalk': {
      const body = JSON.stringify({ msgtype: 'text', text: { content: plainText(m) } });
      if (!secret) return { url, headers: json, body };
      const timestamp = String(now.getTime());
      const sign = hmac(secret, `${timestamp}\n${secret}`).toString('base64');
      const signed = new URL(url);
      signed.searchParams.set('timestamp', timestamp);
      signed.searchParams.set('sign', sign);
      return { url: signed.toString(), headers: json, body };
    }
    case 'feishu': {
      const content = { msg_type: 'text', content: { text: plainText(m) } };
      if (!secret) return { url, headers: json, body: JSON.stringify(content) };
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const sign = hmac(`${timestamp}\n${secret}`, '').toString('base64');
      return { url, headers: json, body: JSON.stringify({ timestamp, sign, ...content }) };
    }
    case 'wecom':
      return { url, headers: json, body: JSON.stringify({ msgtype: 'text', text: { content: plainText(m) } }) };
  }
}

function bodySigned(url: string, body: string, secret: string | null): WebhookRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (secret) headers[SIGNATURE_HEADER] = `sha256=${hmac(secret, body).toString('hex')}`;
  return { url, headers, body };
}

/** What one attempt's answer means: delivered, or failed and whether trying again could help. */
export type AnswerVerdict = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly error: string };

// Rate limits the chat services report inside a 200 answer: worth another try later.
const RATE_LIMITED_CODES = new Set([130101 /* DingTalk: sending too fast */, 45009 /* WeCom: API frequency */, 9499 /* Feishu: too many requests */, 11232 /* Feishu: frequency limited */]);

/**
 * 2xx is delivered, unless the chat service says otherwise in the body (DingTalk and WeCom `errcode`, Feishu `code` /
 * `StatusCode`, all 0 when delivered). 429 and 5xx are tried again; any other 4xx (or a redirect, which is not
 * followed) never succeeds on its own, so it is not.
 */
export function answerVerdict(format: WebhookFormat, status: number, body: string): AnswerVerdict {
  if (status === 429 || status >= 500) return { ok: false, retry: true, error: `HTTP ${status}` };
  if (status < 200 || status >= 300) return { ok: false, retry: false, error: `HTTP ${status}` };
  if (format === 'generic' || format === 'slack') return { ok: true };
  const code = serviceCode(body);
  if (code === null || code === 0) return { ok: true };
  return { ok: false, retry: RATE_LIMITED_CODES.has(code), error: `refused by the ${format} service: code ${code}` };
}

function serviceCode(body: string): number | null {
  try {
    const v = JSON.parse(body) as Record<string, unknown>;
    for (const key of ['errcode', 'code', 'StatusCode']) if (typeof v[key] === 'number') return v[key];
  } catch {
    // Not JSON (or cut at 1 KiB): the HTTP status is all there is to go by.
  }
  return null;
}

/** Wait before attempt `next` (2, 3, …): doubling from `baseMs`, at most `maxMs`. */
export function retryDelayMs(next: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, next - 2));
}
