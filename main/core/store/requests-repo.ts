import type { RequestNode } from '../../../shared/domain/processes';
import type { ChangeRequest } from '../domain/change-request';
import type { Db } from './database';
import { prepared } from './statements';

/** One decision as recorded (append-only): who decided which node, on what content, with what evidence. */
export interface DecisionRow {
  id: number; request_id: number; node: number; approver: string; decision: 'approved' | 'rejected'; comment: string | null; decided_at: string;
  content_hash: string; signature: string | null; key_id: string | null; source: 'local' | 'bundle'; bundle_id: string | null; signed_at: string | null;
  /** A bundle decision's signed body (canonical JSON), so the signature can be checked again anywhere. */
  evidence: string | null;
}

/** How a decision the state machine made was given: locally (the default) or by a signed bundle. */
export type DecisionEvidence = Pick<DecisionRow, 'signature' | 'key_id' | 'source' | 'bundle_id' | 'signed_at' | 'evidence'>;

interface StoredRequest {
  id: number; task_id: number | null; task_name: string; task_snapshot: string; content_hash: string; hash_version: number; process_id: number | null;
  process_snapshot: string; risk_level: number; statements: string; requester: string; state: ChangeRequest['state']; node_roles: string;
  current_node: number; strategy: string; validity: string; approval_deadline: string; wait_deadline: string | null;
  execution_deadline: string | null; execute_at: string | null; reason: string | null; run_id: string | null;
  /** The job tracking its execution (module approvals), once it started executing. */
  job_id: string | null; created_at: string; updated_at: string;
}

/** A stored request with its decisions, oldest node first. */
export interface RequestRow extends StoredRequest {
  decisions: DecisionRow[];
}

export type RequestInsert = Omit<StoredRequest, 'id' | 'updated_at' | 'job_id'>;

/** The nodes as the state machine sees them: each node's role with its decision, if one was recorded. */
export function nodesOf(r: Pick<RequestRow, 'node_roles' | 'decisions'>): RequestNode[] {
  const roles = JSON.parse(r.node_roles) as string[];
  return roles.map((role, i) => {
    const d = r.decisions.find((x) => x.node === i);
    return d ? { role, approver: d.approver, decision: d.decision, comment: d.comment, decided_at: d.decided_at } : { role, approver: null, decision: 'pending', comment: null, decided_at: null };
  });
}

/** The state-machine view of a stored request. */
export function machineOf(r: RequestRow): ChangeRequest {
  return {
    state: r.state, requester: r.requester, nodes: nodesOf(r), current_node: r.current_node, strategy: JSON.parse(r.strategy),
    validity: JSON.parse(r.validity), approval_deadline: r.approval_deadline, wait_deadline: r.wait_deadline,
    execution_deadline: r.execution_deadline, execute_at: r.execute_at, reason: r.reason,
  };
}

export interface RequestFilter { state?: string; requester?: string; task_name?: string; q?: string }

const localDecision: DecisionEvidence = { signature: null, key_id: null, source: 'local', bundle_id: null, signed_at: null, evidence: null };

export class RequestsRepo {
  constructor(private readonly db: Db) {}

  insert(r: RequestInsert): RequestRow {
    const cols = Object.keys(r);
    const info = this.db.prepare(`INSERT INTO change_requests (${cols.join(', ')}, updated_at) VALUES (${cols.map((c) => '@' + c).join(', ')}, @created_at)`).run(r);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): RequestRow | undefined {
    const row = this.db.prepare('SELECT * FROM change_requests WHERE id = ?').get(id) as StoredRequest | undefined;
    return row && this.withDecisions([row])[0];
  }

  /** Every request in these states (the open ones the timers watch), oldest first. */
  inStates(states: readonly string[]): RequestRow[] {
    return this.withDecisions(prepared(this.db, `SELECT * FROM change_requests WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY id`).all(...states) as StoredRequest[]);
  }

  /** The executing request a run belongs to, if any: asked at every instance's end, so it reads that one request only. */
  executingOfRun(runId: string): RequestRow | undefined {
    const row = prepared(this.db, "SELECT * FROM change_requests WHERE state = 'EXECUTING' AND run_id = ? ORDER BY id LIMIT 1").get(runId) as StoredRequest | undefined;
    return row && this.withDecisions([row])[0];
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
    const rows = prepared(this.db, `SELECT * FROM change_requests ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...vals, perPage, (page - 1) * perPage) as StoredRequest[];
    const total = (prepared(this.db, `SELECT count(*) AS n FROM change_requests ${clause}`).get(...vals) as { n: number }).n;
    return { rows: this.withDecisions(rows), total };
  }

  /**
   * Persist what the state machine decided. A node it decided that has no recorded decision yet is
   * appended to the record, with `evidence` (local unless a bundle carried it); recorded ones never change.
   */
  save(id: number, m: ChangeRequest, now: string, extra: { run_id?: string | null; job_id?: string | null; evidence?: DecisionEvidence } = {}): RequestRow {
    const before = this.get(id);
    this.db
      .prepare(`UPDATE change_requests SET state = ?, current_node = ?, wait_deadline = ?, execution_deadline = ?, execute_at = ?, reason = ?,
                run_id = coalesce(?, run_id), job_id = coalesce(?, job_id), updated_at = ? WHERE id = ?`)
      .run(m.state, m.current_node, m.wait_deadline, m.execution_deadline, m.execute_at, m.reason, extra.run_id ?? null, extra.job_id ?? null, now, id);
    if (before) {
      m.nodes.forEach((n, node) => {
        if (n.decision === 'pending' || !n.approver || before.decisions.some((d) => d.node === node)) return;
        this.appendDecision({ request_id: id, node, approver: n.approver, decision: n.decision, comment: n.comment, decided_at: n.decided_at ?? now, content_hash: before.content_hash, ...(extra.evidence ?? localDecision) });
      });
    }
    return this.get(id)!;
  }

  /** Whether a decision bundle with this id was applied already (to any request). */
  hasBundle(bundleId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM request_decisions WHERE bundle_id = ?').get(bundleId) !== undefined;
  }

  countPending(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM change_requests WHERE state = 'APPROVING'").get() as { n: number }).n;
  }

  private appendDecision(d: Omit<DecisionRow, 'id'>): void {
    prepared(this.db, `INSERT INTO request_decisions (request_id, node, approver, decision, comment, decided_at, content_hash, signature, key_id, source, bundle_id, signed_at, evidence)
      VALUES (@request_id, @node, @approver, @decision, @comment, @decided_at, @content_hash, @signature, @key_id, @source, @bundle_id, @signed_at, @evidence)`).run(d);
  }

  private withDecisions(rows: StoredRequest[]): RequestRow[] {
    if (rows.length === 0) return [];
    const all = prepared(this.db, 'SELECT * FROM request_decisions WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY request_id, node')
      .all(JSON.stringify(rows.map((r) => r.id))) as DecisionRow[];
    const byRequest = new Map<number, DecisionRow[]>();
    for (const d of all) byRequest.set(d.request_id, [...(byRequest.get(d.request_id) ?? []), d]);
    return rows.map((r) => ({ ...r, decisions: byRequest.get(r.id) ?? [] }));
  }
}
