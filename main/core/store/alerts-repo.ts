import type { AlertEvent, ChannelKind, DeliveryState, WebhookFormat } from '../../../shared/domain/alerts';
import type { AlertGroup } from '../domain/alert-rules';
import type { Db } from './database';
import { withConstraints } from './constraint';
import { prepared } from './statements';

const uniques = { 'alert_channels.name': 'a channel with this name already exists' };

export interface ChannelRow {
  readonly id: number;
  readonly name: string;
  readonly kind: ChannelKind;
  readonly format: WebhookFormat | null;
  readonly url: string | null;
  /** Sealed with the store's SecretBox; opened only to sign a request. */
  readonly sealed_secret: string | null;
  readonly enabled: boolean;
  readonly group_window_seconds: number;
  readonly created_by: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface RuleRow {
  readonly id: number;
  readonly channel_id: number;
  readonly channel_name: string;
  readonly task_id: number | null;
  readonly task_name: string | null;
  readonly events: AlertEvent[];
  readonly enabled: boolean;
  readonly created_by: string;
  readonly created_at: string;
}

export interface DeliveryRow {
  readonly id: number;
  readonly channel_id: number;
  readonly channel_name: string;
  readonly event: string;
  /** The AlertMessage as JSON. */
  readonly message: string;
  /** User names an in-app or desktop message is for, as JSON. */
  readonly recipients: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface AttemptRow {
  readonly delivery_id: number;
  readonly attempt: number;
  readonly at: string;
  readonly status: number | null;
  readonly latency_ms: number;
  readonly error: string | null;
  readonly response: string | null;
}

type ChannelDb = Omit<ChannelRow, 'enabled'> & { enabled: number };
type RuleDb = Omit<RuleRow, 'enabled' | 'events'> & { enabled: number; events: string };

const channelOf = (r: ChannelDb): ChannelRow => ({ ...r, enabled: r.enabled === 1 });
const ruleOf = (r: RuleDb): RuleRow => ({ ...r, enabled: r.enabled === 1, events: JSON.parse(r.events) as AlertEvent[] });

const RULES = `SELECT r.id, r.channel_id, c.name AS channel_name, r.task_id, t.name AS task_name, r.events, r.enabled, r.created_by, r.created_at
  FROM alert_rules r JOIN alert_channels c ON c.id = r.channel_id LEFT JOIN tasks t ON t.id = r.task_id`;
const DELIVERIES = `SELECT d.*, c.name AS channel_name FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id`;

/** Channels, rules, deliveries with their attempts, and groups of repeats. */
export class AlertsRepo {
  constructor(private readonly db: Db) {}

  channels(): ChannelRow[] {
    return (prepared(this.db, 'SELECT * FROM alert_channels ORDER BY name').all() as ChannelDb[]).map(channelOf);
  }

  channel(id: number): ChannelRow | undefined {
    const r = prepared(this.db, 'SELECT * FROM alert_channels WHERE id = ?').get(id) as ChannelDb | undefined;
    return r && channelOf(r);
  }

  channelByName(name: string): ChannelRow | undefined {
    const r = prepared(this.db, 'SELECT * FROM alert_channels WHERE name = ?').get(name) as ChannelDb | undefined;
    return r && channelOf(r);
  }

  insertChannel(c: Omit<ChannelRow, 'id' | 'updated_at'>): ChannelRow {
    const r = withConstraints(() => prepared(this.db, `INSERT INTO alert_channels (name, kind, format, url, sealed_secret, enabled, group_window_seconds, created_by, created_at, updated_at)
      VALUES (@name, @kind, @format, @url, @sealed_secret, @enabled, @group_window_seconds, @created_by, @created_at, @created_at)`).run({ ...c, enabled: c.enabled ? 1 : 0 }), uniques);
    return this.channel(Number(r.lastInsertRowid))!;
  }

  updateChannel(id: number, c: Pick<ChannelRow, 'name' | 'format' | 'url' | 'sealed_secret' | 'enabled' | 'group_window_seconds' | 'updated_at'>): ChannelRow {
    withConstraints(() => prepared(this.db, `UPDATE alert_channels SET name = @name, format = @format, url = @url, sealed_secret = @sealed_secret, enabled = @enabled,
      group_window_seconds = @group_window_seconds, updated_at = @updated_at WHERE id = @id`).run({ ...c, id, enabled: c.enabled ? 1 : 0 }), uniques);
    return this.channel(id)!;
  }

  deleteChannel(id: number): boolean {
    return prepared(this.db, 'DELETE FROM alert_channels WHERE id = ?').run(id).changes > 0;
  }

  rules(taskId?: number): RuleRow[] {
    const rows = taskId === undefined
      ? prepared(this.db, `${RULES} ORDER BY r.id`).all()
      : prepared(this.db, `${RULES} WHERE r.task_id = ? ORDER BY r.id`).all(taskId);
    return (rows as RuleDb[]).map(ruleOf);
  }

  rule(id: number): RuleRow | undefined {
    const r = prepared(this.db, `${RULES} WHERE r.id = ?`).get(id) as RuleDb | undefined;
    return r && ruleOf(r);
  }

  /** Enabled rules that apply to a task (its own and the workspace's), on enabled channels. */
  rulesFor(taskId: number | null): RuleRow[] {
    return (prepared(this.db, `${RULES} WHERE r.enabled = 1 AND c.enabled = 1 AND (r.task_id IS NULL OR r.task_id = ?) ORDER BY r.id`).all(taskId) as RuleDb[]).map(ruleOf);
  }

  insertRule(r: { channel_id: number; task_id: number | null; events: readonly AlertEvent[]; enabled: boolean; created_by: string; created_at: string }): RuleRow {
    const res = prepared(this.db, 'INSERT INTO alert_rules (channel_id, task_id, events, enabled, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.channel_id, r.task_id, JSON.stringify(r.events), r.enabled ? 1 : 0, r.created_by, r.created_at);
    return this.rule(Number(res.lastInsertRowid))!;
  }

  updateRule(id: number, r: { events: readonly AlertEvent[]; enabled: boolean }): RuleRow {
    prepared(this.db, 'UPDATE alert_rules SET events = ?, enabled = ? WHERE id = ?').run(JSON.stringify(r.events), r.enabled ? 1 : 0, id);
    return this.rule(id)!;
  }

  deleteRule(id: number): boolean {
    return prepared(this.db, 'DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  insertDelivery(d: { channel_id: number; event: string; message: string; recipients: string; next_attempt_at: string; created_at: string }): number {
    const r = prepared(this.db, `INSERT INTO alert_deliveries (channel_id, event, message, recipients, state, next_attempt_at, created_at, updated_at)
      VALUES (@channel_id, @event, @message, @recipients, 'pending', @next_attempt_at, @created_at, @created_at)`).run(d);
    return Number(r.lastInsertRowid);
  }

  delivery(id: number): DeliveryRow | undefined {
    return prepared(this.db, `${DELIVERIES} WHERE d.id = ?`).get(id) as DeliveryRow | undefined;
  }

  deliveries(q: { channel_id?: number; state?: DeliveryState; limit: number }): DeliveryRow[] {
    return prepared(this.db, `${DELIVERIES} WHERE (@channel_id IS NULL OR d.channel_id = @channel_id) AND (@state IS NULL OR d.state = @state) ORDER BY d.id DESC LIMIT @limit`)
      .all({ channel_id: q.channel_id ?? null, state: q.state ?? null, limit: q.limit }) as DeliveryRow[];
  }

  attempts(deliveryIds: readonly number[]): AttemptRow[] {
    if (deliveryIds.length === 0) return [];
    return prepared(this.db, 'SELECT * FROM alert_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, attempt').all(JSON.stringify(deliveryIds)) as AttemptRow[];
  }

  /** Pending deliveries due by `at`, oldest first. */
  due(at: string, limit: number): DeliveryRow[] {
    return prepared(this.db, `${DELIVERIES} WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`).all(at, limit) as DeliveryRow[];
  }

  /** When the next pending delivery is due, if any, leaving out those being attempted. */
  nextDue(except: readonly number[]): string | undefined {
    return (prepared(this.db, "SELECT min(next_attempt_at) AS at FROM alert_deliveries WHERE state = 'pending' AND id NOT IN (SELECT value FROM json_each(?))")
      .get(JSON.stringify(except)) as { at: string | null }).at ?? undefined;
  }

  /** Record an attempt and where the delivery stands after it (pending again with a time, sent or failed). */
  recordAttempt(a: AttemptRow, next: { state: DeliveryState; next_attempt_at: string | null }): void {
    prepared(this.db, 'INSERT INTO alert_attempts (delivery_id, attempt, at, status, latency_ms, error, response) VALUES (@delivery_id, @attempt, @at, @status, @latency_ms, @error, @response)').run(a);
    prepared(this.db, 'UPDATE alert_deliveries SET attempts = @attempt, state = @state, next_attempt_at = @next_attempt_at, updated_at = @at WHERE id = @delivery_id')
      .run({ delivery_id: a.delivery_id, attempt: a.attempt, at: a.at, ...next });
  }

  /** Replace the message of a pending delivery not yet attempted nor due; false when it is already on its way. */
  updatePendingMessage(id: number, message: string, now: string): boolean {
    return prepared(this.db, "UPDATE alert_deliveries SET message = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND attempts = 0 AND next_attempt_at > ?")
      .run(message, now, id, now).changes > 0;
  }

  /**
   * Keep the newest `keep` finished deliveries (attempts go with them; pending ones always stay), and forget groups
   * quiet since `groupsBefore` (a deleted task's, a request's long decided node).
   */
  prune(keep: number, groupsBefore: string): void {
    prepared(this.db, `DELETE FROM alert_deliveries WHERE state != 'pending' AND id <= (
      SELECT id FROM alert_deliveries WHERE state != 'pending' ORDER BY id DESC LIMIT 1 OFFSET ?)`).run(keep);
    prepared(this.db, 'DELETE FROM alert_groups WHERE window_until < ?').run(groupsBefore);
  }

  group(channelId: number, key: string): (AlertGroup & { pending_delivery_id: number | null }) | undefined {
    return prepared(this.db, 'SELECT first_at, count, window_until, pending_delivery_id FROM alert_groups WHERE channel_id = ? AND group_key = ?').get(channelId, key) as
      | (AlertGroup & { pending_delivery_id: number | null })
      | undefined;
  }

  saveGroup(channelId: number, key: string, g: AlertGroup, pendingDeliveryId: number | null): void {
    prepared(this.db, `INSERT INTO alert_groups (channel_id, group_key, first_at, count, window_until, pending_delivery_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (channel_id, group_key) DO UPDATE SET first_at = excluded.first_at, count = excluded.count, window_until = excluded.window_until,
      pending_delivery_id = excluded.pending_delivery_id`).run(channelId, key, g.first_at, g.count, g.window_until, pendingDeliveryId);
  }

  /** Forget groups whose key starts with `prefix` (a task that succeeded: its next failure is news again). */
  closeGroups(prefix: string): void {
    prepared(this.db, 'DELETE FROM alert_groups WHERE substr(group_key, 1, length(?)) = ?').run(prefix, prefix);
  }
}
