import type { Binding, Group } from '../../../shared/domain/hosts';
import type { Db } from './database';
import { prepared } from './statements';
import { withConstraints } from './constraint';

const groupUniques = { 'groups.name': 'a group with this name already exists' };
const bindingUniques = { 'bindings.group_id': 'this host is already bound to this group' };

export interface GroupWrite { name?: string; description?: string; tag?: string }
export interface BindingWrite { name?: string; group_id?: number; executor_id?: number; weight?: number }

const groupSelect = `SELECT g.*, (SELECT count(*) FROM bindings b WHERE b.group_id = g.id) AS binding_count FROM groups g`;
const bindingSelect = `SELECT b.*, g.name AS group_name, h.name AS executor_name, h.host AS executor_host
  FROM bindings b JOIN groups g ON g.id = b.group_id JOIN hosts h ON h.id = b.executor_id`;

function update(db: Db, table: string, id: number, w: object, now: string): void {
  const entries = Object.entries(w).filter(([, v]) => v !== undefined);
  const sets = [...entries.map(([k]) => `${k} = ?`), 'updated_at = ?'];
  prepared(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...entries.map(([, v]) => v as unknown), now, id);
}

export class GroupsRepo {
  constructor(private readonly db: Db) {}

  list(): Group[] {
    return prepared(this.db, `${groupSelect} ORDER BY g.name`).all() as Group[];
  }

  get(id: number): Group | undefined {
    return prepared(this.db, `${groupSelect} WHERE g.id = ?`).get(id) as Group | undefined;
  }

  insert(w: Required<GroupWrite>, now: string): Group {
    return withConstraints(() => {
      const info = prepared(this.db, 'INSERT INTO groups (name, description, tag, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(w.name, w.description, w.tag, now, now);
      return this.get(Number(info.lastInsertRowid))!;
    }, groupUniques);
  }

  update(id: number, w: GroupWrite, now: string): Group | undefined {
    return withConstraints(() => {
      update(this.db, 'groups', id, w, now);
      return this.get(id);
    }, groupUniques);
  }

  delete(id: number): boolean {
    return prepared(this.db, 'DELETE FROM groups WHERE id = ?').run(id).changes > 0;
  }

  listBindings(f: { group_id?: number; executor_id?: number }): Binding[] {
    const where: string[] = [];
    const vals: number[] = [];
    if (f.group_id) { where.push('b.group_id = ?'); vals.push(f.group_id); }
    if (f.executor_id) { where.push('b.executor_id = ?'); vals.push(f.executor_id); }
    return prepared(this.db, `${bindingSelect} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY g.name, b.name`).all(...vals) as Binding[];
  }

  getBinding(id: number): Binding | undefined {
    return prepared(this.db, `${bindingSelect} WHERE b.id = ?`).get(id) as Binding | undefined;
  }

  insertBinding(w: Required<BindingWrite>, now: string): Binding {
    return withConstraints(() => {
      const info = this.db
        .prepare('INSERT INTO bindings (name, group_id, executor_id, weight, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(w.name, w.group_id, w.executor_id, w.weight, now, now);
      return this.getBinding(Number(info.lastInsertRowid))!;
    }, bindingUniques, 'group or host does not exist');
  }

  updateBinding(id: number, w: BindingWrite, now: string): Binding | undefined {
    return withConstraints(() => {
      update(this.db, 'bindings', id, w, now);
      return this.getBinding(id);
    }, bindingUniques, 'group or host does not exist');
  }

  deleteBinding(id: number): boolean {
    return prepared(this.db, 'DELETE FROM bindings WHERE id = ?').run(id).changes > 0;
  }
}
