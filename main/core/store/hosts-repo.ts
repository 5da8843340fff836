import type { Host, HostStatus } from '../../../shared/domain/hosts';
import type { Db } from './database';
import { prepared } from './statements';
import { withConstraints } from './constraint';

export interface HostRow {
  id: number; name: string; description: string; tag: string; host: string; username: string; machine_id: number;
  auth_kind: 'key' | 'agent' | 'password'; private_key_path: string | null; secret_private_key: string | null;
  secret_passphrase: string | null; secret_password: string | null; jump_host_id: number | null; client_command: string;
  status: HostStatus; status_reason: string | null; host_key_pinned: string | null; host_key_seen: string | null;
  host_key_type: string | null; host_key_pinned_at: string | null; last_checked_at: string | null;
  created_at: string; updated_at: string;
}

/** Columns a service may write; secrets arrive already encrypted. */
export type HostWrite = Partial<Omit<HostRow, 'id' | 'created_at' | 'updated_at'>>;

const uniques = { 'hosts.name': 'a host with this name already exists', 'hosts.machine_id': 'machine_id is already used by another host' };

export function toHost(r: HostRow): Host {
  const seenDiffers = r.host_key_seen !== null && r.host_key_seen !== r.host_key_pinned;
  const keyStatus = r.host_key_pinned ? (seenDiffers ? 'mismatch' : 'trusted') : r.host_key_seen ? 'pending' : 'unknown';
  return {
    id: r.id, name: r.name, description: r.description, tag: r.tag, host: r.host, username: r.username, machine_id: r.machine_id,
    auth: {
      kind: r.auth_kind,
      ...(r.private_key_path ? { private_key_path: r.private_key_path } : {}),
      has_private_key: r.secret_private_key !== null,
      has_passphrase: r.secret_passphrase !== null,
      has_password: r.secret_password !== null,
    },
    jump_host_id: r.jump_host_id,
    client_command: r.client_command,
    status: r.status,
    status_reason: r.status_reason,
    host_key: { status: keyStatus, pinned_fingerprint: r.host_key_pinned, seen_fingerprint: r.host_key_seen, key_type: r.host_key_type, pinned_at: r.host_key_pinned_at },
    last_checked_at: r.last_checked_at,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export interface HostFilter { q?: string; status?: HostStatus; tag?: string }

export class HostsRepo {
  constructor(private readonly db: Db) {}

  list(f: HostFilter = {}): HostRow[] {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (f.q) {
      where.push("(name LIKE ? ESCAPE '\\' OR host LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')");
      const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      vals.push(like, like, like);
    }
    if (f.status) { where.push('status = ?'); vals.push(f.status); }
    if (f.tag) { where.push('tag = ?'); vals.push(f.tag); }
    return prepared(this.db, `SELECT * FROM hosts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name`).all(...vals) as HostRow[];
  }

  get(id: number): HostRow | undefined {
    return prepared(this.db, 'SELECT * FROM hosts WHERE id = ?').get(id) as HostRow | undefined;
  }

  byName(name: string): HostRow | undefined {
    return prepared(this.db, 'SELECT * FROM hosts WHERE name = ?').get(name) as HostRow | undefined;
  }

  usedMachineIds(): Set<number> {
    return new Set((prepared(this.db, 'SELECT machine_id FROM hosts').all() as { machine_id: number }[]).map((r) => r.machine_id));
  }

  insert(w: HostWrite, now: string): HostRow {
    const cols = Object.keys(w);
    return withConstraints(() => {
      const info = this.db
        .prepare(`INSERT INTO hosts (${cols.join(', ')}, created_at, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`)
        .run(...Object.values(w), now, now);
      return this.get(Number(info.lastInsertRowid))!;
    }, uniques, 'jump host does not exist');
  }

  /** Update the given columns; `touch` false leaves updated_at alone (status probes are not edits). */
  update(id: number, w: HostWrite, now: string, touch = true): HostRow | undefined {
    const cols = Object.keys(w);
    if (cols.length === 0 && !touch) return this.get(id);
    return withConstraints(() => {
      const sets = [...cols.map((c) => `${c} = ?`), ...(touch ? ['updated_at = ?'] : [])];
      prepared(this.db, `UPDATE hosts SET ${sets.join(', ')} WHERE id = ?`).run(...Object.values(w), ...(touch ? [now] : []), id);
      return this.get(id);
    }, uniques, 'jump host does not exist');
  }

  delete(id: number): boolean {
    return prepared(this.db, 'DELETE FROM hosts WHERE id = ?').run(id).changes > 0;
  }

  /** Hosts that name this one as their jump host. */
  jumpDependents(id: number): string[] {
    return (prepared(this.db, 'SELECT name FROM hosts WHERE jump_host_id = ?').all(id) as { name: string }[]).map((r) => r.name);
  }
}
