/** The words of a reminder: pure, from the request and what is due. */
import { leftText, type NoticeWordKey, noticeText, type NoticeWords } from '../../../shared/domain/notice-words';
import type { WordParams } from '../../../shared/domain/server-words';
import type { DueReminder, ReminderWindow } from './reminder-schedule';

export interface RemindedRequest {
  readonly id: number;
  readonly task_name: string;
  readonly state: string;
  readonly current_node: number;
  readonly nodes: readonly { readonly role: string }[];
}

export type Audience = 'approver' | 'requester';

/** A reminder's English title and body, and their words for the reader's language. */
export interface ReminderText {
  readonly title: string;
  readonly body: string;
  readonly words: NoticeWords;
}

/** `2026-12-06 16:03 UTC`: the core knows no user's time zone, so it names the one it writes. */
export function utcText(t: Date): string {
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const lapsedKey = { approval: 'lapsedApproval', waiting: 'lapsedWaiting', execution: 'lapsedExecution' } as const;

/** Title and body of the reminder `due` sends to `audience` about `r`, whose window is `w`. */
export function reminderText(r: RemindedRequest, w: ReminderWindow, due: DueReminder, audience: Audience): ReminderText {
  const what = { id: r.id, task: r.task_name };
  const deadline = utcText(w.lapses);
  if (due.kind === 'lapsed') return both([lapsedKey[w.name], what], ['lapsedBody', { deadline }]);
  const left = { ...what, left: leftText(due.leftMs) };
  const node = r.nodes[r.current_node];
  const at: WordParams = node ? { node: r.current_node + 1, nodes: r.nodes.length, role: node.role, deadline } : { deadline };
  switch (w.name) {
    case 'approval':
      return audience === 'approver'
        ? both(['approverTitle', left], [node ? 'approverBody' : 'approverBodyNoNode', at])
        : both(['requesterTitle', left], [node ? 'requesterBody' : 'requesterBodyNoNode', at]);
    case 'waiting':
      return both(['waitingTitle', left], ['waitingBody', { deadline }]);
    case 'execution':
      return r.state === 'EXECUTING' ? both(['runningTitle', left], ['runningBody', { deadline }]) : both(['notStartedTitle', left], ['notStartedBody', { deadline }]);
  }
}

type Line = readonly [NoticeWordKey, WordParams];

function both(title: Line, body: Line): ReminderText {
  const t = noticeText(...title);
  const b = noticeText(...body);
  return { title: t.text, body: b.text, words: { title: t.words, body: b.words } };
}
