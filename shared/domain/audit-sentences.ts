import { alertEventNamesEn, type AlertEvent } from './alerts';
/** What a sentence needs of an entry: its row, and the name its target has now (when details do not carry one). */
export interface SentenceInput {
  readonly id?: number;
  readonly actor: string;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string | null;
  readonly target_name: string | null;
  readonly details: unknown;
}

export type Details = Readonly<Record<string, unknown>>;

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => str(x)).filter((x): x is string => x !== undefined) : []);
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Names, the first few then how many more: a run on 200 hosts stays one readable line. */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The name an entry recorded for its target when written (later renames do not change history). */
export function recordedName(details: unknown): string | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Details;
  return str(d.name) ?? str(d.task) ?? str(d.token) ?? str(d.user_name) ?? null;
}

/** The core acts as "system"; a sentence names it as the product. */
export function who(actor: string): string {
  return actor === 'system' ? 'Taskdeck' : actor;
}

/** A target by name: the name the entry carried when written, else its name now, else its id. */
export function named(e: SentenceInput, d: Details, ...keys: string[]): string {
  for (const k of keys) {
    const v = str(d[k]);
    if (v) return v;
  }
  return e.target_name ?? (e.target_id ? `#${e.target_id}` : '');
}

function request(e: SentenceInput, d: Details): string {
  const task = str(d.task) ?? e.target_name;
  return `request #${e.target_id ?? '?'}${task ? ` (${task})` : ''}`;
}

function onHosts(d: Details): string {
  const hosts = list(d.hosts);
  return hosts.length ? ` on ${nameList(hosts)}` : '';
}

type Phrase = (e: SentenceInput, d: Details, actor: string) => string;

const requestStates: Readonly<Record<string, string>> = {
  'request.executing': 'started executing', 'request.succeeded': 'succeeded', 'request.failed': 'failed',
  'request.expired': 'expired', 'request.voided': 'was voided', 'request.pre_check_failed': 'failed its pre-check',
};

const phrases: Readonly<Record<string, Phrase>> = {
  'auth.login': (_e, _d, a) => `${a} signed in`,
  'auth.logout': (_e, _d, a) => `${a} signed out`,
  'auth.login_failed': (_e, d, a) => `sign-in failed for ${a}${d.locked_for_seconds ? `; locked for ${str(d.locked_for_seconds)} s` : ''}`,
  'token.used': (e, d, a) => `${a} used API token ${named(e, d, 'token')}${str(d.operation) ? ` for ${str(d.operation)}` : ''}`,
  'token.created': (e, d, a) => `${a} created API token ${named(e, d, 'token')} for ${str(d.owner) ?? '?'}${list(d.scopes).length ? ` (scopes ${list(d.scopes).join(', ')})` : ''}`,
  'token.revoked': (e, d, a) => (d.by_itself ? `${a} signed API token ${named(e, d, 'token')} out, which revoked it` : `${a} revoked API token ${named(e, d, 'token')}`),
  'token.refused': (e, d, a) => `API token ${named(e, d, 'token')} of ${a} was refused${str(d.scope) ? `: it lacks the scope ${str(d.scope)}` : str(d.permission) ? `: ${str(d.permission)} needs a person` : ''}`,

  'host.created': (e, d, a) => `${a} added host ${named(e, d, 'name')}${str(d.host) ? ` (${str(d.host)})` : ''}`,
  'host.updated': (e, d, a) => `${a} edited host ${named(e, d, 'name')}${str(d.host_to) ? `, moving it from ${str(d.host_from)} to ${str(d.host_to)}` : ''}`,
  'host.deleted': (e, d, a) => `${a} deleted host ${named(e, d, 'name')}${str(d.host) ? ` (${str(d.host)})` : ''}`,
  'host.imported': (_e, d, a) => `${a} imported ${plural(list(d.names).length, 'host')} from an SSH config: ${nameList(list(d.names))}`,
  'host.key_accepted': (e, d, a) => `${a} accepted the host key of ${named(e, d, 'name')}${str(d.fingerprint) ? ` (${str(d.fingerprint)})` : ''}`,
  'host.key_repinned': (e, d, a) => `${a} re-pinned the changed host key of ${named(e, d, 'name')}${str(d.fingerprint) ? ` to ${str(d.fingerprint)}` : ''}`,
  'host.key_mismatch': (e, d) => `the host key of ${named(e, d, 'name')} changed: expected ${str(d.expected) ?? '?'}, presented ${str(d.presented) ?? '?'}`,

  'group.created': (e, d, a) => `${a} created group ${named(e, d, 'name')}`,
  'group.updated': (e, d, a) => `${a} edited group ${named(e, d, 'name')}`,
  'group.deleted': (e, d, a) => `${a} deleted group ${named(e, d, 'name')}${typeof d.bindings_removed === 'number' && d.bindings_removed ? ` and its ${plural(d.bindings_removed, 'binding')}` : ''}`,
  'binding.created': (e, d, a) => `${a} bound host ${str(d.host) ?? '?'} to group ${str(d.group) ?? '?'} as ${named(e, d, 'name')} (weight ${str(d.weight) ?? '?'})`,
  'binding.updated': (e, d, a) => `${a} edited binding ${named(e, d, 'name')}${str(d.host_to) ? `, moving it from host ${str(d.host_from)} to ${str(d.host_to)}` : ''}`,
  'binding.deleted': (e, d, a) => `${a} removed binding ${named(e, d, 'name')}${str(d.host) ? ` (host ${str(d.host)} in group ${str(d.group) ?? '?'})` : ''}`,

  'task.created': (e, d, a) => `${a} created task ${named(e, d, 'name')}`,
  'task.updated': (e, d, a) => `${a} edited task ${named(e, d, 'name')}`,
  'task.deleted': (e, d, a) => `${a} deleted task ${named(e, d, 'name')}${d.forced ? ' (forced)' : ''}`,
  'task.started': (e, d, a) => `${a} started task ${named(e, d, 'name')}`,
  'task.stopped': (e, d, a) => `${a} stopped task ${named(e, d, 'name')}${str(d.reason) ? `: ${str(d.reason)}` : ''}`,
  'task.retries_cancelled': (e, d, a) => `${a} cancelled the pending retries of task ${named(e, d, 'name')}`,
  'task.run': (e, d, a) => {
    const task = named(e, d, 'task', 'name');
    if (d.trigger === 'schedule') return `the schedule ran task ${task}${onHosts(d)} (on ${a}'s authority)`;
    if (d.trigger === 'retry') return `Taskdeck retried task ${task}${onHosts(d)} (on ${a}'s authority)`;
    return `${a} ran task ${task}${onHosts(d)}`;
  },
  'run.started': (_e, d, a) => `${a} ran ${str(d.command) ? `"${clip(str(d.command)!.split('\n')[0]!, 60)}"` : 'a command'}${onHosts(d)}`,
  'instance.cancelled': (e, d, a) => `${a} cancelled instance ${e.target_id ?? '?'}${str(d.host) ? ` on ${str(d.host)}` : ''}`,

  'request.opened': (e, d, a) => `${a} asked for approval of task ${str(d.task) ?? '?'}: request #${e.target_id ?? '?'}${str(d.process) ? `, process ${str(d.process)}` : ''}${str(d.risk_level) ? `, risk level ${str(d.risk_level)}` : ''}`,
  'request.approved': (e, d, a) => `${a} approved ${request(e, d)}${str(d.node) ? `, node ${str(d.node)}` : ''}`,
  'request.rejected': (e, d, a) => `${a} rejected ${request(e, d)}${str(d.node) ? `, node ${str(d.node)}` : ''}`,
  'request.cancelled': (e, d, a) => `${a} cancelled ${request(e, d)}`,
  'request.exported': (e, d, a) => `${a} exported ${request(e, d)} as a bundle for offline review`,
  'review.imported': (_e, d, a) => `${a} imported request #${str(d.request_id) ?? '?'} of console ${str(d.origin_console) ?? '?'} for review`,
  'review.decided': (_e, d, a) => `${a} ${d.decision === 'rejected' ? 'rejected' : 'approved'} request #${str(d.request_id) ?? '?'} of console ${str(d.origin_console) ?? '?'} offline`,
  'bundle.refused': (_e, d, a) => `a bundle ${a} brought was refused${str(d.message) ? `: ${clip(str(d.message)!, 120)}` : ''}`,
  'permission.granted': (e, d, a) => `${a} let ${e.target_id ?? '?'} run on ${nameList(list(d.hosts))} for ${str(d.hours) ?? '?'} h`,
  'permission.revoked': (e, d, a) => `${a} revoked ${e.target_id ?? '?'}'s permission to run on ${str(d.host) ?? '?'}`,
  'permission.expired': (e) => `${e.target_id ?? '?'}'s permission to run on a host expired`,

  'process.created': (e, d, a) => `${a} created approval process ${named(e, d, 'name')}`,
  'process.updated': (e, d, a) => `${a} edited approval process ${named(e, d, 'name')}`,
  'process.deleted': (e, d, a) => `${a} deleted approval process ${named(e, d, 'name')}`,
  'process.enabled': (e, d, a) => `${a} enabled approval process ${named(e, d, 'name')}`,
  'process.disabled': (e, d, a) => `${a} disabled approval process ${named(e, d, 'name')}`,
  'process.priority': (_e, d, a) => `${a} reordered the approval processes of ${str(d.task_type) ?? '?'}`,
  'setting.changed': (e, _d, a) => `${a} changed the setting ${e.target_id ?? '?'}`,
  'system.security_level': (_e, d, a) => `${a} set the security level from ${str(d.from) ?? '?'} to ${str(d.to) ?? '?'}`,
  'system.run_settings': (_e, d, a) => `${a} changed run settings: ${Object.entries(d).map(([k, v]) => `${k} ${str((v as Details | null)?.from) ?? '?'} → ${str((v as Details | null)?.to) ?? '?'}`).join(', ')}`,
  'settings.reminders': (_e, _d, a) => `${a} changed when reminders are sent`,
  'alert_channel.created': (e, d, a) => `${a} added alert channel ${named(e, d, 'name')}${str(d.kind) ? ` (${str(d.kind)})` : ''}`,
  'alert_channel.updated': (e, d, a) => `${a} edited alert channel ${named(e, d, 'name')}${d.secret_changed ? ', changing its secret' : ''}`,
  'alert_channel.deleted': (e, d, a) => `${a} deleted alert channel ${named(e, d, 'name')}`,
  'alert_rule.created': (_e, d, a) => `${a} sent ${list(d.events).map((e) => alertEventNamesEn[e as AlertEvent] ?? e).join(', ') || 'events'} of ${str(d.task) ?? 'every task'} to ${str(d.channel) ?? 'a channel'}`,
  'alert_rule.updated': (_e, d, a) => `${a} changed the alert rule of ${str(d.task) ?? 'every task'} to ${str(d.channel) ?? 'a channel'}${d.enabled === false ? ' (disabled)' : ''}`,
  'alert_rule.deleted': (_e, d, a) => `${a} deleted the alert rule of ${str(d.task) ?? 'every task'} to ${str(d.channel) ?? 'a channel'}`,
  'system.backup': (_e, d, a) => `${a} backed up the database${str(d.path) ? ` to ${str(d.path)}` : ''}`,

  'user.created': (e, d, a) => `${a} created user ${named(e, d, 'user_name')}${list(d.roles).length ? ` (${list(d.roles).join(', ')})` : ''}`,
  'user.first_admin': (e, d) => `${named(e, d, 'user_name')} became the first admin`,
  'user.updated': (e, d, a) => `${a} edited user ${named(e, d, 'user_name')}${d.password_changed ? ', setting a new password' : ''}`,
  'user.password_changed': (_e, d, a) => `${a} changed their password${Number(d.ended_sessions) > 0 ? `, signing out ${Number(d.ended_sessions)} other session${Number(d.ended_sessions) === 1 ? '' : 's'}` : ''}`,
  'key.created': (_e, d, a) => (d.kind === 'console' ? 'Taskdeck created its console signing key' : `${a} created a signing key`),
  'trust.added': (_e, d, a) => `${a} trusted key ${str(d.key_id) ?? '?'}${str(d.user_name) ? ` for ${str(d.user_name)} as ${str(d.role) ?? '?'}` : str(d.console_id) ? ` for console ${str(d.console_id)}` : ''}`,
  'trust.revoked': (_e, d, a) => `${a} revoked trusted key ${str(d.key_id) ?? '?'}`,
  'audit.rekeyed': (_e, d) => `Taskdeck keyed the audit chain (${str(d.entries) ?? '?'} entries)`,
  'audit.reanchored': (_e, d) => `Taskdeck re-anchored the audit chain${str(d.reason) ? `: ${str(d.reason)}` : ''}`,
};

/** An entry's details as a record; anything else (null, an array, a string) as none. */
export function detailsOf(e: SentenceInput): Details {
  return e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? (e.details as Details) : {};
}

/** One entry as a sentence a DBA reads at a glance: "dora approved request #12 (fix-balances), node 1". */
export function auditSentence(e: SentenceInput): string {
  const d = detailsOf(e);
  const actor = who(e.actor);
  const state = requestStates[e.action];
  if (state) return `${request(e, d)} ${state}${str(d.why) ? ` (${str(d.why)})` : ''}`;
  const phrase = phrases[e.action];
  if (phrase) return phrase(e, d, actor);
  const target = named(e, d, 'name');
  return `${actor}: ${e.action} on ${e.target_type}${target ? ` ${target}` : ''}`;
}
