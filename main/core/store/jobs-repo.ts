import { JOB_DEFAULTS, jobMatchesText, type FoldedCounts, type JobNode, type JobState, type JobSubject, type StepType } from '../../../shared/domain/jobs';
import { ServerWords } from '../../../shared/domain/server-words';
import type { Db } from './database';
import { prepared } from './statements';

/** A jobs row as stored: times in epoch milliseconds, flags as 0/1. */
export interface JobRow {
  id: string; module: string; parent_id: string | null; root_id: string; sequence_number: number; type: string; scope: string;
  step_type: StepType | null; number: number; description: string; action_type: string; owner: string; state: JobState;
  external: number; external_type: string | null; auto_cleared: number; is_abortable: number; internal: number; user_started: number;
  progress_units: string; progress_total: number; progress_completed: number; created_ms: number; started_ms: number | null;
  ended_ms: number | null; updated_ms: number; error: string | null; has_failure: number; folded_done: number; folded_failed: number;
  folded_aborted: number; folded_unknown: number; children_added: number; instance_id: string | null;
  subject_kind: JobSubject['kind'] | null; subject_id: string | null;
  /** ServerWords as JSON; null for a plug-in's node. */
  words: string | null;
}

export type JobInsert = Omit<JobRow, 'has_failure' | 'folded_done' | 'folded_failed' | 'folded_aborted' | 'folded_unknown' | 'children_added' | 'progress_units' | 'progress_total' | 'progress_completed' | 'subject_kind' | 'subject_id' | 'words'> &
  Partial<Pick<JobRow, 'progress_units' | 'progress_total' | 'progress_completed' | 'subject_kind' | 'subject_id' | 'words'>>;

export interface JobRootFilter {
  readonly module?: string;
  readonly states?: readonly JobState[];
  readonly external?: boolean;
  readonly owner?: string;
  /** Text in the description, type or owner, or the exact id. */
  readonly text?: string;
  /** Include internal jobs (hidden otherwise). */
  readonly internal?: boolean;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly before?: string;
  readonly limit: number;
}

/** Where-clause of a text search: the shared rule itself (the window filters live jobs with it too), registered with SQLite. */
function textFilter(text: string | undefined, where: string[], args: unknown[]): void {
  if (!text?.trim()) return;
  where.push('job_matches_text(?, id, description, type, owner)');
  args.push(text);
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function foldedOf(r: JobRow): FoldedCounts {
  return { done: r.folded_done, failed: r.folded_failed, aborted: r.folded_aborted, unknown: r.folded_unknown };
}

export function toJobNode(r: JobRow, childrenIds: readonly string[]): JobNode {
  return {
    id: r.id, module: r.module, parent_id: r.parent_id, root_id: r.root_id, sequence_number: r.sequence_number, type: r.type, scope: r.scope,
    step_type: r.step_type, number: r.number, description: r.description, words: wordsOf(r.words), action_type: r.action_type, owner: r.owner, state: r.state,
    external: r.external === 1, external_type: r.external_type, auto_cleared: r.auto_cleared === 1, is_abortable: r.is_abortable === 1,
    internal: r.internal === 1, user_started: r.user_started === 1,
    progress: { units: r.progress_units, total: r.progress_total, completed: r.progress_completed },
    created_time: iso(r.created_ms)!, started_time: iso(r.started_ms), ended_time: iso(r.ended_ms), updated_time: iso(r.updated_ms)!,
    error: r.error, children_ids: [...childrenIds], folded: foldedOf(r), instance_id: r.instance_id,
    subject: r.subject_kind === null || r.subject_id === null ? null : { kind: r.subject_kind, id: r.subject_id },
  };
}

/**
 * Words read back, by their JSON: a run's nodes are shown again at each start, progress and end, and a
 * parse and schema check each time cost more than the row's read. Bounded; starts over when full.
 */
const wordsRead = new Map<string, ServerWords | null>();
const WORDS_KEPT = 4_096;

/** Words a node was written with: known as they are, not parsed back from what was written. */
export function wordsWritten(words: ServerWords): string {
  const json = JSON.stringify(words);
  remember(json, words);
  return json;
}

function remember(json: string, words: ServerWords | null): void {
  if (wordsRead.size >= WORDS_KEPT) wordsRead.clear();
  wordsRead.set(json, words);
}

/** Stored words as the contract shows them; words that no longer parse are dropped (the description stays). */
function wordsOf(json: string | null): ServerWords | null {
  if (json === null) return null;
  const known = wordsRead.get(json);
  if (known !== undefined) return known;
  let words: ServerWords | null = null;
  try {
    const parsed = ServerWords.safeParse(JSON.parse(json));
    if (parsed.success) words = parsed.data;
  } catch {
    // not JSON: no words
  }
  remember(json, words);
  return words;
}

const FOLDED_COLUMN: Record<JobState, string | null> = {
  created: null, running: null, done: 'folded_done', failed: 'folded_failed', aborted: 'folded_aborted', unknown: 'folded_unknown',
};
const INSERT_JOB = `INSERT INTO jobs (id, module, parent_id, root_id, sequence_number, type, scope, step_type, number, description, action_type, owner, state,
  external, external_type, auto_cleared, is_abortable, internal, user_started, progress_units, progress_total, progress_completed,
  created_ms, started_ms, ended_ms, updated_ms, error, instance_id, subject_kind, subject_id, words) VALUES (${Array.from({ length: 31 }, () => '?').join(', ')})`;
const TTL_KEY = 'jobs.ttl_seconds';
const USER_TTL_KEY = 'jobs.user_ttl_seconds';

/** All SQL of the job tree. */
export class JobsRepo {
  constructor(private readonly db: Db) {
    db.function('job_matches_text', { deterministic: true }, (q, id, description, type, owner) =>
      (jobMatchesText(String(q), { id: String(id), description: String(description), type: String(type), owner: String(owner) }) ? 1 : 0));
  }

  /**
   * Insert a node; returns it as stored, the columns the insert leaves out at their defaults, built in
   * the shape of a row read back. Bound by position: a run's launch inserts a node per host, and named
   * binding walks an object of 30 keys each time.
   */
  insert(r: JobInsert): JobRow {
    const row: JobRow = {
      id: r.id, module: r.module, parent_id: r.parent_id, root_id: r.root_id, sequence_number: r.sequence_number, type: r.type, scope: r.scope,
      step_type: r.step_type, number: r.number, description: r.description, action_type: r.action_type, owner: r.owner, state: r.state,
      external: r.external, external_type: r.external_type, auto_cleared: r.auto_cleared, is_abortable: r.is_abortable, internal: r.internal,
      user_started: r.user_started, progress_units: r.progress_units ?? '', progress_total: r.progress_total ?? 0, progress_completed: r.progress_completed ?? 0,
      created_ms: r.created_ms, started_ms: r.started_ms, ended_ms: r.ended_ms, updated_ms: r.updated_ms, error: r.error, has_failure: 0, folded_done: 0,
      folded_failed: 0, folded_aborted: 0, folded_unknown: 0, children_added: 0, instance_id: r.instance_id, subject_kind: r.subject_kind ?? null,
      subject_id: r.subject_id ?? null, words: r.words ?? null,
    };
    prepared(this.db, INSERT_JOB).run(
      row.id, row.module, row.parent_id, row.root_id, row.sequence_number, row.type, row.scope, row.step_type, row.number, row.description, row.action_type, row.owner, row.state,
      row.external, row.external_type, row.auto_cleared, row.is_abortable, row.internal, row.user_started, row.progress_units, row.progress_total, row.progress_completed,
      row.created_ms, row.started_ms, row.ended_ms, row.updated_ms, row.error, row.instance_id, row.subject_kind, row.subject_id, row.words,
    );
    return row;
  }

  /** The next sequence number of a module (shared by all nodes of one tree). */
  nextSequence(module: string): number {
    const row = prepared(this.db, 'INSERT INTO job_sequences (module, last) VALUES (?, 1) ON CONFLICT(module) DO UPDATE SET last = last + 1 RETURNING last').get(module) as { last: number };
    return row.last;
  }

  /** Claims the `number`s of a parent's next `count` children (1-based, never reused even after folding); returns the last. */
  claimChildNumbers(parentId: string, count: number): number {
    const row = prepared(this.db, 'UPDATE jobs SET children_added = children_added + ? WHERE id = ? RETURNING children_added').get(count, parentId) as { children_added: number };
    return row.children_added;
  }

  get(id: string): JobRow | undefined {
    return prepared(this.db, 'SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  childrenIds(id: string): string[] {
    return (prepared(this.db, 'SELECT id FROM jobs WHERE parent_id = ? ORDER BY number').all(id) as { id: string }[]).map((r) => r.id);
  }

  /** The nodes of these ids that still exist, with their children (a few parents at a time: one lookup each). */
  nodes(ids: readonly string[]): JobNode[] {
    return ids.flatMap((id) => {
      const r = this.get(id);
      return r ? [toJobNode(r, r.children_added === 0 ? [] : this.childrenIds(id))] : [];
    });
  }

  /** Children of many nodes in one query (a page of a list). */
  childrenIdsOf(ids: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    // CROSS JOIN keeps the ids as the outer loop: the planner cannot tell how many there are, and with statistics it may scan every job instead.
    const rows = prepared(this.db, 'SELECT j.parent_id, j.id FROM json_each(?) e CROSS JOIN jobs j ON j.parent_id = e.value ORDER BY j.number').all(JSON.stringify(ids)) as { parent_id: string; id: string }[];
    for (const r of rows) out.get(r.parent_id)?.push(r.id);
    return out;
  }

  /**
   * The unfinished nodes below one (not the node itself), in no particular order: what ending a node
   * with children must check. A finished node has none (it ended after them), so the walk stops there.
   * The rows come out of the recursion itself: joined back to jobs by id, the planner scanned the
   * whole table once per end (every run's end read every job ever kept).
   */
  unfinishedDescendants(id: string): JobRow[] {
    return prepared(this.db, `WITH RECURSIVE d AS (SELECT * FROM jobs WHERE parent_id = ? AND state IN ('created', 'running')
      UNION ALL SELECT j.* FROM d JOIN jobs j ON j.parent_id = d.id WHERE j.state IN ('created', 'running'))
      SELECT * FROM d`).all(id) as JobRow[];
  }

  /** Every node of one tree. */
  tree(rootId: string): JobRow[] {
    return prepared(this.db, 'SELECT * FROM jobs WHERE root_id = ? ORDER BY number').all(rootId) as JobRow[];
  }

  /** `startedMs`: when the work started, if that was before now (a start written behind the run). */
  setStarted(id: string, ms: number, startedMs = ms): void {
    prepared(this.db, "UPDATE jobs SET state = 'running', started_ms = ?, updated_ms = ? WHERE id = ?").run(startedMs, ms, id);
  }

  setProgress(id: string, completed: number, total: number | undefined, units: string | undefined, ms: number): void {
    prepared(this.db, 'UPDATE jobs SET progress_completed = ?, progress_total = coalesce(?, progress_total), progress_units = coalesce(?, progress_units), updated_ms = ? WHERE id = ?')
      .run(completed, total ?? null, units ?? null, ms, id);
  }

  /** A node that never started takes `startedMs` (when its work started, if its start was never written), else the end. */
  setEnded(id: string, state: JobState, error: string | null, ms: number, startedMs = ms): void {
    prepared(this.db, 'UPDATE jobs SET state = ?, error = coalesce(?, error), ended_ms = ?, started_ms = coalesce(started_ms, ?), updated_ms = ? WHERE id = ?').run(state, error, ms, startedMs, ms, id);
  }

  /** A node failed: it and every ancestor keep their details when they fold. */
  markFailureUp(id: string): void {
    // A marked node's ancestors are all marked: the walk stops at the first marked parent (the second of
    // 200 failed hosts marks only itself, not its run and steps again).
    prepared(this.db, `WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT j.parent_id FROM jobs j JOIN up ON j.id = up.id JOIN jobs p ON p.id = j.parent_id WHERE p.has_failure = 0)
      UPDATE jobs SET has_failure = 1 WHERE id IN (SELECT id FROM up)`).run(id);
  }

  addFolded(parentId: string, state: JobState, ms: number, count = 1): void {
    const column = FOLDED_COLUMN[state];
    if (column) prepared(this.db, `UPDATE jobs SET ${column} = ${column} + ?, updated_ms = ? WHERE id = ?`).run(count, ms, parentId);
  }

  /** Start the nodes of these ids that have not started, each at its own time; returns them as started. */
  startMany(starts: readonly (readonly [id: string, startedMs: number])[], ms: number): JobRow[] {
    return prepared(this.db, `UPDATE jobs SET state = 'running', started_ms = s.started_ms, updated_ms = ?
      FROM (SELECT value ->> 0 AS id, value ->> 1 AS started_ms FROM json_each(?)) AS s
      WHERE jobs.id = s.id AND jobs.state = 'created' RETURNING *`).all(ms, JSON.stringify(starts)) as JobRow[];
  }

  /**
   * Delete the children of `parentId` among these ids that would fold away if they ended done now
   * (`foldDecision`'s drop, as SQL): unfinished leaves that never failed and are no summary. Returns
   * them as they were.
   */
  deleteFoldingLeaves(parentId: string, ids: readonly string[]): JobRow[] {
    // +parent_id: found by id (a few of many children), not by scanning the parent's children.
    return prepared(this.db, `DELETE FROM jobs WHERE id IN (SELECT value FROM json_each(?)) AND +parent_id = ? AND state IN ('created', 'running')
      AND children_added = 0 AND has_failure = 0 AND (step_type IS NULL OR step_type <> 'FINALIZING') RETURNING *`).all(JSON.stringify(ids), parentId) as JobRow[];
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM jobs WHERE id = ?').run(id);
  }

  setAutoCleared(id: string, ms: number): void {
    prepared(this.db, 'UPDATE jobs SET auto_cleared = 1, updated_ms = ? WHERE id = ?').run(ms, id);
  }

  /** Jobs (roots), newest first. */
  listRoots(f: JobRootFilter): JobRow[] {
    const where = ['parent_id IS NULL'];
    const args: unknown[] = [];
    if (f.module !== undefined) { where.push('module = ?'); args.push(f.module); }
    if (f.states) { where.push('state IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(f.states)); }
    if (f.external !== undefined) { where.push('external = ?'); args.push(f.external ? 1 : 0); }
    if (f.owner !== undefined) { where.push('owner = ?'); args.push(f.owner); }
    if (!f.internal) where.push('internal = 0');
    textFilter(f.text, where, args);
    if (f.fromMs !== undefined) { where.push('created_ms >= ?'); args.push(f.fromMs); }
    if (f.toMs !== undefined) { where.push('created_ms < ?'); args.push(f.toMs); }
    if (f.before !== undefined) { where.push('id < ?'); args.push(f.before); }
    return prepared(this.db, `SELECT * FROM jobs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`).all(...args, f.limit) as JobRow[];
  }

  /**
   * A module's nodes, newest first; internal ones only when asked, text as in `listRoots`. With
   * internal ones, the newest of each kind are merged: one index on (module, internal, id) serves both.
   */
  listModule(module: string, internal: boolean, text: string | undefined, before: string | undefined, limit: number): JobRow[] {
    const of = (kind: 0 | 1): { sql: string; args: unknown[] } => {
      const where = ['module = ?', `internal = ${kind}`, 'id < ?'];
      const args: unknown[] = [module, before ?? '\u{10FFFF}'];
      textFilter(text, where, args);
      return { sql: `SELECT * FROM jobs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, args: [...args, limit] };
    };
    const regular = of(0);
    if (!internal) return prepared(this.db, regular.sql).all(...regular.args) as JobRow[];
    const hidden = of(1);
    return prepared(this.db, `SELECT * FROM (${regular.sql}) UNION ALL SELECT * FROM (${hidden.sql}) ORDER BY id DESC LIMIT ?`)
      .all(...regular.args, ...hidden.args, limit) as JobRow[];
  }

  /** Modules with at least one node, by skipping through the index rather than reading every row. */
  modules(): string[] {
    const rows = prepared(this.db, `WITH RECURSIVE m(x) AS (SELECT min(module) FROM jobs UNION ALL SELECT (SELECT min(module) FROM jobs WHERE module > m.x) FROM m WHERE m.x IS NOT NULL)
      SELECT x FROM m WHERE x IS NOT NULL`).all() as { x: string }[];
    return rows.map((r) => r.x);
  }

  /**
   * Unfinished nodes Taskdeck itself tracks (not external ones): left running by a crash when read
   * at start-up. Found through the roots that have not ended (a root ends only once all below it
   * did), so no index of unfinished nodes is written by every node of every run for this one read.
   */
  unfinishedOwn(): JobRow[] {
    return prepared(this.db, `SELECT j.* FROM jobs r JOIN jobs j ON j.root_id = r.id
      WHERE r.parent_id IS NULL AND r.ended_ms IS NULL AND j.state IN ('created', 'running') AND j.external = 0 ORDER BY j.id`).all() as JobRow[];
  }

  /** Up to `limit` auto-cleared roots that ended by their cutoff (user-started ones by the user cutoff). */
  expiredRoots(taskEndedBy: number, userEndedBy: number, limit: number): string[] {
    const rows = prepared(this.db, `SELECT id FROM jobs WHERE parent_id IS NULL AND ended_ms <= ? AND auto_cleared = 1
      AND (CASE WHEN user_started = 1 THEN ended_ms <= ? ELSE ended_ms <= ? END) LIMIT ?`).all(Math.max(taskEndedBy, userEndedBy), userEndedBy, taskEndedBy, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Up to `limit` finished roots of a module. */
  finishedRoots(module: string, limit: number): string[] {
    const rows = prepared(this.db, "SELECT id FROM jobs WHERE module = ? AND parent_id IS NULL AND state NOT IN ('created', 'running') LIMIT ?").all(module, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Delete whole trees (their instances and logs are other tables and stay). Returns the nodes removed. */
  deleteTrees(rootIds: readonly string[]): number {
    if (!rootIds.length) return 0;
    // Through the roots' index, whatever the planner's statistics say (as childrenIdsOf).
    return prepared(this.db, 'DELETE FROM jobs WHERE id IN (SELECT j.id FROM json_each(?) e CROSS JOIN jobs j ON j.root_id = e.value)').run(JSON.stringify(rootIds)).changes;
  }

  ttls(): { ttlSeconds: number; userTtlSeconds: number } {
    return {
      ttlSeconds: this.setting(TTL_KEY) ?? JOB_DEFAULTS.ttlSeconds,
      userTtlSeconds: this.setting(USER_TTL_KEY) ?? JOB_DEFAULTS.userTtlSeconds,
    };
  }

  setTtl(which: 'ttl' | 'user_ttl', seconds: number): void {
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(which === 'ttl' ? TTL_KEY : USER_TTL_KEY, String(seconds));
  }

  private setting(key: string): number | undefined {
    const v = (prepared(this.db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    return v === undefined ? undefined : Number(v);
  }
}
