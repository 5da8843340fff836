import type { ChangeRequest } from '../domain/change-request';
import type { Db } from './database';
import { prepared } from './statements';

export interface RequestRow {
  id: number; task_id: number | null; task_name: string; task_snapshot: string; content_hash: string; process_id: number | null;
  process_snapshot: string; risk_level: number; statements: string; requester: string; state: ChangeRequest['state']; nodes: string;
  current_node: number; strategy: string; validity: string; approval_deadline: string; wait_deadline: string | null;
  execution_deadline: string | null; execute_at: string | null; reason: string | null; run_id: string | null;
  /** The job tracking its execution (module approvals), once it started executing. */
  job_id: string | null; created_at: string; updated_at: string;
}

export type RequestInsert = Omit<RequestRow, 'id' | 'updated_at' | 'job_id'>;

/** The state-machine view of a stored request. */
export function machineOf(r: RequestRow): ChangeRequest {
  return {
    state: r.state, requester: r.requester, nodes: JSON.parse(r.nodes), current_node: r.current_node, strategy: JSON.parse(r.strategy),
    validity: JSON.parse(r.validity), approval_deadline: r.approval_deadline, wait_deadline: r.wait_deadline,
    execution_deadline: r.execution_deadline, execute_at: r.execute_at, reason: r.reason,
  };
}

export interface RequestFilter { state?: string; requester?: string; task_name?: string; q?: string }

export class RequestsRepo {
  constructor(private readonly db: Db) {}

  insert(r: RequestInsert): RequestRow {
    const cols = Object.keys(r);
    const info = this.db.prepare(`INSERT INTO change_requests (${cols.join(', ')}, updated_at) VALUES (${cols.map((c) => '@' + c).join(', ')}, @created_at)`).run(r);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): RequestRow | undefined {
    return this.db.prepare('SELECT * FROM change_requests WHERE id = ?').get(id) as RequestRow | undefined;
  }

  /** Every request in these states (the open ones the timers watch), oldest first. */
  inStates(states: readonly string[]): RequestRow[] {
    return this.db.prepare(`SELECT * FROM change_requests WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY id`).all(...states) as RequestRow[];
  }

  /** One page, newest first, with the total that matches. */
  page(f: RequestFilter, page: number, perPage: number): { rows: RequestRow[]; total: number } {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (f.state) { where.push('state = ?'); vals.push(f.state); }
    if (f.requester) { where.push('requester = ?'); vals.push(f.requester); }
    if (f.task_name) { where.push('task_name = ?'); vals.push(f.task_name); }
    if (f.q) {
      const id = /^#?(\d{1,12})$/.exec(f.q)?.[1];
      const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      where.push(`(${id ? 'id = ? OR ' : ''}task_name LIKE ? ESCAPE '\\' OR requester LIKE ? ESCAPE '\\' OR json_extract(process_snapshot, '$.name') LIKE ? ESCAPE '\\')`);
      vals.push(...(id ? [Number(id)] : []), like, like, like);
    }
    const clause = where.length ? 'WHERE ' + where.join(' AND ') : '';
    const rows = prepared(this.db, `SELECT * FROM change_requests ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...vals, perPage, (page - 1) * perPage) as RequestRow[];
    const total = (prepared(this.db, `SELECT count(*) AS n FROM change_requests ${clause}`).get(...vals) as { n: number }).n;
    return { rows, total };
  }

  /** Persist what the state machine decided. */
  save(id: number, m: ChangeRequest, now: string, extra: { run_id?: string | null; job_id?: string | null } = {}): RequestRow {
    this.db
      .prepare(`UPDATE change_requests SET state = ?, nodes = ?, current_node = ?, wait_deadline = ?, execution_deadline = ?, execute_at = ?, reason = ?,
                run_id = coalesce(?, run_id), job_id = coalesce(?, job_id), updated_at = ? WHERE id = ?`)
      .run(m.state, JSON.stringify(m.nodes), m.current_node, m.wait_deadline, m.execution_deadline, m.execute_at, m.reason, extra.run_id ?? null, extra.job_id ?? null, now, id);
    return this.get(id)!;
  }

  countPending(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM change_requests WHERE state = 'APPROVING'").get() as { n: number }).n;
  }
}
