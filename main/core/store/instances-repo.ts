import { instanceStatusNames, type Instance, type InstanceStatusCode } from '../../../shared/domain/instances';
import type { Statement } from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box';
import type { Db } from './database';
import { prepared } from './statements';

export interface InstanceRow {
  id: bigint; run_id: string; task_id: number | null; attempt: number; trigger: Instance['trigger']; host_id: number | null;
  host_snapshot: string; command: string; mode: 'tied' | 'detached'; status: InstanceStatusCode; exit_code: number | null;
  signal: string | null; error: string | null; timeout_s: number; log_limit_bytes: number; log_policy: 'truncate' | 'halt';
  secrets: string | null; remote_pgid: number | null; remote_dir: string | null; out_offset: number; err_offset: number;
  log_lines: number; log_bytes: number; log_truncated: number; created_by: string; created_time: string;
  started_time: string | null; ended_time: string | null; task_snapshot: string | null; slot: string | null; updated_time: string;
}

export type InstanceInsert = Omit<InstanceRow, 'exit_code' | 'signal' | 'error' | 'remote_pgid' | 'remote_dir' | 'out_offset' | 'err_offset' | 'log_lines' | 'log_bytes' | 'log_truncated' | 'started_time' | 'ended_time' | 'updated_time'>;

/** The fields of delicate's task snapshot an instance shows; all null for an ad-hoc run. */
interface TaskSnapshot {
  name: string; description?: string; frequency?: Instance['frequency']; cron_expression?: string; maximum_parallel_runnable_num?: number; tag?: string;
}

function snapshotFields(json: string | null): Pick<Instance, 'task_name' | 'description' | 'frequency' | 'cron_expression' | 'maximum_parallel_runnable_num' | 'tag'> {
  const t = json ? (JSON.parse(json) as TaskSnapshot) : null;
  return {
    task_name: t?.name ?? null, description: t?.description ?? null, frequency: t?.frequency ?? null, cron_expression: t?.cron_expression ?? null,
    maximum_parallel_runnable_num: t?.maximum_parallel_runnable_num ?? null, tag: t?.tag ?? null,
  };
}

/** SQLite's clock in the same ISO form as Date.toISOString(). */
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

export function toInstance(r: InstanceRow): Instance {
  return {
    id: r.id.toString(), run_id: r.run_id, task_id: r.task_id, ...snapshotFields(r.task_snapshot), slot: r.slot, attempt: r.attempt, trigger: r.trigger, host_id: r.host_id,
    host: JSON.parse(r.host_snapshot) as Instance['host'], command: r.command, mode: r.mode, status: r.status,
    status_name: instanceStatusNames[r.status] ?? 'Unknown', exit_code: r.exit_code, signal: r.signal, error: r.error,
    timeout: r.timeout_s, log_lines: r.log_lines, log_bytes: r.log_bytes, log_truncated: r.log_truncated === 1,
    created_by: r.created_by, created_time: r.created_time, started_time: r.started_time, ended_time: r.ended_time,
    updated_time: r.updated_time ?? r.created_time,
  };
}

export interface InstanceFilter {
  status?: number; host_id?: number; task_id?: number; run_id?: string; from?: string; to?: string; page: number; per_page: number;
  /** Instances of any of these tasks (those a name search found; see TasksRepo.idsNamedLike). */
  task_ids?: readonly number[];
  /** Part of the command (case-insensitive): read row by row. */
  command?: string;
}

/** What narrows a walk over runs. `status`: runs with an instance in it. */
export type RunFilter = Omit<InstanceFilter, 'page' | 'per_page' | 'run_id'>;

/** The first attempt on one host of a run (every run has one per host, created when it launched); `hit`: it passes the read-by-row filters. */
export interface RunAnchor { run_id: string; created_time: string; id: bigint; hit: bigint }

/** What a run's summary needs of each of its instances: no log, secrets, or more than 1,000 characters of command. */
export interface RunMemberRow {
  id: bigint; run_id: string; task_id: number | null; task_name: string | null; host_id: number | null; host_name: string;
  command: string; trigger: Instance['trigger']; attempt: number; status: InstanceStatusCode; exit_code: number | null; error: string | null;
  log_lines: number; log_bytes: number; created_by: string; created_time: string; started_time: string | null; ended_time: string | null;
}

/** `%text%` for LIKE, the pattern's own wildcards taken literally (ESCAPE '\'). */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Terms an index answers (in its order): equality on host or one task, a time range. */
function indexedTerms(f: RunFilter & { run_id?: string }, vals: unknown[]): string[] {
  const where: string[] = [];
  if (f.host_id !== undefined) { where.push('host_id = ?'); vals.push(f.host_id); }
  if (f.task_id !== undefined) { where.push('task_id = ?'); vals.push(f.task_id); }
  if (f.task_ids?.length === 1) { where.push('task_id = ?'); vals.push(f.task_ids[0]); }
  if (f.run_id !== undefined) { where.push('run_id = ?'); vals.push(f.run_id); }
  if (f.from) { where.push('created_time >= ?'); vals.push(new Date(f.from).toISOString()); }
  if (f.to) { where.push('created_time < ?'); vals.push(new Date(f.to).toISOString()); }
  return where;
}

/** Terms checked row by row: part of a command, one of several tasks (IN over an index would need a sort of all their rows). */
function rowTerms(f: RunFilter, vals: unknown[]): string[] {
  const where: string[] = [];
  if (f.task_ids && f.task_ids.length !== 1) { where.push(`task_id IN (${f.task_ids.map(() => '?').join(', ') || 'NULL'})`); vals.push(...f.task_ids); }
  if (f.command !== undefined) { where.push("command LIKE ? ESCAPE '\\'"); vals.push(containing(f.command)); }
  return where;
}

/**
 * The runs walk: anchors newest first on an index, at most LIMIT of them read. Filters an index cannot answer are a
 * `hit` column, not a WHERE term, so the LIMIT bounds the rows read rather than the rows found.
 */
function anchorQuery(f: RunFilter, before: { time: string; id: bigint } | null): { sql: string; vals: unknown[] } {
  const hitVals: unknown[] = [];
  const hits = rowTerms(f, hitVals);
  if (f.status !== undefined) { hits.push('EXISTS (SELECT 1 FROM instances s WHERE s.run_id = instances.run_id AND s.status = ?)'); hitVals.push(f.status); }
  const vals: unknown[] = [];
  const where = ['attempt = 1', ...indexedTerms(f, vals)];
  if (before) { where.push('(created_time, id) < (?, ?)'); vals.push(before.time, before.id); }
  const hit = hits.length ? `(${hits.join(' AND ')})` : '1';
  return { sql: `SELECT run_id, created_time, id, ${hit} AS hit FROM instances WHERE ${where.join(' AND ')} ORDER BY created_time DESC, id DESC LIMIT ?`, vals: [...hitVals, ...vals] };
}

export class InstancesRepo {
  /** `box` seals run secrets at rest (null: a store opened without the secret key, which cannot hold them). */
  constructor(private readonly db: Db, private readonly box: SecretBox | null) {}

  /** Integer columns come back as JS numbers except the snowflake id, which is a bigint; run secrets come back opened. */
  private normalise(r: Record<string, unknown>): InstanceRow {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'bigint' && k !== 'id' ? Number(v) : v;
    if (typeof out.secrets === 'string') out.secrets = this.sealer().open(out.secrets);
    return out as unknown as InstanceRow;
  }

  private sealer(): SecretBox {
    if (!this.box) throw new Error('run secrets need the secret key, and this store was opened without it');
    return this.box;
  }

  /** Compiled once per SQL text: every run reads and writes its instance row several times. */
  private prepare(sql: string): Statement {
    return prepared(this.db, sql);
  }

  insert(r: InstanceInsert): void {
    this
      .prepare(`INSERT INTO instances (id, run_id, task_id, attempt, trigger, host_id, host_snapshot, command, mode, status, timeout_s,
                log_limit_bytes, log_policy, secrets, created_by, created_time, task_snapshot, slot, updated_time)
                VALUES (@id, @run_id, @task_id, @attempt, @trigger, @host_id, @host_snapshot, @command, @mode, @status, @timeout_s,
                @log_limit_bytes, @log_policy, @secrets, @created_by, @created_time, @task_snapshot, @slot, @created_time)`)
      // Sealed like host secrets: the database, its WAL and its backups never hold them in plain text.
      .run({ ...r, secrets: r.secrets === null ? null : this.sealer().seal(r.secrets) });
  }

  get(id: bigint): InstanceRow | undefined {
    const r = this.prepare('SELECT * FROM instances WHERE id = ?').safeIntegers(true).get(id) as Record<string, unknown> | undefined;
    return r && this.normalise(r);
  }

  list(f: InstanceFilter): { rows: InstanceRow[]; where: string; vals: unknown[] } {
    const vals: unknown[] = [];
    const where: string[] = [];
    if (f.status !== undefined) { where.push('status = ?'); vals.push(f.status); }
    where.push(...indexedTerms(f, vals), ...rowTerms(f, vals));
    const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
    const rows = this
      .prepare(`SELECT * FROM instances ${w} ORDER BY created_time DESC, id DESC LIMIT ? OFFSET ?`)
      .safeIntegers(true)
      .all(...vals, f.per_page, (f.page - 1) * f.per_page) as Record<string, unknown>[];
    return { rows: rows.map((r) => this.normalise(r)), where: w, vals };
  }

  /**
   * Runs newest first, as the first attempt on each of their hosts, from just before `before`, reading at most
   * `limit` rows (the caller stops sooner once its page is full); `hit` says which pass the filters read by row.
   */
  *runAnchors(f: RunFilter, before: { time: string; id: bigint } | null, limit: number): IterableIterator<RunAnchor> {
    const { sql, vals } = anchorQuery(f, before);
    yield* this.prepare(sql).safeIntegers(true).iterate(...vals, limit) as IterableIterator<RunAnchor>;
  }

  /** How SQLite reads the runs walk for these filters (EXPLAIN QUERY PLAN), for tests that keep it on an index. */
  runAnchorsPlan(f: RunFilter, before: boolean): string[] {
    const { sql, vals } = anchorQuery(f, before ? { time: '9999', id: 1n } : null);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...vals, 1) as { detail: string }[]).map((r) => r.detail);
  }

  /** Every instance of these runs (found through instances_run), slim. */
  runMembers(runIds: readonly string[]): RunMemberRow[] {
    if (runIds.length === 0) return [];
    const rows = this.prepare(`SELECT id, run_id, task_id, json_extract(task_snapshot, '$.name') AS task_name, host_id, json_extract(host_snapshot, '$.name') AS host_name,
                substr(command, 1, 1000) AS command, trigger, attempt, status, exit_code, error, log_lines, log_bytes, created_by, created_time, started_time, ended_time
                FROM instances WHERE run_id IN (${runIds.map(() => '?').join(', ')}) ORDER BY id`)
      .safeIntegers(true)
      .all(...runIds) as Record<string, unknown>[];
    return rows.map((r) => this.normalise(r) as unknown as RunMemberRow);
  }

  count(where: string, vals: unknown[]): number {
    return (this.prepare(`SELECT count(*) AS n FROM instances ${where}`).get(...vals) as { n: number }).n;
  }

  running(): InstanceRow[] {
    return (this.prepare('SELECT * FROM instances WHERE status = 1').safeIntegers(true).all() as Record<string, unknown>[]).map((r) => this.normalise(r));
  }

  /** Every change of the row stamps updated_time: the time given, else the database's clock. */
  update(id: bigint, w: Partial<Omit<InstanceRow, 'id'>>): void {
    const cols = Object.keys(w).filter((c) => c !== 'updated_time');
    if (cols.length === 0) return;
    this.prepare(`UPDATE instances SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_time = coalesce(?, ${NOW}) WHERE id = ?`)
      .run(...cols.map((c) => w[c as keyof typeof w]), w.updated_time ?? null, id);
  }

  /** End a run unless it already ended: the first ending wins. Its secrets go: only a running (detached) run needs them, to mask what it prints. */
  end(id: bigint, w: { status: InstanceStatusCode; exit_code?: number | null; signal?: string | null; error?: string | null; ended_time: string }): boolean {
    return (
      this.prepare('UPDATE instances SET status = ?, exit_code = ?, signal = ?, error = ?, ended_time = ?, updated_time = ?, secrets = NULL WHERE id = ? AND status = 1')
        .run(w.status, w.exit_code ?? null, w.signal ?? null, w.error ?? null, w.ended_time, w.ended_time, id).changes > 0
    );
  }
}
