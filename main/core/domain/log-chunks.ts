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
 * Cut blocks into chunks of at most `size` lines, in order. A block is cut only where a chunk
 * fills up (at a newline found with indexOf), so most of a block's text is stored as it came.
 */
export function toChunks(blocks: readonly TimedBlock[], size: number): LogChunk[] {
  const chunks: LogChunk[] = [];
  let parts: string[] = [];
  let streams = '';
  let deltas = '';
  let n = 0;
  let base = 0;
  const close = (): void => {
    chunks.push({ count: n, streams, tsBase: base, tsDeltas: deltas.slice(0, -1), body: parts.join('\n') });
    parts = [];
    streams = '';
    deltas = '';
    n = 0;
  };
  for (const b of blocks) {
    let pos = 0;
    let left = b.count;
    while (left > 0) {
      if (n === 0) base = b.tsMs;
      const take = Math.min(left, size - n);
      let end = b.text.length;
      if (take < left) {
        end = pos - 1;
        for (let k = 0; k < take; k++) end = b.text.indexOf('\n', end + 1);
      }
      parts.push(pos === 0 && end === b.text.length ? b.text : b.text.slice(pos, end));
      streams += streamCode[b.stream].repeat(take);
      deltas += `${b.tsMs - base},`.repeat(take);
      n += take;
      left -= take;
      pos = end + 1;
      if (n === size) close();
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
