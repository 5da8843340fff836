import type { Task, TaskEdit, TaskInput, TaskStage } from '../../../shared/domain/tasks';
import type { Db } from './database';
import { prepared } from './statements';
import { withConstraints } from './constraint';

export interface TaskRow {
  id: number; name: string; description: string; type: Task['type']; command: string; frequency: string; cron_expression: string;
  timeout: number; retry_times: number; retry_interval: number; maximum_parallel_runnable_num: number; overlap_policy: Task['overlap_policy'];
  misfire_deadline_seconds: number; tag: string; dispatch: Task['dispatch']; run_mode: Task['run_mode']; stage: TaskStage;
  started_at: string | null; runs_fired: number; next_run_at: string | null; last_run_at: string | null;
  created_by: string; created_at: string; updated_at: string; script: string; client_command: string; execution_strategy: string;
  approval_request_id: number | null; grant_hours: number;
  owner: string; started_by: string | null; edited_since_start: string | null;
}

export interface RetryRow { id: number; task_id: number; host_id: number; attempt: number; slot: string | null; due_at: string; actor: string | null; run_id: string | null }

const uniques = { 'tasks.name': 'a task with this name already exists' };

export class TasksRepo {
  constructor(private readonly db: Db) {}

  bindingIds(taskId: number): number[] {
    return (prepared(this.db, 'SELECT binding_id FROM task_bindings WHERE task_id = ? ORDER BY binding_id').all(taskId) as { binding_id: number }[]).map((b) => b.binding_id);
  }

  toTask(r: TaskRow): Task {
    const binding_ids = this.bindingIds(r.id);
    const { frequency, started_at: _s, execution_strategy, approval_request_id, edited_since_start: _e, ...rest } = r;
    const req = approval_request_id ? (prepared(this.db, 'SELECT state FROM change_requests WHERE id = ?').get(approval_request_id) as { state: string } | undefined) : undefined;
    return {
      ...rest, frequency: JSON.parse(frequency) as Task['frequency'], execution_strategy: JSON.parse(execution_strategy) as Task['execution_strategy'],
      binding_ids, running_instances: this.runningInstances(r.id), edited_since_start: this.lastEdit(r),
      approval: approval_request_id && req ? { request_id: approval_request_id, state: req.state } : null,
    };
  }

  list(f: { stage?: string; type?: string; tag?: string; q?: string }): TaskRow[] {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (f.stage) { where.push('stage = ?'); vals.push(f.stage); }
    if (f.type) { where.push('type = ?'); vals.push(f.type); }
    if (f.tag) { where.push('tag = ?'); vals.push(f.tag); }
    if (f.q) { where.push("(name LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"); const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`; vals.push(like, like); }
    return prepared(this.db, `SELECT * FROM tasks ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name`).all(...vals) as TaskRow[];
  }

  byName(name: string): TaskRow | undefined {
    return prepared(this.db, 'SELECT * FROM tasks WHERE name = ?').get(name) as TaskRow | undefined;
  }

  get(id: number): TaskRow | undefined {
    return prepared(this.db, 'SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
  }

  /** Edits since the task last started or ran, or null. */
  lastEdit(r: TaskRow): TaskEdit | null {
    return r.edited_since_start ? (JSON.parse(r.edited_since_start) as TaskEdit) : null;
  }

  /** Ids of the tasks whose name holds `part`, case-insensitive (a scan: there are hundreds of tasks, not millions). */
  idsNamedLike(part: string): number[] {
    const like = `%${part.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    return (prepared(this.db, "SELECT id FROM tasks WHERE name LIKE ? ESCAPE '\\' ORDER BY id").all(like) as { id: number }[]).map((r) => r.id);
  }

  started(): TaskRow[] {
    return prepared(this.db, "SELECT * FROM tasks WHERE stage = 'Started'").all() as TaskRow[];
  }

  insert(t: TaskInput, createdBy: string, now: string): TaskRow {
    return withConstraints(() => {
      const info = this.db
        .prepare(`INSERT INTO tasks (name, description, type, command, frequency, cron_expression, timeout, retry_times, retry_interval,
                  maximum_parallel_runnable_num, overlap_policy, misfire_deadline_seconds, tag, dispatch, run_mode, stage, created_by, owner, created_at, updated_at,
                  script, client_command, execution_strategy, grant_hours)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Stopped', ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(t.name, t.description, t.type, t.command, JSON.stringify(t.frequency), t.cron_expression, t.timeout, t.retry_times, t.retry_interval,
          t.maximum_parallel_runnable_num, t.overlap_policy, t.misfire_deadline_seconds, t.tag, t.dispatch, t.run_mode, createdBy, createdBy, now, now,
          t.script, t.client_command, JSON.stringify(t.execution_strategy), t.grant_hours);
      const id = Number(info.lastInsertRowid);
      this.setBindings(id, t.binding_ids);
      return this.get(id)!;
    }, uniques, 'a binding does not exist');
  }

  /** An edit: the fields given, and what now differs from the last start (null: nothing). */
  update(id: number, t: Partial<TaskInput> & { owner?: string }, edit: TaskEdit | null, now: string): TaskRow {
    return withConstraints(() => {
      const { binding_ids, frequency, execution_strategy, ...cols } = t;
      const entries = Object.entries({
        ...cols, ...(frequency ? { frequency: JSON.stringify(frequency) } : {}), ...(execution_strategy ? { execution_strategy: JSON.stringify(execution_strategy) } : {}),
        edited_since_start: edit ? JSON.stringify(edit) : null,
      }).filter(([, v]) => v !== undefined);
      prepared(this.db, `UPDATE tasks SET ${[...entries.map(([k]) => `${k} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...entries.map(([, v]) => v as unknown), now, id);
      if (binding_ids) this.setBindings(id, binding_ids);
      return this.get(id)!;
    }, uniques, 'a binding does not exist');
  }

  /** Scheduler-owned columns; not an edit. */
  setRuntime(id: number, w: Partial<Pick<TaskRow, 'stage' | 'started_at' | 'runs_fired' | 'next_run_at' | 'last_run_at' | 'approval_request_id' | 'started_by' | 'edited_since_start'>>): void {
    const entries = Object.entries(w);
    if (entries.length) prepared(this.db, `UPDATE tasks SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...entries.map(([, v]) => v), id);
  }

  delete(id: number): void {
    prepared(this.db, 'DELETE FROM tasks WHERE id = ?').run(id);
  }

  private setBindings(id: number, bindingIds: readonly number[]): void {
    prepared(this.db, 'DELETE FROM task_bindings WHERE task_id = ?').run(id);
    const ins = prepared(this.db, 'INSERT INTO task_bindings (task_id, binding_id) VALUES (?, ?)');
    for (const b of new Set(bindingIds)) ins.run(id, b);
  }

  runningInstances(taskId: number): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM instances WHERE task_id = ? AND status = 1').get(taskId) as { n: number }).n;
  }

  /** Distinct runs (slots or manual starts) of a task still in flight. */
  runningRuns(taskId: number): string[] {
    return (prepared(this.db, 'SELECT DISTINCT run_id FROM instances WHERE task_id = ? AND status = 1 ORDER BY created_time').all(taskId) as { run_id: string }[]).map((r) => r.run_id);
  }

  /** Claim a slot: true only for the first caller, ever (the primary key is the exactly-once guarantee). */
  claimSlot(taskId: number, slot: string, outcome: 'fired' | 'missed' | 'skipped', reason: string | null, runId: string | null, now: string): boolean {
    return prepared(this.db, 'INSERT OR IGNORE INTO task_slots (task_id, slot, outcome, reason, run_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)').run(taskId, slot, outcome, reason, runId, now).changes === 1;
  }

  setSlotRun(taskId: number, slot: string, runId: string): void {
    prepared(this.db, 'UPDATE task_slots SET run_id = ? WHERE task_id = ? AND slot = ?').run(runId, taskId, slot);
  }

  lastSlot(taskId: number): string | undefined {
    return (prepared(this.db, 'SELECT max(slot) AS s FROM task_slots WHERE task_id = ?').get(taskId) as { s: string | null }).s ?? undefined;
  }

  slots(taskId: number, limit: number): { slot: string; outcome: string; reason: string | null; run_id: string | null }[] {
    return prepared(this.db, 'SELECT slot, outcome, reason, run_id FROM task_slots WHERE task_id = ? ORDER BY slot DESC LIMIT ?').all(taskId, limit) as never;
  }

  /** A pending retry runs on the authority of the run it retries (`actor`). */
  addRetry(taskId: number, hostId: number, attempt: number, slot: string | null, dueAt: string, actor: string, runId: string): void {
    prepared(this.db, 'INSERT OR IGNORE INTO task_retries (task_id, host_id, attempt, slot, due_at, actor, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(taskId, hostId, attempt, slot, dueAt, actor, runId);
  }

  retries(): RetryRow[] {
    return prepared(this.db, 'SELECT * FROM task_retries ORDER BY due_at').all() as RetryRow[];
  }

  deleteRetry(id: number): boolean {
    return prepared(this.db, 'DELETE FROM task_retries WHERE id = ?').run(id).changes === 1;
  }

  pendingRetries(taskId: number): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM task_retries WHERE task_id = ?').get(taskId) as { n: number }).n;
  }

  /** Retries still to come of one run (a retry is part of the run it retries). */
  pendingRetriesOfRun(runId: string): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM task_retries WHERE run_id = ?').get(runId) as { n: number }).n;
  }

  /** Hosts of one run with a retry still to come. */
  retryHostsOfRun(runId: string): number[] {
    return (prepared(this.db, 'SELECT DISTINCT host_id FROM task_retries WHERE run_id = ?').all(runId) as { host_id: number }[]).map((r) => r.host_id);
  }

  /** Cancel a task's pending retries; returns how many there were. */
  deleteRetriesOf(taskId: number): number {
    return prepared(this.db, 'DELETE FROM task_retries WHERE task_id = ?').run(taskId).changes;
  }
}
