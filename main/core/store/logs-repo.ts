import type { LogLine, LogStream } from '../../../shared/domain/instances';
import type Database from 'better-sqlite3';
import type { LogChunk } from '../domain/log-chunks';
import type { Db } from './database';

const streamOf: Record<string, LogStream> = { o: 'stdout', e: 'stderr', s: 'system' };

/** A chunk's body: its lines' UTF-8 as a BLOB; chunks stored before Taskdeck kept bytes hold the same lines as TEXT. */
type Body = Buffer | string;

interface ChunkRow { first_line: number; line_count: number; streams: string; ts_base: number; ts_deltas: string; body: Body }

const textOf = (body: Body): string => (typeof body === 'string' ? body : body.toString('utf8'));

/**
 * Log lines stored as chunks addressed by their first line number: any window is one range scan.
 * A body is stored as the bytes that came in and decoded only when read: the column keeps its
 * TEXT declaration (SQLite stores a BLOB as a BLOB whatever the column says), so older rows are
 * read as they are and no migration rewrites gigabytes of logs.
 */
export class LogsRepo {
  /** Prepared once: appending is the hot path of a run's output. */
  private readonly insertChunk: Database.Statement;

  constructor(private readonly db: Db) {
    this.insertChunk = db.prepare('INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Store a chunk whose first line is `firstLine` (1-based). Call inside a transaction with the counters update. */
  appendChunk(instanceId: bigint, firstLine: number, c: LogChunk): void {
    this.insertChunk.run(instanceId, firstLine, c.count, c.streams, c.tsBase, c.tsDeltas, c.body);
  }

  /** Lines [from, from + limit) in order. */
  window(instanceId: bigint, from: number, limit: number): LogLine[] {
    const to = from + limit; // exclusive
    const rows = this.db
      .prepare(`SELECT first_line, line_count, streams, ts_base, ts_deltas, body FROM log_chunks
                WHERE instance_id = ? AND first_line < ? AND first_line >= coalesce(
                  (SELECT max(first_line) FROM log_chunks WHERE instance_id = ? AND first_line <= ?), 0)
                ORDER BY first_line`)
      .all(instanceId, to, instanceId, from) as ChunkRow[];
    const out: LogLine[] = [];
    for (const r of rows) {
      const texts = textOf(r.body).split('\n');
      const deltas = r.ts_deltas.split(',');
      for (let i = 0; i < r.line_count; i++) {
        const n = r.first_line + i;
        if (n < from || n >= to) continue;
        out.push({ n, stream: streamOf[r.streams[i]!] ?? 'stdout', text: texts[i] ?? '', ts: new Date(r.ts_base + Number(deltas[i] ?? 0)).toISOString() });
      }
    }
    return out;
  }

  /** Line numbers from `from` on whose text contains `q` (case-insensitive), at most `max`. */
  find(instanceId: bigint, from: number, q: string, max: number): number[] {
    const needle = q.toLowerCase();
    const hits: number[] = [];
    const it = this.db
      .prepare(`SELECT first_line, body FROM log_chunks WHERE instance_id = ? AND first_line + line_count > ? AND instr(lower(body), ?) > 0 ORDER BY first_line`)
      .iterate(instanceId, from, needle) as IterableIterator<{ first_line: number; body: Body }>;
    for (const r of it) {
      const texts = textOf(r.body).split('\n');
      for (let i = 0; i < texts.length && hits.length < max; i++) {
        if (r.first_line + i >= from && texts[i]!.toLowerCase().includes(needle)) hits.push(r.first_line + i);
      }
      if (hits.length >= max) break;
    }
    return hits;
  }
}
