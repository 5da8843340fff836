import { AppError, notFound } from '../../../shared/api/errors';
import type { AlertEvent, AlertRule, AlertRuleCreate, Channel, ChannelCreate, ChannelUpdate, Delivery, DeliveryState } from '../../../shared/domain/alerts';
import type { Instance } from '../../../shared/domain/instances';
import { decisionRefusal } from '../../../shared/domain/approver-rule';
import { noticeText } from '../../../shared/domain/notice-words';
import { canManageTask, sameUser } from '../../../shared/domain/ownership';
import type { Permission } from '../../../shared/domain/roles';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import type { Signal } from '../emitter';
import { approvalMessage, groupedMessage, groupOccurrence, instanceEvents, instanceMessage, taskGroupKey } from '../domain/alert-rules';
import type { AlertMessage } from '../domain/webhook-payload';
import type { SecretBox } from '../secrets/secret-box';
import type { ChannelRow, DeliveryRow, RuleRow } from '../store/alerts-repo';
import { nodesOf, type RequestRow } from '../store/requests-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { AlertDelivery } from './alert-delivery';

/** Who asks: the user and what their roles permit. */
export interface AlertsActor {
  readonly user: User;
  readonly permissions: ReadonlySet<Permission>;
}

const FAILURE_EVENTS: readonly AlertEvent[] = ['failure', 'timeout', 'retries_exhausted'];

/**
 * Notification channels and rules, and what happens when a task's run ends or a request waits: each matching rule's
 * channel gets a delivery (repeats grouped), which `AlertDelivery` sends off the request path.
 */
export class AlertsService {
  /** A delivery after an attempt was recorded. */
  readonly onDidAttempt: Signal<DeliveryRow>;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly delivery: AlertDelivery,
  ) {
    this.onDidAttempt = delivery.onDidAttempt;
  }

  listChannels(actor: AlertsActor): Channel[] {
    return this.store.alerts.channels().map((c) => channelView(c, actor.permissions.has('alerts:write')));
  }

  createChannel(actor: AlertsActor, input: ChannelCreate): Channel {
    const now = this.clock.now().toISOString();
    const row = this.store.tx(() => {
      const row = this.store.alerts.insertChannel({
        name: input.name, kind: input.kind, format: input.kind === 'webhook' ? (input.webhook_format ?? 'generic') : null, url: input.url ?? null,
        sealed_secret: input.secret ? this.secrets.seal(input.secret) : null, enabled: input.enabled, group_window_seconds: input.group_window_seconds,
        created_by: actor.user.user_name, created_at: now,
      });
      this.audit.record(actor.user.user_name, 'alert_channel.created', 'alert_channel', row.id, auditOf(row));
      return row;
    });
    return channelView(row, true);
  }

  /**
   * A fresh console's safety net, made with its first admin: failures, timeouts and exhausted retries of
   * every task and run pop up on the desktop of whoever owns the task or started the run. Without it a
   * new console is silent about failures until someone writes a rule. Nothing is made where channels exist.
   */
  seedDefaults(admin: string): void {
    this.store.tx(() => {
      if (this.store.alerts.channels().length > 0) return;
      const now = this.clock.now().toISOString();
      const channel = this.store.alerts.insertChannel({ name: 'Desktop', kind: 'desktop', format: null, url: null, sealed_secret: null, enabled: true, group_window_seconds: 600, created_by: admin, created_at: now });
      this.audit.record(admin, 'alert_channel.created', 'alert_channel', channel.id, auditOf(channel));
      const rule = this.store.alerts.insertRule({ channel_id: channel.id, task_id: null, events: FAILURE_EVENTS, enabled: true, created_by: admin, created_at: now });
      this.audit.record(admin, 'alert_rule.created', 'alert_rule', rule.id, { channel: rule.channel_name, task: rule.task_name, events: rule.events });
    });
  }

  updateChannel(actor: AlertsActor, input: ChannelUpdate): Channel {
    const old = this.channelRow(input.id);
    if (old.kind !== 'webhook' && (input.url !== undefined || input.webhook_format !== undefined || (input.secret !== undefined && input.secret !== null))) {
      throw new AppError('validation', `url, webhook_format and secret belong to webhook channels only; ${old.name} is ${old.kind}`);
    }
    const row = this.store.tx(() => {
      const row = this.store.alerts.updateChannel(old.id, {
        name: input.name ?? old.name, format: input.webhook_format ?? old.format, url: input.url ?? old.url,
        sealed_secret: input.secret === undefined ? old.sealed_secret : input.secret === null ? null : this.secrets.seal(input.secret),
        enabled: input.enabled ?? old.enabled, group_window_seconds: input.group_window_seconds ?? old.group_window_seconds, updated_at: this.clock.now().toISOString(),
      });
      this.audit.record(actor.user.user_name, 'alert_channel.updated', 'alert_channel', row.id, { ...auditOf(row), secret_changed: input.secret !== undefined });
      return row;
    });
    return channelView(row, true);
  }

  deleteChannel(actor: AlertsActor, id: number): void {
    const row = this.channelRow(id);
    this.store.tx(() => {
      this.store.alerts.deleteChannel(id);
      this.audit.record(actor.user.user_name, 'alert_channel.deleted', 'alert_channel', id, { name: row.name });
    });
  }

  /** Send a test message now, whatever the rules; resolves with the delivery after its first attempt. */
  async testChannel(actor: AlertsActor, id: number): Promise<Delivery> {
    const channel = this.channelRow(id);
    const now = this.clock.now();
    const title = noticeText('test', { channel: channel.name });
    const text = noticeText('testText', { user: actor.user.user_name });
    const message: AlertMessage = {
      event: 'test', subject: `Channel ${channel.name}`, title: title.text, text: text.text,
      task_name: null, link: null, count: 1, since: null, at: now.toISOString(), words: { title: title.words, body: text.words },
    };
    const deliveryId = this.store.tx(() => this.store.alerts.insertDelivery({
      channel_id: id, event: 'test', message: JSON.stringify(message), recipients: JSON.stringify([actor.user.user_name]), next_attempt_at: now.toISOString(), created_at: now.toISOString(),
    }));
    await this.delivery.attemptNow(deliveryId);
    return this.deliveryView(this.store.alerts.delivery(deliveryId)!);
  }

  listRules(q: { task_name?: string }): AlertRule[] {
    const taskId = q.task_name === undefined ? undefined : this.taskByName(q.task_name).id;
    return this.store.alerts.rules(taskId).map(ruleView);
  }

  createRule(actor: AlertsActor, input: AlertRuleCreate): AlertRule {
    this.channelRow(input.channel_id);
    const task = input.task_name === null ? null : this.taskByName(input.task_name);
    this.mayEditRule(actor, task);
    const row = this.store.tx(() => {
      const row = this.store.alerts.insertRule({ channel_id: input.channel_id, task_id: task?.id ?? null, events: input.events, enabled: input.enabled, created_by: actor.user.user_name, created_at: this.clock.now().toISOString() });
      this.audit.record(actor.user.user_name, 'alert_rule.created', 'alert_rule', row.id, { channel: row.channel_name, task: row.task_name, events: row.events });
      return row;
    });
    return ruleView(row);
  }

  updateRule(actor: AlertsActor, input: { id: number; events?: AlertEvent[]; enabled?: boolean }): AlertRule {
    const old = this.ruleRow(input.id);
    this.mayEditRule(actor, old.task_id === null ? null : this.store.tasks.get(old.task_id) ?? null);
    const row = this.store.tx(() => {
      const row = this.store.alerts.updateRule(old.id, { events: input.events ?? old.events, enabled: input.enabled ?? old.enabled });
      this.audit.record(actor.user.user_name, 'alert_rule.updated', 'alert_rule', row.id, { channel: row.channel_name, task: row.task_name, events: row.events, enabled: row.enabled });
      return row;
    });
    return ruleView(row);
  }

  deleteRule(actor: AlertsActor, id: number): void {
    const old = this.ruleRow(id);
    this.mayEditRule(actor, old.task_id === null ? null : this.store.tasks.get(old.task_id) ?? null);
    this.store.tx(() => {
      this.store.alerts.deleteRule(id);
      this.audit.record(actor.user.user_name, 'alert_rule.deleted', 'alert_rule', id, { channel: old.channel_name, task: old.task_name });
    });
  }

  listDeliveries(q: { channel_id?: number; state?: DeliveryState; limit: number }): Delivery[] {
    const rows = this.store.alerts.deliveries(q);
    const attempts = this.store.alerts.attempts(rows.map((r) => r.id));
    return rows.map((r) => this.deliveryView(r, attempts.filter((a) => a.delivery_id === r.id)));
  }

  /** Signal: a run's instance ended. Only task instances alert (an ad-hoc run's outcome is on the screen of who ran it). */
  instanceEnded(i: Instance): void {
    const taskId = i.task_id;
    if (taskId === null) return;
    const task = this.store.tasks.get(taskId);
    const events = instanceEvents(i, task?.retry_times ?? 0);
    if (events.length === 0) return;
    const now = this.clock.now();
    const recipients = uniqueUsers([task?.owner, i.created_by]);
    this.store.tx(() => {
      if (events.includes('success')) for (const e of FAILURE_EVENTS) this.store.alerts.closeGroups(taskGroupKey(taskId, e));
      for (const { channel, event } of this.matches(taskId, events)) {
        this.enqueue(channel, instanceMessage(event, i, now), recipients, taskGroupKey(taskId, event), now);
      }
    });
    this.delivery.kick();
  }

  /** Signal: a change request changed. When a node waits for a decision, those who may decide it are told once. */
  requestChanged(r: RequestRow): void {
    const taskId = r.task_id;
    if (r.state !== 'APPROVING' || taskId === null) return;
    const nodes = nodesOf(r);
    const node = nodes[r.current_node];
    if (!node) return;
    const deciders = this.store.users.list().filter((u) => !u.disabled && decisionRefusal({ state: r.state, requester: r.requester, current_node: r.current_node, nodes }, u) === null);
    const now = this.clock.now();
    const key = `request:${r.id}:${r.current_node}`;
    this.store.tx(() => {
      for (const { channel } of this.matches(taskId, ['approval_waiting'])) {
        if (this.store.alerts.group(channel.id, key)) continue; // this node was announced already
        const message = approvalMessage({ id: r.id, task_name: r.task_name, requester: r.requester, role: node.role, node: r.current_node, of: nodes.length }, now);
        this.store.alerts.saveGroup(channel.id, key, { first_at: now.toISOString(), count: 1, window_until: now.toISOString() }, null);
        this.insert(channel, message, deciders.map((u) => u.user_name), now.toISOString());
      }
    });
    this.delivery.kick();
  }

  /** Each channel once per event, however many rules (the task's own and the workspace's) lead to it. */
  private matches(taskId: number, events: readonly AlertEvent[]): { channel: ChannelRow; event: AlertEvent }[] {
    const seen = new Set<string>();
    const out: { channel: ChannelRow; event: AlertEvent }[] = [];
    for (const rule of this.store.alerts.rulesFor(taskId)) {
      for (const event of events.filter((e) => rule.events.includes(e))) {
        if (seen.has(`${rule.channel_id}:${event}`)) continue;
        seen.add(`${rule.channel_id}:${event}`);
        const channel = this.store.alerts.channel(rule.channel_id);
        if (channel) out.push({ channel, event });
      }
    }
    return out;
  }

  /** Send at once, or group with the repeats of the channel's window (see `groupOccurrence`). */
  private enqueue(channel: ChannelRow, message: AlertMessage, recipients: string[], key: string, now: Date): void {
    const at = now.toISOString();
    const group = this.store.alerts.group(channel.id, key);
    if (group?.pending_delivery_id != null && now.getTime() < Date.parse(group.window_until)) {
      const count = group.count + 1;
      if (this.store.alerts.updatePendingMessage(group.pending_delivery_id, JSON.stringify(groupedMessage(message, count, group.first_at)), at)) {
        this.store.alerts.saveGroup(channel.id, key, { ...group, count }, group.pending_delivery_id);
        return;
      }
    }
    const decision = groupOccurrence(group, channel.group_window_seconds, false, now);
    if (decision.kind === 'send_now') {
      this.store.alerts.saveGroup(channel.id, key, decision.group, null);
      this.insert(channel, message, recipients, at);
      return;
    }
    const id = this.insert(channel, groupedMessage(message, decision.group.count, decision.group.first_at), recipients, decision.sendAt ?? at, at);
    this.store.alerts.saveGroup(channel.id, key, decision.group, id);
  }

  private insert(channel: ChannelRow, message: AlertMessage, recipients: string[], due: string, created = due): number {
    return this.store.alerts.insertDelivery({ channel_id: channel.id, event: message.event, message: JSON.stringify(message), recipients: JSON.stringify(recipients), next_attempt_at: due, created_at: created });
  }

  /** A task's rules: its owner, an admin or a DBA (the task rule), or whoever manages alerts; workspace rules: only the latter. */
  private mayEditRule(actor: AlertsActor, task: { name: string; owner: string } | null): void {
    if (actor.permissions.has('alerts:write')) return;
    if (task === null) throw new AppError('forbidden', 'rules for every task are set by whoever manages alerts (an admin or a DBA); name a task of yours instead');
    if (!canManageTask(actor.user, task)) throw new AppError('forbidden', `task ${task.name} belongs to ${task.owner}: only its owner, an admin or a DBA may change its alerts`);
  }

  private deliveryView(r: DeliveryRow, attempts = this.store.alerts.attempts([r.id])): Delivery {
    const m = JSON.parse(r.message) as AlertMessage;
    return {
      id: r.id, channel_id: r.channel_id, channel_name: r.channel_name, event: m.event, title: m.title, text: m.text, grouped: m.count, state: r.state,
      next_attempt_at: r.next_attempt_at, created_at: r.created_at, updated_at: r.updated_at,
      attempts: attempts.map((a) => ({ attempt: a.attempt, at: a.at, status: a.status, latency_ms: a.latency_ms, error: a.error, response: a.response })),
    };
  }

  private channelRow(id: number): ChannelRow {
    const c = this.store.alerts.channel(id);
    if (!c) throw notFound('channel', id);
    return c;
  }

  private ruleRow(id: number): RuleRow {
    const r = this.store.alerts.rule(id);
    if (!r) throw notFound('alert rule', id);
    return r;
  }

  private taskByName(name: string): { id: number; name: string; owner: string } {
    const t = this.store.tasks.byName(name);
    if (!t) throw notFound('task', name);
    return t;
  }
}

/** A channel as shown: never its secret; its URL whole only to whoever manages alerts (a Slack or WeCom URL is a key). */
function channelView(c: ChannelRow, fullUrl: boolean): Channel {
  return {
    id: c.id, name: c.name, kind: c.kind, webhook_format: c.format, url: c.url === null ? null : fullUrl ? c.url : maskUrl(c.url), secret_set: c.sealed_secret !== null,
    enabled: c.enabled, group_window_seconds: c.group_window_seconds, created_by: c.created_by, created_at: c.created_at, updated_at: c.updated_at,
  };
}

/** `https://hooks.slack.com/…`: where it goes, without the path or query that hold a key. */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

function auditOf(c: ChannelRow): Record<string, unknown> {
  return { name: c.name, kind: c.kind, format: c.format, url: c.url === null ? null : maskUrl(c.url), secret_set: c.sealed_secret !== null, enabled: c.enabled, group_window_seconds: c.group_window_seconds };
}

function ruleView(r: RuleRow): AlertRule {
  return { id: r.id, channel_id: r.channel_id, channel_name: r.channel_name, task_name: r.task_name, events: r.events, enabled: r.enabled, created_by: r.created_by, created_at: r.created_at };
}

function uniqueUsers(names: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) if (n && !out.some((o) => sameUser(o, n))) out.push(n);
  return out;
}
