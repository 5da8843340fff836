import { TaskStage, TaskType, type Task } from '../../../shared/domain/tasks';

/** The Tasks list's filters, held in the hash: `#/tasks?stage=Started&type=command&tag=nightly&q=vacuum`. */
export interface TaskFilter {
  readonly stage?: Task['stage'];
  readonly type?: Task['type'];
  readonly tag?: string;
  readonly q?: string;
}

/** Bad values are ignored. */
export function parseTaskFilter(q: Readonly<Record<string, string>>): TaskFilter {
  const stage = TaskStage.safeParse(q.stage);
  const type = TaskType.safeParse(q.type);
  return {
    ...(stage.success ? { stage: stage.data } : {}),
    ...(type.success ? { type: type.data } : {}),
    ...(q.tag ? { tag: q.tag } : {}),
    ...(q.q?.trim() ? { q: q.q } : {}),
  };
}

export function tasksHref(f: TaskFilter): string {
  const p = new URLSearchParams();
  if (f.stage) p.set('stage', f.stage);
  if (f.type) p.set('type', f.type);
  if (f.tag) p.set('tag', f.tag);
  if (f.q?.trim()) p.set('q', f.q);
  const s = p.toString();
  return s ? `/tasks?${s}` : '/tasks';
}

export function isTaskFiltered(f: TaskFilter): boolean {
  return Boolean(f.stage || f.type || f.tag || f.q?.trim());
}

/** The core's own filter (stage, type, exact tag, name or description containing the text, any case), applied to the cache. */
export function matchesTaskFilter(t: Task, f: TaskFilter): boolean {
  if (f.stage && t.stage !== f.stage) return false;
  if (f.type && t.type !== f.type) return false;
  if (f.tag && t.tag !== f.tag) return false;
  const needle = f.q?.trim().toLowerCase();
  return !needle || t.name.toLowerCase().includes(needle) || t.description.toLowerCase().includes(needle);
}

/** Filtered and sorted by name. */
export function filterTasks(tasks: readonly Task[], f: TaskFilter): Task[] {
  return tasks.filter((t) => matchesTaskFilter(t, f)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Distinct tags in use, sorted. */
export function tagsOf(tasks: readonly Task[]): string[] {
  return [...new Set(tasks.map((t) => t.tag).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}
