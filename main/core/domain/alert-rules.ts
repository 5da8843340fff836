import type { AlertEvent } from '../../../shared/domain/alerts';
import { InstanceStatus, type Instance } from '../../../shared/domain/instances';
import { type NoticeWordKey, noticeText } from '../../../shared/domain/notice-words';
import type { WordParams } from '../../../shared/domain/server-words';
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


/** Repeats of one kind of alert are grouped under this key per channel: one task's failures, one request's node. */
export function taskGroupKey(taskId: number, event: AlertEvent): string {
  return `task:${taskId}:${event}`;
}

type EndedInstance = Pick<Instance, 'task_name' | 'host' | 'attempt' | 'status_name' | 'exit_code' | 'signal' | 'error' | 'ended_time' | 'id'>;

/** The message for an ended task instance. */
export function instanceMessage(event: AlertEvent, i: EndedInstance, now: Date): AlertMessage {
  const task = i.task_name ?? 'a task';
  const why = i.error ?? (i.signal ? `signal ${i.signal}` : i.exit_code !== null ? `exit code ${i.exit_code}` : i.status_name);
  const title = alertTitle(event, { task }, 1, null);
  const text = event === 'success' ? noticeText('onHost', { host: i.host.name }) : noticeText('onHostFailed', { host: i.host.name, attempt: i.attempt, why });
  return {
    event, subject: `Task ${task}`, title: title.text, text: text.text, task_name: i.task_name,
    link: i.task_name ? `/tasks/${encodeURIComponent(i.task_name)}` : null, count: 1, since: null, at: (i.ended_time ?? now.toISOString()),
    words: { title: title.words, body: text.words },
  };
}

/** The message for a change request waiting on a node's role. */
export function approvalMessage(r: { id: number; task_name: string; requester: string; role: string; node: number; of: number }, now: Date): AlertMessage {
  const title = alertTitle('approval_waiting', { id: r.id, task: r.task_name }, 1, null);
  const text = noticeText('approvalNode', { node: r.node + 1, nodes: r.of, role: r.role, requester: r.requester });
  return {
    event: 'approval_waiting', subject: `Request #${r.id} (task ${r.task_name})`, title: title.text, text: text.text, task_name: r.task_name,
    link: `/approvals/${r.id}`, count: 1, since: null, at: now.toISOString(), words: { title: title.words, body: text.words },
  };
}

/** What the latest occurrence's text becomes in a grouped message ("latest on db-1 …"). */
const latestKey: Partial<Record<string, NoticeWordKey>> = { onHost: 'onHostLatest', onHostFailed: 'onHostFailedLatest', approvalNode: 'approvalNodeLatest' };

/**
 * A grouped message: the latest occurrence's message, saying how many it stands for and since when. Built from the
 * latest's words (the first occurrence's title params), so the grouped title and text read alike in both languages.
 */
export function groupedMessage(latest: AlertMessage, count: number, since: string): AlertMessage {
  if (count <= 1 || latest.event === 'test' || !latest.words) return latest;
  const title = alertTitle(latest.event, latest.words.title.params, count, since);
  const textKey = latestKey[latest.words.body?.key ?? ''];
  const text = textKey && latest.words.body ? noticeText(textKey, latest.words.body.params) : null;
  return {
    ...latest, title: title.text, text: text?.text ?? `latest ${latest.text}`, count, since,
    words: { title: title.words, body: text?.words ?? latest.words.body },
  };
}

/** `Task nightly failed`, or grouped: `Task nightly failed 25 times since 14:02 UTC`. */
export function alertTitle(event: AlertEvent, params: WordParams, count: number, since: string | null): ReturnType<typeof noticeText> {
  // A title's own params (task, id) only: a grouped one's count and since are set here.
  const { count: _count, since: _since, ...own } = params;
  return count > 1 && since ? noticeText(`${event}Grouped`, { ...own, count, since: since.slice(11, 16) }) : noticeText(event, own);
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
