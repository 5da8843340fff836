/** The words of a reminder: pure, from the request and what is due. */
import { type DueReminder, leftText, type ReminderWindow } from './reminder-schedule';

export interface RemindedRequest {
  readonly id: number;
  readonly task_name: string;
  readonly state: string;
  readonly current_node: number;
  readonly nodes: readonly { readonly role: string }[];
}

export type Audience = 'approver' | 'requester';

/** `2026-12-06 16:03 UTC`: the core knows no user's time zone, so it names the one it writes. */
export function utcText(t: Date): string {
  return `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const windowWord = { approval: 'approval', waiting: 'wait-for-execution', execution: 'execution' } as const;

/** Title and body of the reminder `due` sends to `audience` about `r`, whose window is `w`. */
export function reminderText(r: RemindedRequest, w: ReminderWindow, due: DueReminder, audience: Audience): { title: string; body: string } {
  const what = `Request #${r.id} (${r.task_name})`;
  const deadline = utcText(w.lapses);
  if (due.kind === 'lapsed') {
    return { title: `${what}: the ${windowWord[w.name]} window lapsed`, body: `It lapsed at ${deadline} while Taskdeck was not running; the request has expired.` };
  }
  const left = leftText(due.leftMs);
  const node = r.nodes[r.current_node];
  const at = node ? `approval node ${r.current_node + 1} of ${r.nodes.length} (${node.role})` : 'its approval';
  switch (w.name) {
    case 'approval':
      return audience === 'approver'
        ? { title: `${what} waits for your approval: ${left} left`, body: `Decide ${at} by ${deadline}; after that the request expires.` }
        : { title: `Your ${what.toLowerCase()} is not approved yet: ${left} left`, body: `It waits at ${at}; it expires at ${deadline} unless approved.` };
    case 'waiting':
      return { title: `${what} is approved: start it within ${left}`, body: `It waits for you to execute it; the window closes at ${deadline}.` };
    case 'execution':
      return r.state === 'EXECUTING'
        ? { title: `${what} is still running: ${left} left`, body: `Its execution window closes at ${deadline}; a run still going then is stopped.` }
        : { title: `${what} has not started yet: ${left} left`, body: `Its execution window closes at ${deadline}; if it has not started by then it expires.` };
  }
}
