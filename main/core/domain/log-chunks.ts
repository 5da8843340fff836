import type { LogStream } from '../../../shared/domain/instances';
import type { LineBlock } from './log-lines';

/** Lines waiting to be stored, with the time they arrived. */
export interface TimedBlock extends LineBlock {
  readonly tsMs: number;
}

/**
 * One stored chunk: `count` lines, one stream letter and one time offset each, their UTF-8 joined
 * by '\n'. The body is `parts` one after another (`bytes` in all): the blocks' own bytes and the
 * newlines between them, never copied into one buffer (a file takes them as they are).
 */
export interface LogChunk {
  readonly count: number;
  readonly streams: string;
  readonly tsBase: number;
  readonly tsDeltas: string;
  readonly parts: readonly Buffer[];
  readonly bytes: number;
}

/** A chunk's body in one buffer (for the rare reader that needs it whole). */
export function chunkBody(c: LogChunk): Buffer {
  return c.parts.length === 1 ? c.parts[0]! : Buffer.concat(c.parts as Buffer[], c.bytes);
}

export const streamCode: Record<LogStream, string> = { stdout: 'o', stderr: 'e', system: 's' };

const NEWLINE = Buffer.from('\n');

/** How big a chunk may grow: lines bound what reading a window takes apart, bytes what it decodes. */
export interface ChunkLimits {
  readonly lines: number;
  readonly bytes: number;
}

/**
 * Gather blocks into chunks, in order. A block is stored whole: a chunk closes before a block that
 * would take it past either limit, so most chunks are a few blocks joined as they came. Only a
 * block of more lines than a chunk holds is cut (at newlines found in its bytes).
 */
export function toChunks(blocks: readonly TimedBlock[], limits: ChunkLimits): LogChunk[] {
  const chunks: LogChunk[] = [];
  let parts: Buffer[] = [];
  let bytes = 0;
  let streams = '';
  let deltas = '';
  let n = 0;
  let base = 0;
  const close = (): void => {
    chunks.push({ count: n, streams, tsBase: base, tsDeltas: deltas.slice(0, -1), parts, bytes });
    parts = [];
    bytes = 0;
    streams = '';
    deltas = '';
    n = 0;
  };
  const add = (b: TimedBlock, body: Buffer, count: number): void => {
    if (n > 0 && (n + count > limits.lines || bytes + 1 + body.length > limits.bytes)) close();
    if (n === 0) base = b.tsMs;
    else {
      parts.push(NEWLINE);
      bytes++;
    }
    parts.push(body);
    bytes += body.length;
    streams += streamCode[b.stream].repeat(count);
    deltas += `${b.tsMs - base},`.repeat(count);
    n += count;
  };
  for (const b of blocks) {
    if (b.count <= limits.lines) {
      add(b, b.bytes, b.count);
      continue;
    }
    for (let pos = 0, left = b.count; left > 0; ) {
      const take = Math.min(left, limits.lines);
      let end = b.bytes.length;
      if (take < left) {
        end = pos - 1;
        for (let k = 0; k < take; k++) end = b.bytes.indexOf(NEWLINE[0]!, end + 1);
      }
      add(b, b.bytes.subarray(pos, end), take);
      left -= take;
      pos = end + 1;
    }
  }
  if (n > 0) close();
  return chunks;
}

/** The last `max` lines of the blocks, one by one, with their block's time (for live events). */
export function tailLines(blocks: readonly TimedBlock[], max: number): { stream: LogStream; text: string; tsMs: number }[] {
  const out: { stream: LogStream; text: string; tsMs: number }[][] = [];
  let got = 0;
  for (let i = blocks.length - 1; i >= 0 && got < max; i--) {
    const b = blocks[i]!;
    const need = max - got;
    let bytes = b.bytes;
    if (b.count > need) {
      // need < count: there are `need` newlines to find, each after the start, so `at - 1` never goes below 0.
      let at = bytes.length;
      for (let k = 0; k < need; k++) at = bytes.lastIndexOf(NEWLINE[0]!, at - 1);
      bytes = bytes.subarray(at + 1);
    }
    const lines = bytes.toString('utf8').split('\n').map((t) => ({ stream: b.stream, text: t, tsMs: b.tsMs }));
    out.push(lines);
    got += lines.length;
  }
  return out.reverse().flat();
}
