import { clip, detailsOf, list, named, str, who, type Details, type SentenceInput } from '../../../shared/domain/audit-sentences';
import { nameListT, type Translate } from '../../lib/name-list';

/** An entry as the renderer has it: the row, and the server's English sentence to fall back on. */
export interface SentenceEntry extends SentenceInput {
  readonly sentence: string;
}

type Params = Record<string, unknown>;

/** What one phrase may use: the entry, its details, and its words for optional tails. */
interface Ctx {
  readonly e: SentenceInput;
  readonly d: Details;
  /** A tail from `auditSentences.part`, or '' when its value is missing. */
  tail(key: string, params?: Params): string;
  names(names: readonly string[]): string;
  /** An alert event's name as the alerts page says it ("Failed", "失败"), not its code. */
  event(code: string): string;
}

/** A phrase: the key under `auditSentences` and its parameters (`actor` is added to every one). */
type Phrase = (c: Ctx) => readonly [string, Params?];

const q = (v: unknown): string => str(v) ?? '?';
const when = (c: Ctx, v: unknown, key: string, param: string): string => (str(v) ? c.tail(key, { [param]: str(v) }) : '');
const nameOf = (c: Ctx, ...keys: string[]): string => named(c.e, c.d, ...(keys.length ? keys : ['name']));

function requestOf(c: Ctx): string {
  const task = str(c.d.task) ?? c.e.target_name;
  const id = c.e.target_id ?? '?';
  return task ? c.tail('requestOfTask', { id, task }) : c.tail('request', { id });
}

const requestState: Phrase = (c) => [c.e.action, { request: requestOf(c), tail: when(c, c.d.why, 'inParens', 'value') }];
const decision: Phrase = (c) => [c.e.action, { request: requestOf(c), tail: when(c, c.d.node, 'node', 'node') }];
const onHosts = (c: Ctx): string => (list(c.d.hosts).length ? c.tail('onHosts', { names: c.names(list(c.d.hosts)) }) : '');
const simple: Phrase = (c) => [c.e.action, { name: nameOf(c) }];
const ruleOf = (c: Ctx): Params => ({ task: str(c.d.task) ?? c.tail('everyTask'), channel: str(c.d.channel) ?? c.tail('aChannel') });

function tokenRefusal(c: Ctx): string {
  if (str(c.d.scope)) return c.tail('lacksScope', { scope: str(c.d.scope) });
  return when(c, c.d.permission, 'needsPerson', 'permission');
}

function trustFor(c: Ctx): string {
  if (str(c.d.user_name)) return c.tail('trustUser', { user: str(c.d.user_name), role: q(c.d.role) });
  return when(c, c.d.console_id, 'trustConsole', 'console');
}

function runSettings(c: Ctx): string {
  const change = ([k, v]: [string, unknown]): string => c.tail('change', { name: k, from: q((v as Details | null)?.from), to: q((v as Details | null)?.to) });
  return Object.entries(c.d).map(change).join(c.tail('listSep'));
}

const phrases: ReadonlyMap<string, Phrase> = new Map(Object.entries({
  'auth.login': (c) => [c.e.action],
  'auth.logout': (c) => [c.e.action],
  'auth.login_failed': (c) => [c.e.action, { tail: c.d.locked_for_seconds ? c.tail('locked', { s: q(c.d.locked_for_seconds) }) : '' }],
  'token.used': (c) => [c.e.action, { name: nameOf(c, 'token'), tail: when(c, c.d.operation, 'forOperation', 'operation') }],
  'token.created': (c) => [c.e.action, { name: nameOf(c, 'token'), owner: q(c.d.owner), tail: list(c.d.scopes).length ? c.tail('scopes', { scopes: list(c.d.scopes).join(c.tail('listSep')) }) : '' }],
  'token.revoked': (c) => [c.d.by_itself ? 'token.revoked_self' : c.e.action, { name: nameOf(c, 'token') }],
  'token.refused': (c) => [c.e.action, { name: nameOf(c, 'token'), tail: tokenRefusal(c) }],

  'host.created': (c) => [c.e.action, { name: nameOf(c), tail: when(c, c.d.host, 'inParens', 'value') }],
  'host.updated': (c) => [c.e.action, { name: nameOf(c), tail: str(c.d.host_to) ? c.tail('moved', { from: q(c.d.host_from), to: q(c.d.host_to) }) : '' }],
  'host.deleted': (c) => [c.e.action, { name: nameOf(c), tail: when(c, c.d.host, 'inParens', 'value') }],
  'host.imported': (c) => [c.e.action, { hosts: c.tail('hosts', { count: list(c.d.names).length }), names: c.names(list(c.d.names)) }],
  'host.key_accepted': (c) => [c.e.action, { name: nameOf(c), tail: when(c, c.d.fingerprint, 'inParens', 'value') }],
  'host.key_repinned': (c) => [c.e.action, { name: nameOf(c), tail: when(c, c.d.fingerprint, 'fingerprintTo', 'fingerprint') }],
  'host.key_mismatch': (c) => [c.e.action, { name: nameOf(c), expected: q(c.d.expected), presented: q(c.d.presented) }],

  'group.created': simple,
  'group.updated': simple,
  'group.deleted': (c) => [c.e.action, { name: nameOf(c), tail: typeof c.d.bindings_removed === 'number' && c.d.bindings_removed ? c.tail('withBindings', { count: c.d.bindings_removed }) : '' }],
  'binding.created': (c) => [c.e.action, { name: nameOf(c), host: q(c.d.host), group: q(c.d.group), weight: q(c.d.weight) }],
  'binding.updated': (c) => [c.e.action, { name: nameOf(c), tail: str(c.d.host_to) ? c.tail('movedHost', { from: q(c.d.host_from), to: q(c.d.host_to) }) : '' }],
  'binding.deleted': (c) => [c.e.action, { name: nameOf(c), tail: str(c.d.host) ? c.tail('hostInGroup', { host: q(c.d.host), group: q(c.d.group) }) : '' }],

  'task.created': simple,
  'task.updated': simple,
  'task.deleted': (c) => [c.e.action, { name: nameOf(c), tail: c.d.forced ? c.tail('forced') : '' }],
  'task.started': simple,
  'task.stopped': (c) => [c.e.action, { name: nameOf(c), tail: when(c, c.d.reason, 'reason', 'reason') }],
  'task.retries_cancelled': simple,
  'task.run': (c) => [c.d.trigger === 'schedule' ? 'task.run_schedule' : c.d.trigger === 'retry' ? 'task.run_retry' : c.e.action, { name: nameOf(c, 'task', 'name'), tail: onHosts(c) }],
  'run.started': (c) => (str(c.d.command) ? ['run.started', { command: `"${clip(str(c.d.command)!.split('\n')[0]!, 60)}"`, tail: onHosts(c) }] : ['run.started_unnamed', { tail: onHosts(c) }]),
  'instance.cancelled': (c) => [c.e.action, { id: c.e.target_id ?? '?', tail: when(c, c.d.host, 'onHosts', 'names') }],

  'request.opened': (c) => [c.e.action, { task: q(c.d.task), id: c.e.target_id ?? '?', tail: when(c, c.d.process, 'process', 'process') + when(c, c.d.risk_level, 'risk', 'risk') }],
  'request.approved': decision,
  'request.rejected': decision,
  'request.cancelled': (c) => [c.e.action, { request: requestOf(c) }],
  'request.exported': (c) => [c.e.action, { request: requestOf(c) }],
  'request.executing': requestState,
  'request.succeeded': requestState,
  'request.failed': requestState,
  'request.expired': requestState,
  'request.voided': requestState,
  'request.pre_check_failed': requestState,
  'review.imported': (c) => [c.e.action, { id: q(c.d.request_id), console: q(c.d.origin_console) }],
  'review.decided': (c) => [c.d.decision === 'rejected' ? 'review.decided_rejected' : c.e.action, { id: q(c.d.request_id), console: q(c.d.origin_console) }],
  'bundle.refused': (c) => [c.e.action, { tail: str(c.d.message) ? c.tail('reason', { reason: clip(str(c.d.message)!, 120) }) : '' }],
  'permission.granted': (c) => [c.e.action, { user: c.e.target_id ?? '?', names: c.names(list(c.d.hosts)), hours: q(c.d.hours) }],
  'permission.revoked': (c) => [c.e.action, { user: c.e.target_id ?? '?', host: q(c.d.host) }],
  'permission.expired': (c) => [c.e.action, { user: c.e.target_id ?? '?' }],

  'process.created': simple,
  'process.updated': simple,
  'process.deleted': simple,
  'process.enabled': simple,
  'process.disabled': simple,
  'process.priority': (c) => [c.e.action, { type: q(c.d.task_type) }],
  'setting.changed': (c) => [c.e.action, { name: c.e.target_id ?? '?' }],
  'settings.reminders': (c) => [c.e.action],
  'system.security_level': (c) => [c.e.action, { from: q(c.d.from), to: q(c.d.to) }],
  'system.run_settings': (c) => [c.e.action, { changes: runSettings(c) }],
  'system.backup': (c) => [c.e.action, { tail: when(c, c.d.path, 'toPath', 'path') }],
  'alert_channel.created': (c) => [c.e.action, { name: nameOf(c), tail: when(c, c.d.kind, 'inParens', 'value') }],
  'alert_channel.updated': (c) => [c.e.action, { name: nameOf(c), tail: c.d.secret_changed ? c.tail('secretChanged') : '' }],
  'alert_channel.deleted': simple,
  'alert_rule.created': (c) => [c.e.action, { ...ruleOf(c), events: list(c.d.events).map(c.event).join(c.tail('listSep')) || c.tail('events') }],
  'alert_rule.updated': (c) => [c.e.action, { ...ruleOf(c), tail: c.d.enabled === false ? c.tail('disabled') : '' }],
  'alert_rule.deleted': (c) => [c.e.action, ruleOf(c)],

  'user.created': (c) => [c.e.action, { name: nameOf(c, 'user_name'), tail: list(c.d.roles).length ? c.tail('inParens', { value: list(c.d.roles).join(c.tail('listSep')) }) : '' }],
  'user.first_admin': (c) => [c.e.action, { name: nameOf(c, 'user_name') }],
  'user.updated': (c) => [c.e.action, { name: nameOf(c, 'user_name'), tail: c.d.password_changed ? c.tail('newPassword') : '' }],
  'user.password_changed': (c) => [c.e.action, { tail: Number(c.d.ended_sessions) > 0 ? c.tail('endedSessions', { count: Number(c.d.ended_sessions) }) : '' }],
  'key.created': (c) => [c.d.kind === 'console' ? 'key.created_console' : c.e.action],
  'trust.added': (c) => [c.e.action, { key: q(c.d.key_id), tail: trustFor(c) }],
  'trust.revoked': (c) => [c.e.action, { key: q(c.d.key_id) }],
  'audit.rekeyed': (c) => [c.e.action, { entries: q(c.d.entries) }],
  'audit.reanchored': (c) => [c.e.action, { tail: when(c, c.d.reason, 'reason', 'reason') }],
} satisfies Record<string, Phrase>));

/** The actions with words of their own; any other shows the server's English sentence. */
export const translatedAuditActions: readonly string[] = [...phrases.keys()];

/**
 * An audit entry in the reader's language, from the same facts the server's English sentence uses;
 * the server's sentence (kept for the CSV export and the CLI) stands in for an action it does not know.
 */
export function auditSentenceT(entry: SentenceEntry, t: Translate): string {
  const phrase = phrases.get(entry.action);
  if (!phrase) return entry.sentence;
  const ctx: Ctx = {
    e: entry,
    d: detailsOf(entry),
    tail: (key, params) => t(`auditSentences.part.${key}`, params),
    names: (names) => nameListT(names, 3, t),
    event: (code) => t(`alerts.event.${code}`, { defaultValue: code }),
  };
  const [key, params] = phrase(ctx);
  return t(`auditSentences.${key}`, { actor: who(entry.actor), ...params });
}
