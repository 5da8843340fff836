import { isFinished, ovirtStatuses, type JobState, type JobView, type OvirtStatus } from '../../../shared/domain/jobs';
import { canCancelRun } from '../../../shared/domain/ownership';
import { formatBytes } from '../../lib/duration';
import { statusWord as words } from '../../lib/status-words';
import { t } from '../../i18n/i18n';
import { instancesHref } from '../instances/instance-query';

/** What the Jobs page shows; every filter is applied by the core (`jobs.list`). */
export interface JobsFilter {
  readonly module?: string;
  readonly status?: OvirtStatus;
  readonly external?: boolean;
  /** Show jobs Taskdeck marks internal (hidden by default, as Scylla's list_module_tasks). */
  readonly internal: boolean;
  readonly text: string;
}

const MODULE = /^[a-z][a-z0-9_.-]{0,63}$/;

/** `#/jobs?module=runs&status=STARTED&external=true&internal=1&q=backup` → the filter. Bad values are ignored. */
export function parseJobsFilter(q: Readonly<Record<string, string>>): JobsFilter {
  return {
    ...(q.module && MODULE.test(q.module) ? { module: q.module } : {}),
    ...((ovirtStatuses as readonly string[]).includes(q.status ?? '') ? { status: q.status as OvirtStatus } : {}),
    ...(q.external === 'true' || q.external === 'false' ? { external: q.external === 'true' } : {}),
    internal: q.internal === '1',
    text: (q.q ?? '').slice(0, 200),
  };
}

/** The route for a filter; defaults are left out so plain `#/jobs` stays plain. */
export function jobsHref(f: JobsFilter): string {
  const p = new URLSearchParams();
  if (f.module) p.set('module', f.module);
  if (f.status) p.set('status', f.status);
  if (f.external !== undefined) p.set('external', String(f.external));
  if (f.internal) p.set('internal', '1');
  if (f.text) p.set('q', f.text);
  const s = p.toString();
  return s ? `/jobs?${s}` : '/jobs';
}

export interface SubjectLink {
  readonly label: string;
  readonly text: string;
  /** The link's words inside a tree row. */
  readonly short: string;
  readonly path: string;
}

type RunShape = Pick<JobView, 'scope' | 'action_type' | 'external'>;
const isRunScoped = (j: RunShape): boolean => !j.external && j.scope === 'run' && (j.action_type === 'run' || j.action_type === 'task.run');

/** Whether a node is a run's job (its id is the run's), not one of the run's own steps, which share its scope. */
export function isRunJob(j: RunShape, parent: RunShape | undefined): boolean {
  return isRunScoped(j) && !(parent && isRunScoped(parent));
}

/** Links from a job or step (under `parent`, if any) to what it is about: its task or change request, and the instances a run started. */
export function subjectLinks(j: Pick<JobView, 'id' | 'subject'> & RunShape, parent: RunShape | undefined): SubjectLink[] {
  const out: SubjectLink[] = [];
  if (j.subject?.kind === 'task') out.push({ label: t('jobs.links.task'), text: j.subject.id, short: t('jobs.links.taskShort', { id: j.subject.id }), path: `/tasks/${encodeURIComponent(j.subject.id)}` });
  if (j.subject?.kind === 'request') out.push({ label: t('jobs.links.request'), text: `#${j.subject.id}`, short: t('jobs.links.requestShort', { id: j.subject.id }), path: `/approvals/${encodeURIComponent(j.subject.id)}` });
  if (isRunJob(j, parent)) {
    out.push({ label: t('jobs.links.instances'), text: t('jobs.links.instancesText'), short: t('jobs.links.instancesShort'), path: instancesHref({ run_id: j.id, page: 1, per_page: 50 }) });
  }
  return out;
}

/** Human words for the oVirt status on screen; a created node is started but still waiting (oVirt has no queued state). */
export function statusWord(j: Pick<JobView, 'status' | 'state'>): string {
  return words('job', j.state === 'created' ? 'queued' : j.status);
}

export function statusColor(state: JobState): string {
  switch (state) {
    case 'created': return 'default';
    case 'running': return 'processing';
    case 'done': return 'success';
    case 'failed': return 'error';
    case 'aborted': return 'warning';
    case 'unknown': return 'default';
  }
}

const ms = (iso: string | null): number | null => (iso ? Date.parse(iso) : null);

/** Time waited in the queue: start − creation (up to `now` while it has not started). */
export function queueWaitMs(j: Pick<JobView, 'created_time' | 'started_time' | 'ended_time'>, now: number): number {
  const created = Date.parse(j.created_time);
  const start = ms(j.started_time) ?? ms(j.ended_time) ?? now;
  return Math.max(0, start - created);
}

/** How long it ran: end (or `now`) − start; null before it started. */
export function runMs(j: Pick<JobView, 'started_time' | 'ended_time'>, now: number): number | null {
  const start = ms(j.started_time);
  if (start === null) return null;
  return Math.max(0, (ms(j.ended_time) ?? now) - start);
}

/** Taskdeck's own job types (as the core writes them, in English) → their words. */
const OWN_TYPES: Readonly<Record<string, string>> = {
  'ad-hoc run': 'adHocRun', 'scheduled run': 'scheduledRun', 'manual run': 'manualRun', backup: 'backup', 'ssh-config import': 'sshImport',
  'sftp transfer': 'sftpTransfer', command: 'command', 'database change': 'databaseChange', 'apply permission': 'applyPermission',
};
const OWN_MODULES = new Set(['runs', 'tasks', 'approvals', 'system', 'external']);

/** A job's type in the reader's language; a plug-in's own type (or one this console does not know) as it was named. */
export function typeWord(j: Pick<JobView, 'type' | 'external'>): string {
  const key = j.external ? undefined : OWN_TYPES[j.type];
  return key ? t(`jobs.types.${key}`) : j.type;
}

/** A module in the reader's language; a plug-in's own module as it was named. */
export function moduleWord(module: string): string {
  return OWN_MODULES.has(module) ? t(`jobs.modules.${module}`) : module;
}

/** Progress as a bar: percent, and words such as "3 / 10 hosts" or "1.2 MB / 4.0 MB"; null when nothing is counted. */
export function progressOf(j: Pick<JobView, 'progress' | 'state'>): { percent: number; text: string } | null {
  const { units, total, completed } = j.progress;
  if (!(total > 0)) return null;
  const percent = Math.min(100, Math.max(0, Math.floor((completed / total) * 100)));
  const text = units === 'bytes' ? `${formatBytes(completed)} / ${formatBytes(total)}` : `${completed} / ${total} ${units ? t(`jobs.units.${units}`, { defaultValue: units }) : t('jobs.units.steps')}`;
  return { percent: j.state === 'done' ? 100 : percent, text };
}

/**
 * "4 finished, 1 failed" for the children that folded away. Every ended child is counted in
 * `folded`, also one kept for its details (a failed host, the FINALIZING summary): those `shown`
 * as rows below the node are not counted again.
 */
export function foldedText(j: Pick<JobView, 'folded'>, shown: readonly Pick<JobView, 'state'>[] = []): string {
  const f = { ...j.folded };
  for (const c of shown) if (c.state !== 'created' && c.state !== 'running') f[c.state] = Math.max(0, f[c.state] - 1);
  const parts = [
    f.done ? t('jobs.folded.done', { n: f.done }) : '', f.failed ? t('jobs.folded.failed', { n: f.failed }) : '', f.aborted ? t('jobs.folded.aborted', { n: f.aborted }) : '', f.unknown ? t('jobs.folded.unknown', { n: f.unknown }) : '',
  ].filter(Boolean);
  return parts.join(t('jobs.folded.sep'));
}

/**
 * Who may do what to a node: end and clear external jobs (the plug-in permission); abort
 * abortable unfinished work when the core would let them: Taskdeck's own (a run, a host of it) on
 * the authority it runs on (its owner, or an admin or DBA), an external node with the plug-in permission.
 */
export function jobAbilities(job: JobView, permissions: ReadonlySet<string>, user: { readonly user_name: string; readonly roles: readonly string[] } | null) {
  const open = !isFinished(job.state);
  const external = job.external && job.parent_id === null && permissions.has('jobs:external');
  const mayAbort = job.external ? permissions.has('jobs:external') : user !== null && canCancelRun(user, { created_by: job.owner });
  return { abort: open && job.is_abortable && mayAbort, end: open && external, clear: external && !job.auto_cleared };
}

/** A row of the tree table: a node and the children cached for it. */
export type JobTreeRow = JobView & { readonly children?: readonly JobTreeRow[] };

/** Children of a node among the cached nodes, in their order under the parent. */
export function childrenOf(nodes: readonly JobView[], parentId: string): JobView[] {
  return nodes.filter((n) => n.parent_id === parentId).sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : 1));
}

/**
 * The tree under `root` from the cached nodes. A node whose children are registered but not loaded
 * gets an empty list, so the table still offers to expand it (expanding loads them). Steps are
 * always shown: as in Scylla, every child is internal, so `internal` filters jobs only.
 */
export function treeOf(root: JobView, nodes: readonly JobView[]): JobTreeRow {
  const byParent = new Map<string, JobView[]>();
  for (const n of nodes) {
    if (n.parent_id === null) continue;
    const list = byParent.get(n.parent_id) ?? [];
    list.push(n);
    byParent.set(n.parent_id, list);
  }
  const build = (n: JobView, depth: number): JobTreeRow => {
    const kids = (byParent.get(n.id) ?? []).sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : 1));
    if (kids.length && depth < 64) return { ...n, children: kids.map((k) => build(k, depth + 1)) };
    return n.children_ids.length && depth === 0 ? { ...n, children: [] } : n;
  };
  return build(root, 0);
}

/** The unfinished nodes below `id` (depth first), for the "end with force" confirmation. */
export function unfinishedBelow(nodes: readonly JobView[], id: string): JobView[] {
  const out: JobView[] = [];
  const walk = (pid: string, depth: number): void => {
    if (depth > 64) return;
    for (const c of childrenOf(nodes, pid)) {
      if (!isFinished(c.state)) out.push(c);
      walk(c.id, depth + 1);
    }
  };
  walk(id, 0);
  return out;
}
