import { formatBytes } from '../../../shared/format-bytes';
import { jobText, type JobText } from '../../../shared/domain/job-words';
import { InstanceStatus, instanceStatusNames, type InstanceStatusCode, type RunSummary } from '../../../shared/domain/instances';
import type { JobState } from '../../../shared/domain/jobs';

export type RunEndState = Exclude<JobState, 'created' | 'running'>;

/** One host's instance of a run, as its job needs it once it ended. */
export interface HostEnd {
  readonly host: string;
  readonly host_id: number | null;
  readonly attempt: number;
  readonly status: InstanceStatusCode;
  readonly exit_code: number | null;
  readonly error: string | null;
  readonly log_lines: number;
  readonly log_bytes: number;
}

/** The job state an ended instance stands for. */
export function jobStateOf(status: InstanceStatusCode): RunEndState {
  switch (status) {
    case InstanceStatus.Finished:
      return 'done';
    case InstanceStatus.AbnormalEnding:
    case InstanceStatus.TimeoutEnding:
      return 'failed';
    case InstanceStatus.ManualCancellation:
      return 'aborted';
    default:
      return 'unknown';
  }
}

/** Worst first: one host failing fails the run even if another was cancelled. */
const RANK: Record<RunEndState, number> = { failed: 3, aborted: 2, unknown: 1, done: 0 };

/** Which host an attempt ran on: its id, or its name once the host was deleted. */
export function hostKey(e: Pick<HostEnd, 'host' | 'host_id'>): string {
  return e.host_id === null ? `name:${e.host}` : `id:${e.host_id}`;
}

/** One attempt of a run on one host, as its progress needs it. */
export interface HostAttempt {
  readonly host: string;
  readonly attempt: number;
  readonly ended: boolean;
}

/**
 * A run's progress in hosts, not attempts: a host is complete once its last attempt ended and no
 * retry of it is still to come (`retrying`: host keys with a pending retry).
 */
export function hostProgress(attempts: Iterable<HostAttempt>, retrying: ReadonlySet<string>): { completed: number; total: number } {
  const last = new Map<string, HostAttempt>();
  for (const a of attempts) {
    const seen = last.get(a.host);
    if (!seen || a.attempt >= seen.attempt) last.set(a.host, a);
  }
  let completed = 0;
  for (const [host, a] of last) if (a.ended && !retrying.has(host)) completed++;
  return { completed, total: last.size };
}

/** Each host's last attempt: a retry that succeeded stands for its host. */
export function lastAttempts(ends: readonly HostEnd[]): HostEnd[] {
  const last = new Map<string, HostEnd>();
  for (const e of ends) {
    const key = hostKey(e);
    const seen = last.get(key);
    if (!seen || e.attempt >= seen.attempt) last.set(key, e);
  }
  return [...last.values()];
}

/** How a run ended: the worst of its hosts' last attempts, with the reasons of those that did not finish. */
export function runOutcome(ends: readonly HostEnd[]): { state: RunEndState; error: string | null } {
  const last = lastAttempts(ends);
  let state: RunEndState = 'done';
  for (const e of last) if (RANK[jobStateOf(e.status)] > RANK[state]) state = jobStateOf(e.status);
  if (state === 'done') return { state, error: null };
  // Hosts that ended for one reason are named together: a restart that lost 50 hosts reads as one line.
  const byReason = new Map<string, string[]>();
  for (const e of last) {
    if (jobStateOf(e.status) === 'done') continue;
    const reason = e.error ?? (e.exit_code !== null ? `exit ${e.exit_code}` : 'ended without a reason');
    byReason.set(reason, [...(byReason.get(reason) ?? []), e.host]);
  }
  const failing = [...byReason.values()].reduce((n, hs) => n + hs.length, 0);
  const reasons = [...byReason].map(([reason, hosts]) => `${names(hosts)}: ${reason}`).join('; ');
  return { state, error: clip(`${failing} of ${last.length} host(s) did not finish: ${reasons}`, 2_000) };
}

/** The FINALIZING step's description and words: exit codes (`0 ×2, 1 ×1`; `–` for none) and log totals of every attempt. */
export function finalSummary(ends: readonly HostEnd[]): JobText {
  const codes = new Map<number | null, number>();
  // A host counts once, by its last attempt; the attempts a retry replaced are counted apart.
  for (const e of lastAttempts(ends)) codes.set(e.exit_code, (codes.get(e.exit_code) ?? 0) + 1);
  const exits = [...codes].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity)).map(([code, n]) => `${code ?? '–'} ×${n}`).join(', ');
  const lines = ends.reduce((n, e) => n + e.log_lines, 0).toLocaleString('en-US');
  const bytes = formatBytes(ends.reduce((n, e) => n + e.log_bytes, 0));
  const retried = ends.length - lastAttempts(ends).length;
  if (!exits) return jobText('finalNoHost', { lines, bytes });
  return retried ? jobText('finalSummaryRetried', { exits, lines, bytes, retried }) : jobText('finalSummary', { exits, lines, bytes });
}

/** One instance of a run as its list row needs it. */
export interface RunMember extends HostEnd {
  readonly id: bigint;
  readonly run_id: string;
  readonly task_id: number | null;
  readonly task_name: string | null;
  readonly command: string;
  readonly trigger: RunSummary['trigger'];
  readonly created_by: string;
  readonly created_time: string;
  readonly started_time: string | null;
  readonly ended_time: string | null;
}

/** A run's status from its hosts' last attempts: Running while one runs, else the worst (a failure over a timeout over a cancel). */
const WORST_FIRST: readonly InstanceStatusCode[] = [
  InstanceStatus.Running, InstanceStatus.AbnormalEnding, InstanceStatus.TimeoutEnding, InstanceStatus.ManualCancellation, InstanceStatus.Unknown, InstanceStatus.Finished,
];

/** One run as a list row: its status and host counts by each host's last attempt, its span from first start to last end. */
export function summariseRun(members: readonly RunMember[]): RunSummary {
  const first = members.reduce((a, b) => (b.attempt < a.attempt || (b.attempt === a.attempt && b.id < a.id) ? b : a));
  const last = lastAttempts(members) as RunMember[];
  const statuses = new Set(last.map((m) => m.status));
  const status = WORST_FIRST.find((s) => statuses.has(s)) ?? InstanceStatus.Unknown;
  const running = last.filter((m) => m.status === InstanceStatus.Running).length;
  const ok = last.filter((m) => m.status === InstanceStatus.Finished).length;
  const starts = members.map((m) => m.started_time).filter((t): t is string => t !== null).sort();
  const anyRunning = members.some((m) => m.status === InstanceStatus.Running);
  const ends = members.map((m) => m.ended_time).filter((t): t is string => t !== null).sort();
  return {
    run_id: first.run_id, task_id: first.task_id, task_name: first.task_name, command: first.command, trigger: first.trigger, created_by: first.created_by,
    status, status_name: instanceStatusNames[status],
    hosts: { total: last.length, ok, failed: last.length - ok - running, running },
    host_names: last.map((m) => m.host).sort((a, b) => a.localeCompare(b)).slice(0, 5),
    instances: members.length,
    created_time: members.map((m) => m.created_time).sort()[0]!,
    started_time: starts[0] ?? null,
    ended_time: anyRunning ? null : (ends.at(-1) ?? null),
    single_instance_id: members.length === 1 ? first.id.toString() : null,
  };
}

function names(hosts: readonly string[]): string {
  return hosts.length <= 5 ? hosts.join(', ') : `${hosts.slice(0, 5).join(', ')} and ${hosts.length - 5} more`;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
