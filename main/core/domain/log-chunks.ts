import type { LogStream } from '../../../shared/domain/instances';
import type { LineBlock } from './log-lines';

/** Lines waiting to be stored, with the time they arrived. */
export interface TimedBlock extends LineBlock {
  readonly tsMs: number;
}

/** One stored chunk: `count` lines, one stream letter and one time offset each, the texts joined by '\n'. */
export interface LogChunk {
  readonly count: number;
  readonly streams: string;
  readonly tsBase: number;
  readonly tsDeltas: string;
  readonly body: string;
}

export const streamCode: Record<LogStream, string> = { stdout: 'o', stderr: 'e', system: 's' };

/**
 * Gather blocks into chunks of at most `size` lines, in order. A block is stored whole: a chunk
 * closes before a block that would take it past `size`, so most chunks are a few blocks joined as
 * they came. Only a block of more than `size` lines is cut (at newlines found with indexOf), which
 * bounds what reading a window of lines decodes.
 */
export function toChunks(blocks: readonly TimedBlock[], size: number): LogChunk[] {
  const chunks: LogChunk[] = [];
  let parts: string[] = [];
  let streams = '';
  let deltas = '';
  let n = 0;
  let base = 0;
  const close = (): void => {
    chunks.push({ count: n, streams, tsBase: base, tsDeltas: deltas.slice(0, -1), body: parts.length === 1 ? parts[0]! : parts.join('\n') });
    parts = [];
    streams = '';
    deltas = '';
    n = 0;
  };
  const add = (b: TimedBlock, text: string, count: number): void => {
    if (n > 0 && n + count > size) close();
    if (n === 0) base = b.tsMs;
    parts.push(text);
    streams += streamCode[b.stream].repeat(count);
    deltas += `${b.tsMs - base},`.repeat(count);
    n += count;
  };
  for (const b of blocks) {
    if (b.count <= size) {
      add(b, b.text, b.count);
      continue;
    }
    for (let pos = 0, left = b.count; left > 0; ) {
      const take = Math.min(left, size);
      let end = b.text.length;
      if (take < left) {
        end = pos - 1;
        for (let k = 0; k < take; k++) end = b.text.indexOf('\n', end + 1);
      }
      add(b, b.text.slice(pos, end), take);
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
    let text = b.text;
    if (b.count > need) {
      let at = text.length;
      for (let k = 0; k < need; k++) at = text.lastIndexOf('\n', at - 1);
      text = text.slice(at + 1);
    }
    const lines = text.split('\n').map((t) => ({ stream: b.stream, text: t, tsMs: b.tsMs }));
    out.push(lines);
    got += lines.length;
  }
  return out.reverse().flat();
}
