import type { Process, ProcessInput, TaskTypeName } from '../../../shared/domain/processes';
import type { Db } from './database';
import { withConstraints } from './constraint';

interface ProcessRow {
  id: number; name: string; task_type: TaskTypeName; risk_levels: string; validity: string; enabled: number; remarks: string;
  association: string; created_by: string; created_at: string; updated_at: string;
}

const uniques = { 'processes.name': 'a process with this name already exists' };

function toProcess(r: ProcessRow): Process {
  return {
    id: r.id, name: r.name, task_type: r.task_type, risk_levels: JSON.parse(r.risk_levels), validity: JSON.parse(r.validity), enabled: r.enabled === 1,
    remarks: r.remarks, association: JSON.parse(r.association), created_by: r.created_by, created_at: r.created_at, updated_at: r.updated_at,
  };
}

/** Approval processes and their priority order per task type. */
export class ProcessesRepo {
  constructor(private readonly db: Db) {}

  /** Every process of a type (or all), in priority order. */
  list(taskType?: TaskTypeName): Process[] {
    const rows = this.db
      .prepare(`SELECT p.* FROM processes p LEFT JOIN process_priority o ON o.process_id = p.id AND o.task_type = p.task_type
                ${taskType ? 'WHERE p.task_type = ?' : ''} ORDER BY p.task_type, coalesce(o.position, 1e9), p.id`)
      .all(...(taskType ? [taskType] : [])) as ProcessRow[];
    return rows.map(toProcess);
  }

  get(id: number): Process | undefined {
    const r = this.db.prepare('SELECT * FROM processes WHERE id = ?').get(id) as ProcessRow | undefined;
    return r && toProcess(r);
  }

  insert(p: ProcessInput, createdBy: string, now: string): Process {
    return withConstraints(() => {
      const info = this.db
        .prepare('INSERT INTO processes (name, task_type, risk_levels, validity, enabled, remarks, association, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(p.name, p.task_type, JSON.stringify(p.risk_levels), JSON.stringify(p.validity), p.enabled ? 1 : 0, p.remarks, JSON.stringify(p.association), createdBy, now, now);
      const id = Number(info.lastInsertRowid);
      // New processes go last in their type's order.
      this.db.prepare('INSERT INTO process_priority (task_type, process_id, position) VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM process_priority WHERE task_type = ?))').run(p.task_type, id, p.task_type);
      return this.get(id)!;
    }, uniques);
  }

  update(id: number, p: ProcessInput, now: string): Process {
    return withConstraints(() => {
      const before = this.get(id)!;
      this.db
        .prepare('UPDATE processes SET name = ?, task_type = ?, risk_levels = ?, validity = ?, enabled = ?, remarks = ?, association = ?, updated_at = ? WHERE id = ?')
        .run(p.name, p.task_type, JSON.stringify(p.risk_levels), JSON.stringify(p.validity), p.enabled ? 1 : 0, p.remarks, JSON.stringify(p.association), now, id);
      if (before.task_type !== p.task_type) {
        this.db.prepare('DELETE FROM process_priority WHERE process_id = ?').run(id);
        this.db.prepare('INSERT INTO process_priority (task_type, process_id, position) VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM process_priority WHERE task_type = ?))').run(p.task_type, id, p.task_type);
      }
      return this.get(id)!;
    }, uniques);
  }

  setEnabled(id: number, enabled: boolean, now: string): void {
    this.db.prepare('UPDATE processes SET enabled = ?, updated_at = ? WHERE id = ?').run(enabled ? 1 : 0, now, id);
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM processes WHERE id = ?').run(id).changes === 1;
  }

  setPriority(taskType: TaskTypeName, ids: readonly number[]): void {
    const up = this.db.prepare('UPDATE process_priority SET position = ? WHERE task_type = ? AND process_id = ?');
    ids.forEach((id, i) => up.run(i + 1, taskType, id));
  }
}
