import { blockOf, linesOf, type LineBlock } from './log-lines';
import { MARKER, parseMarker, type Marker } from './remote-script';

/**
 * Takes one run's markers out of its stdout blocks. Only a block that holds a marker is taken
 * apart into lines. The pgid marker is written while the command may already be writing, so it
 * can land inside one of the command's lines: then the text before it waits and the line goes on
 * after it, exactly as the command wrote it.
 */
export class MarkerFilter {
  /** The marker's start as bytes: a block is looked at in its bytes, and taken apart only when they hold it. */
  private readonly tag: Buffer;
  private carry = '';
  /** Bytes of stdout that were markers (not the command's output). */
  markerBytes = 0;

  constructor(private readonly nonce: string, private readonly onMarker: (m: Marker) => void) {
    this.tag = Buffer.from(`${MARKER}${nonce}:`, 'utf8');
  }

  take(blocks: readonly LineBlock[]): LineBlock[] {
    const kept: LineBlock[] = [];
    for (let b of blocks) {
      if (this.carry) {
        b = { ...b, bytes: Buffer.concat([Buffer.from(this.carry, 'utf8'), b.bytes]) };
        this.carry = '';
      }
      if (!b.bytes.includes(this.tag)) {
        kept.push(b);
        continue;
      }
      let run: string[] = [];
      for (const l of linesOf([b])) {
        const text = this.carry + l.text;
        this.carry = '';
        const m = parseMarker(text, this.nonce);
        if (!m) {
          run.push(text);
          continue;
        }
        this.markerBytes += Buffer.byteLength(text, 'utf8') - Buffer.byteLength(m.before, 'utf8') + 1;
        if (m.marker.kind === 'pgid') this.carry = m.before;
        else if (m.before) run.push(m.before);
        kept.push(...blockOf(b.stream, run));
        run = [];
        this.onMarker(m.marker);
      }
      kept.push(...blockOf(b.stream, run));
    }
    return kept;
  }

  /** The end of stdout: a line the pgid marker interrupted and that never went on is still a line. */
  end(blocks: readonly LineBlock[]): LineBlock[] {
    const last = this.take(blocks);
    const left = this.carry;
    this.carry = '';
    return left ? [...last, ...blockOf('stdout', [left])] : last;
  }
}
