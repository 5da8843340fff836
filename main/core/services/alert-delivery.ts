import type { NoticeWords } from '../../../shared/domain/notice-words';
import type { Clock } from '../clock';
import { Emitter, type Signal } from '../emitter';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { Store } from '../store/store';
import type { ChannelRow, DeliveryRow } from '../store/alerts-repo';
import { type AlertMessage, type AnswerVerdict, answerVerdict, retryDelayMs, webhookRequest } from '../domain/webhook-payload';
import { sendWebhook, type SendResult } from './webhook-sender';

/**
 * Where in-app and desktop alerts go: the notification centre (remind14's NotificationsService), posting for the
 * centre only or asking for an OS notification too. The composition root passes them; without one, such deliveries
 * fail saying so.
 */
export interface NotifySink {
  notify(n: { user_name: string; kind: string; title: string; body: string; link: string | null; dedupe_key: string; words: NoticeWords | null }): void;
}

export interface AlertSinks {
  readonly inApp?: NotifySink;
  readonly desktop?: NotifySink;
}

export interface DeliveryOptions {
  /** One attempt, connect to answer. */
  readonly timeoutMs: number;
  /** Attempts per delivery, the first included. */
  readonly maxAttempts: number;
  /** Wait before the second attempt; doubled for each after, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Deliveries attempted at once. */
  readonly concurrency: number;
  /** Finished deliveries kept in the log (with their attempts); older ones are removed. */
  readonly keep: number;
}

export const defaultDeliveryOptions: DeliveryOptions = { timeoutMs: 10_000, maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, concurrency: 4, keep: 1000 };

/** Groups quiet this long are forgotten: their next alert is news again anyway. */
const GROUP_MEMORY_MS = 7 * 24 * 3600_000;

/** The pause after an attempt could not be recorded. */
const ERROR_PAUSE_MS = 5_000;

/** The longest a Node timer can wait; a later delivery is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends pending deliveries off the request path: each attempt is recorded (time, status, latency, error, the start of
 * the answer), failures that may pass are tried again with backoff, the rest fail at once. Pending deliveries live in
 * the store, so a restart carries on with them; dispose stops the timer and ends attempts in flight (not counted).
 */
export class AlertDelivery {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly abort = new AbortController();
  private disposed = false;
  /** After an attempt could not be recorded (a full disk), the queue waits until then rather than spinning. */
  private pausedUntil = 0;
  private readonly didAttempt: Emitter<DeliveryRow>;
  /** A delivery after an attempt was recorded (its state tells where it stands). */
  readonly onDidAttempt: Signal<DeliveryRow>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly sinks: AlertSinks,
    private readonly opts: DeliveryOptions,
    private readonly log: Logger,
  ) {
    this.didAttempt = new Emitter<DeliveryRow>('alerts.onDidAttempt', log);
    this.onDidAttempt = this.didAttempt.event;
  }

  start(): void {
    this.arm();
  }

  /** Something new is pending: look again. */
  kick(): void {
    this.arm();
  }

  /** Attempt one delivery now (a channel's test), resolving once the attempt is recorded. */
  attemptNow(id: number): Promise<void> {
    const going = this.inFlight.get(id);
    if (going) return going;
    const row = this.store.alerts.delivery(id);
    return row && row.state === 'pending' ? this.attempt(row) : Promise.resolve();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await Promise.all(this.inFlight.values());
    this.didAttempt.dispose();
  }

  private arm(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    const next = this.store.alerts.nextDue([...this.inFlight.keys()]);
    if (next === undefined) return;
    const now = this.clock.now().getTime();
    const wait = Math.max(0, Date.parse(next) - now, this.pausedUntil - now);
    this.timer = setTimeout(() => this.pump(), Math.min(wait, MAX_TIMER_MS));
  }

  private pump(): void {
    if (this.disposed) return;
    const room = this.opts.concurrency - this.inFlight.size;
    if (room <= 0) return; // an attempt ending re-arms
    const due = this.store.alerts.due(this.clock.now().toISOString(), this.opts.concurrency * 2).filter((d) => !this.inFlight.has(d.id));
    for (const row of due.slice(0, room)) void this.attempt(row);
    if (due.length === 0) this.arm();
  }

  private attempt(row: DeliveryRow): Promise<void> {
    const run = this.attemptOnce(row)
      .catch((err: unknown) => {
        this.pausedUntil = this.clock.now().getTime() + ERROR_PAUSE_MS;
        this.log('error', 'alerts: a delivery attempt could not be recorded', { delivery: row.id, error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        this.inFlight.delete(row.id);
        this.arm();
      });
    this.inFlight.set(row.id, run);
    return run;
  }

  private async attemptOnce(row: DeliveryRow): Promise<void> {
    const channel = this.store.alerts.channel(row.channel_id);
    if (!channel) return; // deleted with its deliveries
    const at = this.clock.now().toISOString();
    const { result, verdict } = await this.send(channel, row);
    // Ended by dispose: not an attempt; the delivery stays pending for the next start.
    if (this.disposed && result.status === null) return;
    const attempt = row.attempts + 1;
    const next = verdict.ok
      ? { state: 'sent' as const, next_attempt_at: null }
      : verdict.retry && attempt < this.opts.maxAttempts
        ? { state: 'pending' as const, next_attempt_at: new Date(this.clock.now().getTime() + retryDelayMs(attempt + 1, this.opts.baseDelayMs, this.opts.maxDelayMs)).toISOString() }
        : { state: 'failed' as const, next_attempt_at: null };
    const error = verdict.ok ? null : verdict.error;
    this.store.tx(() => {
      this.store.alerts.recordAttempt({ delivery_id: row.id, attempt, at, status: result.status, latency_ms: result.latencyMs, error, response: result.response }, next);
      if (next.state !== 'pending') this.store.alerts.prune(this.opts.keep, new Date(this.clock.now().getTime() - GROUP_MEMORY_MS).toISOString());
    });
    const saved = this.store.alerts.delivery(row.id);
    if (saved) this.didAttempt.fire(saved);
  }

  /** One attempt's outcome; a delivery that cannot even be sent (its secret no longer opens) fails, never loops. */
  private async send(channel: ChannelRow, row: DeliveryRow): Promise<{ result: SendResult; verdict: AnswerVerdict }> {
    try {
      const message = JSON.parse(row.message) as AlertMessage;
      if (!channel.enabled) return refused('the channel is disabled');
      return channel.kind === 'webhook' ? await this.sendHook(channel, message) : this.toSink(channel, row, message);
    } catch (err) {
      return refused(`could not be sent: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async sendHook(channel: ChannelRow, message: AlertMessage): Promise<{ result: SendResult; verdict: AnswerVerdict }> {
    const secret = channel.sealed_secret ? this.secrets.open(channel.sealed_secret) : null;
    const req = webhookRequest(channel.format ?? 'generic', channel.url!, message, secret, this.clock.now());
    const result = await sendWebhook(req, { timeoutMs: this.opts.timeoutMs, signal: this.abort.signal });
    const verdict: AnswerVerdict = result.status === null ? { ok: false, retry: true, error: result.error ?? 'no answer' } : answerVerdict(channel.format ?? 'generic', result.status, result.response ?? '');
    return { result, verdict };
  }

  /** In-app and desktop alerts: one notification per recipient, deduplicated by delivery. */
  private toSink(channel: ChannelRow, row: DeliveryRow, m: AlertMessage): { result: SendResult; verdict: AnswerVerdict } {
    const sink = channel.kind === 'desktop' ? this.sinks.desktop : this.sinks.inApp;
    if (!sink) return refused(`no ${channel.kind === 'desktop' ? 'desktop notifier' : 'notification centre'} is connected to the alerts in this build`);
    const started = performance.now();
    try {
      for (const user_name of JSON.parse(row.recipients) as string[]) {
        sink.notify({ user_name, kind: `alert.${m.event}`, title: m.title, body: m.text, link: m.link, dedupe_key: `alert:${row.id}:${user_name.toLowerCase()}`, words: m.words ?? null });
      }
      return { result: { status: null, latencyMs: Math.round(performance.now() - started), response: null, error: null }, verdict: { ok: true } };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { result: { status: null, latencyMs: Math.round(performance.now() - started), response: null, error }, verdict: { ok: false, retry: true, error } };
    }
  }
}

function refused(error: string): { result: SendResult; verdict: AnswerVerdict } {
  return { result: { status: null, latencyMs: 0, response: null, error }, verdict: { ok: false, retry: false, error } };
}
