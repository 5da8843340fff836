import type { Host } from '../../../shared/domain/hosts';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import type { Task } from '../../../shared/domain/tasks';
import { t } from '../../i18n/i18n';
import { statusWord } from '../../lib/status-words';
import { typeLabel } from '../tasks/task-view';

/** What the palette can jump to. */
export type PaletteKind = 'page' | 'action' | 'host' | 'task' | 'request';

export interface PaletteItem {
  readonly key: string;
  readonly kind: PaletteKind;
  readonly title: string;
  /** Shown dimmed after the title, and matched too (an address, a state, a description). */
  readonly detail?: string;
  /** The route to open, e.g. `/hosts/3`. */
  readonly to: string;
}

export interface ScoredItem {
  readonly item: PaletteItem;
  readonly score: number;
}

const kindOrder: Readonly<Record<PaletteKind, number>> = { page: 0, action: 1, task: 2, host: 3, request: 4 };

/** Whether position `i` of `text` starts a word (`db-prod-1`, `nightlyBackup`, `#12`). */
function startsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1]!;
  const cur = text[i]!;
  return /[^a-z0-9]/i.test(prev) || (prev === prev.toLowerCase() && cur !== cur.toLowerCase());
}

/**
 * How well one search word matches `text`: a substring beats a scattered subsequence, an earlier
 * and word-start match beats a later one; null when the letters do not all appear in order.
 */
export function wordScore(word: string, text: string): number | null {
  const w = word.toLowerCase();
  const t = text.toLowerCase();
  if (!w) return 0;
  const at = t.indexOf(w);
  if (at >= 0) return 100 + (startsWord(text, at) ? 50 : 0) + (at === 0 ? 25 : 0) + (w.length === t.length ? 25 : 0) - Math.min(at, 20);
  let score = 0;
  let from = 0;
  let prev = -2;
  for (const ch of w) {
    const i = t.indexOf(ch, from);
    if (i < 0) return null;
    score += 1 + (i === prev + 1 ? 4 : 0) + (startsWord(text, i) ? 6 : 0);
    prev = i;
    from = i + 1;
  }
  return score;
}

/**
 * Score an item against a query of one or more words: every word must match the title or the
 * detail (the title counts double); null when one does not.
 */
export function itemScore(query: string, item: PaletteItem): number | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  let total = 0;
  for (const word of words) {
    const inTitle = wordScore(word, item.title);
    const inDetail = item.detail ? wordScore(word, item.detail) : null;
    if (inTitle === null && inDetail === null) return null;
    total += Math.max(inTitle === null ? 0 : inTitle * 2, inDetail ?? 0);
  }
  return total;
}

/** The items matching `query`, best first (pages before hosts on a tie), at most `limit`. */
export function rankItems(items: readonly PaletteItem[], query: string, limit: number): PaletteItem[] {
  const scored: ScoredItem[] = [];
  for (const item of items) {
    const score = itemScore(query, item);
    if (score !== null) scored.push({ item, score });
  }
  scored.sort((a, b) => b.score - a.score || kindOrder[a.item.kind] - kindOrder[b.item.kind] || a.item.title.localeCompare(b.item.title));
  return scored.slice(0, limit).map((s) => s.item);
}

/** The next highlighted row after an arrow key, wrapping at both ends; -1 when there are no rows. */
export function moveActive(active: number, delta: 1 | -1, count: number): number {
  if (count === 0) return -1;
  return (((active + delta) % count) + count) % count;
}

/** What the palette searches: the pages this user may open and whatever the stores hold. */
export interface PaletteSources {
  readonly pages: readonly { readonly key: string; readonly label: string }[];
  readonly hosts: readonly Pick<Host, 'id' | 'name' | 'host' | 'username' | 'tag'>[];
  readonly tasks: readonly Pick<Task, 'name' | 'description' | 'type'>[];
  readonly requests: readonly Pick<ChangeRequestView, 'id' | 'task_name' | 'state' | 'requester'>[];
}

/** Pages outside the left menu that are still worth a jump, and things to do, in the current language. */
function extraPages(): PaletteItem[] {
  return [
    { key: 'page:keys', kind: 'page', title: t('palette.extra.keys'), detail: t('palette.extra.keysDetail'), to: '/keys' },
    { key: 'page:reviews', kind: 'page', title: t('palette.extra.reviews'), detail: t('palette.extra.reviewsDetail'), to: '/reviews' },
    { key: 'action:new-task', kind: 'action', title: t('palette.extra.newTask'), detail: t('palette.extra.newTaskDetail'), to: '/tasks/new' },
  ];
}

export function paletteItems(src: PaletteSources): PaletteItem[] {
  return [
    ...src.pages.map((p): PaletteItem => ({ key: `page:${p.key}`, kind: 'page', title: p.label, to: `/${p.key}` })),
    ...extraPages(),
    ...src.tasks.map((t): PaletteItem => ({ key: `task:${t.name}`, kind: 'task', title: t.name, detail: [typeLabel[t.type], t.description].filter(Boolean).join(' · '), to: `/tasks/${encodeURIComponent(t.name)}` })),
    ...src.hosts.map((h): PaletteItem => ({ key: `host:${h.id}`, kind: 'host', title: h.name, detail: [`${h.username}@${h.host}`, h.tag].filter(Boolean).join(' · '), to: `/hosts/${h.id}` })),
    ...src.requests.map((r): PaletteItem => ({ key: `request:${r.id}`, kind: 'request', title: `#${r.id} ${r.task_name}`, detail: `${statusWord('request', r.state)} · ${t('palette.requestedBy', { user: r.requester })}`, to: `/approvals/${r.id}` })),
  ];
}
