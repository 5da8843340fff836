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
    const where: string[] = [];
    const vals: unknown[] = [];
    if (f.status !== undefined) { where.push('status = ?'); vals.push(f.status); }
    if (f.host_id !== undefined) { where.push('host_id = ?'); vals.push(f.host_id); }
    if (f.task_id !== undefined) { where.push('task_id = ?'); vals.push(f.task_id); }
    if (f.run_id !== undefined) { where.push('run_id = ?'); vals.push(f.run_id); }
    if (f.from) { where.push('created_time >= ?'); vals.push(new Date(f.from).toISOString()); }
    if (f.to) { where.push('created_time < ?'); vals.push(new Date(f.to).toISOString()); }
    const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
    const rows = this
      .prepare(`SELECT * FROM instances ${w} ORDER BY created_time DESC, id DESC LIMIT ? OFFSET ?`)
      .safeIntegers(true)
      .all(...vals, f.per_page, (f.page - 1) * f.per_page) as Record<string, unknown>[];
    return { rows: rows.map((r) => this.normalise(r)), where: w, vals };
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
      this.db
        .prepare('UPDATE instances SET status = ?, exit_code = ?, signal = ?, error = ?, ended_time = ?, updated_time = ?, secrets = NULL WHERE id = ? AND status = 1')
        .run(w.status, w.exit_code ?? null, w.signal ?? null, w.error ?? null, w.ended_time, w.ended_time, id).changes > 0
    );
  }
}
