import type { LogLine, LogStream } from '../../../shared/domain/instances';
import Database from 'better-sqlite3';
import { chunkBody, type LogChunk } from '../domain/log-chunks';
import type { Db } from './database';
import type { LogFiles } from './log-files';

const streamOf: Record<string, LogStream> = { o: 'stdout', e: 'stderr', s: 'system' };

/** A chunk's body: its lines' UTF-8 as a BLOB; chunks stored before Taskdeck kept bytes hold the same lines as TEXT. */
type Body = Buffer | string;

/** Where a chunk's body is: in its row (`body`), or in the instance's log file when `file_offset` is set. */
interface BodyAt { body: Body; file_offset: number | null; file_length: number | null }

interface ChunkRow extends BodyAt { first_line: number; line_count: number; streams: string; ts_base: number; ts_deltas: string }

const textOf = (body: Body): string => (typeof body === 'string' ? body : body.toString('utf8'));

/** What a line reads as when its bytes are missing from the log file. */
export const LOST_LINE = '[this line of the log is missing from its file in the data folder]';

const EMPTY = Buffer.alloc(0);

/**
 * Bytes of an instance's log kept in its rows before its log file is started. Most runs print less
 * than this, and a file per run costs each one a create on the disk (0.3–0.8 ms of the main thread
 * here, a third of a one-host run's latency) and the data folder an inode per run; the WAL's cost,
 * which moved bodies to files, only shows from megabytes on.
 */
export const INLINE_LOG_BYTES = 64 * 1024;

/**
 * Log lines stored as chunks addressed by their first line number: any window is one range scan.
 * A chunk's body is the bytes that came in, decoded only when read. The first `INLINE_LOG_BYTES` of
 * an instance's log are kept in the rows; past them, the bodies go to one file per instance
 * (`LogFiles`), the row holding where. Rows stored before the files (and a backup's, which takes
 * the bodies in) hold the body itself, as a BLOB or as older TEXT. All read the same, and no
 * migration moves gigabytes of logs.
 */
export class LogsRepo {
  /** Prepared once: appending is the hot path of a run's output. */
  private readonly insertChunk: Database.Statement;
  private readonly lastChunk: Database.Statement;
  private readonly bytesInRows: Database.Statement;

  /** `inlineBytes`: how much of a log its rows keep before the file starts (tests set 0 to store every body in the file). */
  constructor(private readonly db: Db, private readonly files: LogFiles, private readonly inlineBytes = INLINE_LOG_BYTES) {
    this.insertChunk = db.prepare('INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body, file_offset, file_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.lastChunk = db.prepare('SELECT file_offset + file_length AS file_end FROM log_chunks WHERE instance_id = ? ORDER BY first_line DESC LIMIT 1');
    // Only while no body is in the file: at most `inlineBytes` of rows to add up.
    this.bytesInRows = db.prepare('SELECT coalesce(sum(length(body)), 0) FROM log_chunks WHERE instance_id = ?').pluck();
  }

  /**
   * Store chunks whose first line is `firstLine` (1-based), one after another. Call inside a
   * transaction with the counters update. Bodies that would take the log past `inlineBytes` go to
   * the log file, written first, where the instance's committed rows end: a transaction that rolls
   * back leaves nothing the log holds. Once a log has a file, the rest of it goes there too. (A file
   * still being opened by `LogFiles.prepare` lets the rows go past `inlineBytes` until it is open.)
   */
  append(instanceId: bigint, firstLine: number, chunks: readonly LogChunk[]): void {
    if (!chunks.length) return;
    const last = this.lastChunk.get(instanceId) as { file_end: number | null } | undefined;
    const fileEnd = last?.file_end ?? null;
    let first = firstLine;
    if (fileEnd === null) {
      const inRows = last ? (this.bytesInRows.get(instanceId) as number) : 0;
      const after = inRows + chunks.reduce((n, c) => n + c.bytes, 0);
      // Halfway there, the file is opened off the main thread; until it is, the rows take a little more.
      const opening = this.files.isOpening(instanceId);
      if (after <= this.inlineBytes || opening) {
        if (after > this.inlineBytes / 2 && !opening) this.files.prepare(instanceId);
        for (const c of chunks) {
          this.insertChunk.run(instanceId, first, c.count, c.streams, c.tsBase, c.tsDeltas, chunkBody(c), null, null);
          first += c.count;
        }
        return;
      }
    }
    let at = fileEnd ?? 0;
    this.files.write(instanceId, at, chunks.flatMap((c) => c.parts));
    for (const c of chunks) {
      this.insertChunk.run(instanceId, first, c.count, c.streams, c.tsBase, c.tsDeltas, EMPTY, at, c.bytes);
      first += c.count;
      at += c.bytes;
    }
  }

  /** Whether the instance's log file is being opened off the main thread (the rows take its output meanwhile). */
  fileOpening(instanceId: bigint): boolean {
    return this.files.isOpening(instanceId);
  }

  /** The instance's log file is done with for now (its run ended here): its descriptor is let go. */
  release(instanceId: bigint): void {
    this.files.release(instanceId);
  }

  /** Lines [from, from + limit) in order. */
  window(instanceId: bigint, from: number, limit: number): LogLine[] {
    const to = from + limit; // exclusive
    const rows = this.db
      .prepare(`SELECT first_line, line_count, streams, ts_base, ts_deltas, body, file_offset, file_length FROM log_chunks
                WHERE instance_id = ? AND first_line < ? AND first_line >= coalesce(
                  (SELECT max(first_line) FROM log_chunks WHERE instance_id = ? AND first_line <= ?), 0)
                ORDER BY first_line`)
      .all(instanceId, to, instanceId, from) as ChunkRow[];
    const out: LogLine[] = [];
    const read = this.bodies(instanceId);
    try {
      for (const r of rows) {
        const texts = read(r);
        const deltas = r.ts_deltas.split(',');
        for (let i = 0; i < r.line_count; i++) {
          const n = r.first_line + i;
          if (n < from || n >= to) continue;
          out.push({ n, stream: streamOf[r.streams[i]!] ?? 'stdout', text: texts ? (texts[i] ?? '') : LOST_LINE, ts: new Date(r.ts_base + Number(deltas[i] ?? 0)).toISOString() });
        }
      }
    } finally {
      read.close();
    }
    return out;
  }

  /** Line numbers from `from` on whose text contains `q` (case-insensitive), at most `max`. */
  find(instanceId: bigint, from: number, q: string, max: number): number[] {
    const needle = q.toLowerCase();
    const hits: number[] = [];
    // A body in its row is searched by SQLite; one in the log file is read and searched here.
    const it = this.db
      .prepare(`SELECT first_line, body, file_offset, file_length FROM log_chunks
                WHERE instance_id = ? AND first_line + line_count > ? AND (file_offset IS NOT NULL OR instr(lower(body), ?) > 0) ORDER BY first_line`)
      .iterate(instanceId, from, needle) as IterableIterator<BodyAt & { first_line: number }>;
    const read = this.bodies(instanceId);
    try {
      for (const r of it) {
        const texts = read(r, needle);
        for (let i = 0; texts && i < texts.length && hits.length < max; i++) {
          if (r.first_line + i >= from && texts[i]!.toLowerCase().includes(needle)) hits.push(r.first_line + i);
        }
        if (hits.length >= max) break;
      }
    } finally {
      read.close();
    }
    return hits;
  }

  /**
   * A chunk's lines from its row or the log file (opened once for all the chunks read); null when
   * the file lost the body, or when `needle` is given and the chunk does not hold it anywhere.
   */
  private bodies(instanceId: bigint): ((r: BodyAt, needle?: string) => string[] | null) & { close(): void } {
    const file = this.files.reader(instanceId);
    const read = (r: BodyAt, needle?: string): string[] | null => {
      let text: string;
      if (r.file_offset === null) text = textOf(r.body);
      else {
        const bytes = file(r.file_offset, r.file_length!);
        // Cut short, or zeros where it was (a file gone and written again past its start, a power cut): a stored line never holds NUL.
        if (bytes.length < r.file_length! || bytes.includes(0)) return null;
        text = bytes.toString('utf8');
        if (needle !== undefined && !text.toLowerCase().includes(needle)) return null;
      }
      return text.split('\n');
    };
    return Object.assign(read, { close: () => file.close() });
  }
}

/** Chunks a backup takes into their rows per transaction (each up to 256 KiB). */
const INLINE_BATCH = 256;

/**
 * Take the log bodies that live in the log folder into their rows of the backup `file`, a batch a
 * turn of the event loop, so the backup is one file that holds everything. A body the folder lost
 * stays where it was (it reads as lost in the copy too). `onProgress` counts the bytes taken in.
 */
export async function inlineLogBodies(file: string, files: LogFiles, onProgress: (done: number, total: number) => void): Promise<void> {
  const db = new Database(file);
  try {
    const total = db.prepare('SELECT coalesce(sum(file_length), 0) FROM log_chunks WHERE file_offset IS NOT NULL').pluck().get() as number;
    const next = db.prepare('SELECT rowid AS id, instance_id, file_offset, file_length FROM log_chunks WHERE rowid > ? AND file_offset IS NOT NULL ORDER BY rowid LIMIT ?').safeIntegers(true);
    const put = db.prepare('UPDATE log_chunks SET body = ?, file_offset = NULL, file_length = NULL WHERE rowid = ?');
    let done = 0;
    // One file open at a time: rows come in the order they were stored, mostly one instance's after another's.
    let file = null as { id: bigint; read: ReturnType<LogFiles['reader']> } | null;
    try {
      for (let after = 0n; ; ) {
        const rows = next.all(after, INLINE_BATCH) as { id: bigint; instance_id: bigint; file_offset: bigint; file_length: bigint }[];
        if (!rows.length) break;
        db.transaction(() => {
          for (const r of rows) {
            if (file?.id !== r.instance_id) {
              file?.read.close();
              file = { id: r.instance_id, read: files.reader(r.instance_id) };
            }
            const body = file.read(Number(r.file_offset), Number(r.file_length));
            if (body.length === Number(r.file_length) && !body.includes(0)) put.run(body, r.id);
            done += Number(r.file_length);
          }
        })();
        after = rows.at(-1)!.id;
        onProgress(done, total);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      file?.read.close();
    }
  } finally {
    db.close();
  }
}
