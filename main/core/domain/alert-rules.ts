import type { AlertEvent } from '../../../shared/domain/alerts';
import { InstanceStatus, type Instance } from '../../../shared/domain/instances';
import type { AlertMessage } from './webhook-payload';

/**
 * What a task instance's end is worth alerting on. A failure the scheduler will retry is still a failure; the last
 * failed attempt of a task with retries is also `retries_exhausted`. A cancelled run alerts no one: someone chose it.
 */
export function instanceEvents(i: Pick<Instance, 'status' | 'attempt'>, retryTimes: number): AlertEvent[] {
  switch (i.status) {
    case InstanceStatus.Finished:
      return ['success'];
    case InstanceStatus.AbnormalEnding:
    case InstanceStatus.Unknown:
      return exhausted(['failure'], i.attempt, retryTimes);
    case InstanceStatus.TimeoutEnding:
      return exhausted(['timeout'], i.attempt, retryTimes);
    default:
      return [];
  }
}

function exhausted(events: AlertEvent[], attempt: number, retryTimes: number): AlertEvent[] {
  return retryTimes > 0 && attempt > retryTimes ? [...events, 'retries_exhausted'] : events;
}

const verbs: Readonly<Record<AlertEvent | 'test', string>> = {
  test: 'sent a test message',
  failure: 'failed',
  timeout: 'timed out',
  retries_exhausted: 'failed after its last retry',
  success: 'succeeded',
  approval_waiting: 'waits for approval',
};

/** Repeats of one kind of alert are grouped under this key per channel: one task's failures, one request's node. */
export function taskGroupKey(taskId: number, event: AlertEvent): string {
  return `task:${taskId}:${event}`;
}

type EndedInstance = Pick<Instance, 'task_name' | 'host' | 'attempt' | 'status_name' | 'exit_code' | 'signal' | 'error' | 'ended_time' | 'id'>;

/** The message for an ended task instance. */
export function instanceMessage(event: AlertEvent, i: EndedInstance, now: Date): AlertMessage {
  const name = i.task_name ?? 'a task';
  const why = i.error ?? (i.signal ? `signal ${i.signal}` : i.exit_code !== null ? `exit code ${i.exit_code}` : i.status_name);
  const text = event === 'success' ? `on ${i.host.name}` : `on ${i.host.name} (attempt ${i.attempt}): ${why}`;
  return {
    event, subject: `Task ${name}`, title: titleFor(`Task ${name}`, event, 1, null), text, task_name: i.task_name,
    link: i.task_name ? `/tasks/${encodeURIComponent(i.task_name)}` : null, count: 1, since: null, at: (i.ended_time ?? now.toISOString()),
  };
}

/** The message for a change request waiting on a node's role. */
export function approvalMessage(r: { id: number; task_name: string; requester: string; role: string; node: number; of: number }, now: Date): AlertMessage {
  return {
    event: 'approval_waiting', subject: `Request #${r.id} (task ${r.task_name})`, title: titleFor(`Request #${r.id} (task ${r.task_name})`, 'approval_waiting', 1, null),
    text: `node ${r.node + 1} of ${r.of} needs the role ${r.role}; requested by ${r.requester}`, task_name: r.task_name,
    link: `/approvals/${r.id}`, count: 1, since: null, at: now.toISOString(),
  };
}

/** A grouped message: the latest occurrence's message, saying how many it stands for and since when. */
export function groupedMessage(latest: AlertMessage, count: number, since: string): AlertMessage {
  if (count <= 1) return latest;
  return { ...latest, title: titleFor(latest.subject, latest.event, count, since), text: `latest ${latest.text}`, count, since };
}

/** `Task nightly failed`, or grouped: `Task nightly failed 25 times since 14:02 UTC`. */
export function titleFor(subject: string, event: AlertEvent | 'test', count: number, since: string | null): string {
  return count > 1 && since ? `${subject} ${verbs[event]} ${count} times since ${since.slice(11, 16)} UTC` : `${subject} ${verbs[event]}`;
}

/** A channel's group of repeats, as stored. */
export interface AlertGroup {
  readonly first_at: string;
  readonly count: number;
  /** Repeats until then join the next (pending) message instead of going out on their own. */
  readonly window_until: string;
}

/**
 * Where a new occurrence goes. Outside a group's window it is sent at once and opens a new group; inside it joins the
 * group's pending message, or, when none is pending, a new one sent at the end of the window (and the window moves on by
 * one window, so at most one message per window goes out however often the task fails).
 */
export type GroupingDecision =
  | { readonly kind: 'send_now'; readonly group: AlertGroup }
  | { readonly kind: 'join'; readonly group: AlertGroup; readonly sendAt: string | null };

export function groupOccurrence(group: AlertGroup | undefined, windowSeconds: number, hasPending: boolean, now: Date): GroupingDecision {
  const at = now.toISOString();
  if (!group || windowSeconds === 0 || now.getTime() >= Date.parse(group.window_until)) {
    return { kind: 'send_now', group: { first_at: at, count: 1, window_until: new Date(now.getTime() + windowSeconds * 1000).toISOString() } };
  }
  const count = group.count + 1;
  if (hasPending) return { kind: 'join', group: { ...group, count }, sendAt: null };
  const next = new Date(Date.parse(group.window_until) + windowSeconds * 1000).toISOString();
  return { kind: 'join', group: { ...group, count, window_until: next }, sendAt: group.window_until };
}
