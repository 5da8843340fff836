import { isAscii } from 'node:buffer';
import type { LogStream } from '../../../shared/domain/instances';

/** Longest stored line; longer output is split so one giant line cannot exhaust memory. */
export const MAX_LINE_CHARS = 16 * 1024;

export interface SplitLine {
  readonly stream: LogStream;
  readonly text: string;
}

/**
 * Consecutive lines of one stream as one text: `count` lines joined by '\n', no trailing newline.
 * Output travels from the channel to the store as blocks, never as one object per line: a GiB of
 * output is ten million lines, and a line object each is what the garbage collector would pay for.
 */
export interface LineBlock {
  readonly stream: LogStream;
  readonly text: string;
  readonly count: number;
}

/**
 * A block the splitter made of ASCII output as it came: its UTF-8 size is its length. A block that
 * is spread or rebuilt (masked, a marker taken out) is a plain LineBlock again, and is measured.
 */
class AsciiBlock implements LineBlock {
  constructor(readonly stream: LogStream, readonly text: string, readonly count: number) {}
}

/** UTF-8 bytes of a block's lines, each with its newline; without a pass over an ASCII block's text (every output byte is counted here). */
export function blockBytes(b: LineBlock): number {
  return (b instanceof AsciiBlock ? b.text.length : Buffer.byteLength(b.text, 'utf8')) + 1;
}

/** A block's lines, one by one (for markers, limits and tests: the rare paths). */
export function linesOf(blocks: readonly LineBlock[]): SplitLine[] {
  return blocks.flatMap((b) => b.text.split('\n').map((text) => ({ stream: b.stream, text })));
}

/** One block holding these lines (none: no block). */
export function blockOf(stream: LogStream, lines: readonly string[]): LineBlock[] {
  return lines.length ? [{ stream, text: lines.join('\n'), count: lines.length }] : [];
}

/**
 * Turns a byte stream into lines. Bytes that are not UTF-8 become U+FFFD; NUL and other C0
 * controls except tab and ESC (kept for ANSI colours) become visible replacements, so binary
 * output never breaks storage or display. `consumed` counts the bytes that ended in complete lines.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';
  private partialBytes = 0;
  /** The unfinished line may hold control characters (it came in bytes that had some). */
  private partialControls = false;
  /** The decoder may hold the first bytes of a character (the last chunk it had ended inside one). */
  private decoderOwes = false;
  /** The unfinished line came from ASCII bytes only. */
  private partialAscii = true;
  consumed = 0;

  /** `guard` keeps a secret whole when a long line is cut (lines are masked later, whole pieces at a time). */
  constructor(readonly stream: LogStream, private readonly guard: CutGuard = noSecrets) {}

  push(chunk: Uint8Array): LineBlock[] {
    // Looked for in the bytes: a C0 control or DEL byte is that character in UTF-8 too (never part of another).
    const dirty = this.partialControls || hasControlBytes(chunk);
    const ascii = !this.decoderOwes && isAscii(chunk);
    const text = this.partial + this.decode(chunk, ascii);
    const allAscii = ascii && this.partialAscii;
    this.partialBytes += chunk.length;
    const last = text.lastIndexOf('\n');
    const out: string[] = [];
    let block: LineBlock | null = null;
    if (last >= 0) {
      const body = text.slice(0, last);
      this.partial = text.slice(last + 1);
      // Most output has neither control characters, CR nor giant lines: then the text is the block as it came.
      const count = dirty ? -1 : plainLineCount(body);
      if (count > 0) block = allAscii ? new AsciiBlock(this.stream, body, count) : { stream: this.stream, text: body, count };
      else for (const raw of body.split('\n')) this.emit(raw, out);
    } else {
      this.partial = text;
    }
    this.partialControls = dirty && this.partial !== '';
    if (this.partial.length > MAX_LINE_CHARS) {
      if (block) for (const line of block.text.split('\n')) out.push(line);
      block = null;
      this.emitLongPartial(out);
    }
    // What is left came after the chunk's last newline (then from the chunk alone), or is the old unfinished line grown.
    this.partialAscii = this.partial === '' || (ascii && (this.partialAscii || last >= 0));
    if (this.partial === '') {
      this.consumed += this.partialBytes;
      this.partialBytes = 0;
    } else if (block || out.length > 0) {
      const rest = allAscii ? this.partial.length : Buffer.byteLength(this.partial, 'utf8');
      this.consumed += this.partialBytes - rest;
      this.partialBytes = rest;
    }
    return block ? [block] : blockOf(this.stream, out);
  }

  /**
   * Most output is ASCII: checked at memory speed and copied as Latin-1 (the same characters),
   * about four times cheaper than the UTF-8 decoder. The decoder stays in charge while it may
   * hold the first bytes of a character from the last chunk.
   */
  private decode(chunk: Uint8Array, ascii: boolean): string {
    if (ascii) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.decoderOwes = chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
    return this.decoder.decode(chunk, { stream: true });
  }

  /** The last line when the stream ends without a newline. */
  end(): LineBlock[] {
    const text = this.partial + this.decoder.decode();
    this.partial = '';
    this.partialAscii = true;
    this.consumed += this.partialBytes;
    this.partialBytes = 0;
    const out: string[] = [];
    if (text !== '') this.emit(text, out);
    return blockOf(this.stream, out);
  }

  private emit(raw: string, out: string[]): void {
    const line = clean(lastOverwrite(raw.endsWith('\r') ? raw.slice(0, -1) : raw));
    if (line.length === 0) out.push('');
    else this.cut(line, out);
  }

  /**
   * A line still arriving has grown past the limit: its pieces go out so memory stays bounded,
   * but its last characters wait (a secret may begin there and end in the next chunk), and no
   * cut falls inside a secret. What waits is raw text; a trailing CR (of a CRLF) always waits.
   */
  private emitLongPartial(out: string[]): void {
    const raw = this.partial;
    const from = raw.lastIndexOf('\r', raw.length - 2) + 1; // a terminal shows what follows the last CR
    const text = clean(raw.slice(from));
    const keep = this.guard.holdBack || (text.endsWith('\r') ? 1 : 0);
    const upTo = this.guard.safeCut(text, 0, Math.max(0, text.length - keep));
    if (upTo > 0) this.cut(text.slice(0, upTo), out);
    this.partial = raw.slice(from + upTo);
  }

  /** Pieces of at most MAX_LINE_CHARS, each cut where no secret is split. */
  private cut(line: string, out: string[]): void {
    for (let i = 0; i < line.length; ) {
      const end = line.length - i <= MAX_LINE_CHARS ? line.length : this.guard.safeCut(line, i, i + MAX_LINE_CHARS);
      out.push(line.slice(i, end));
      i = end;
    }
  }
}

/** Lines in a text with no line longer than MAX_LINE_CHARS; -1 when one is. */
function plainLineCount(body: string): number {
  let count = 1;
  let from = 0;
  for (let nl = body.indexOf('\n'); nl >= 0; nl = body.indexOf('\n', from)) {
    if (nl - from > MAX_LINE_CHARS) return -1;
    from = nl + 1;
    count++;
  }
  return body.length - from > MAX_LINE_CHARS ? -1 : count;
}

// Tab (9), newline (10) and ESC (27) stay; other C0 controls and DEL do not. Written as "not an
// allowed character": V8 scans a negated class about a third faster.
// eslint-disable-next-line no-control-regex
const controls = /[^\t\n\u001b\u0020-\u007e\u0080-\uffff]/;

/** Bytes that are the control characters `controls` finds (CR among them): 1, else 0. */
const CONTROL_BYTE = new Uint8Array(256).map((_, b) => ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x1b) || b === 0x7f ? 1 : 0));

/**
 * Whether the bytes hold a control character, four bytes at a time: a word is looked at byte by
 * byte only when one of its bytes is below 0x20 or is 0x7f (mostly a newline). Every output byte
 * passes here: this is about three times faster than the regular expression over the decoded text.
 */
export function hasControlBytes(bytes: Uint8Array): boolean {
  const head = (4 - (bytes.byteOffset & 3)) & 3; // bytes before the first whole word
  const words = bytes.length > head ? (bytes.length - head) >>> 2 : 0;
  if (words === 0) return bytes.some((b) => CONTROL_BYTE[b] === 1);
  for (let i = 0; i < head; i++) if (CONTROL_BYTE[bytes[i]!]) return true;
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset + head, words);
  for (let i = 0; i < words; i++) {
    const x = w[i]!;
    const del = x ^ 0x7f7f7f7f;
    // Some byte < 0x20, or some byte == 0x7f (a zero byte of x ^ 0x7f7f7f7f): the classic SWAR tests, exact about whether.
    if ((((x - 0x20202020) & ~x) | ((del - 0x01010101) & ~del)) & 0x80808080) {
      const at = head + i * 4;
      if (CONTROL_BYTE[bytes[at]!]! | CONTROL_BYTE[bytes[at + 1]!]! | CONTROL_BYTE[bytes[at + 2]!]! | CONTROL_BYTE[bytes[at + 3]!]!) return true;
    }
  }
  for (let i = head + words * 4; i < bytes.length; i++) if (CONTROL_BYTE[bytes[i]!]) return true;
  return false;
}
// eslint-disable-next-line no-control-regex
const controlsAll = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g;

/** Progress bars rewrite a line with CR: keep what a terminal would finally show. */
function lastOverwrite(s: string): string {
  const cr = s.lastIndexOf('\r');
  return cr < 0 ? s : s.slice(cr + 1);
}

function clean(s: string): string {
  return controls.test(s) ? s.replace(controlsAll, '\ufffd') : s;
}

/** Where a line may be cut without cutting a secret in two. */
export interface CutGuard {
  /**
   * The last position in (from, at] where `text` may be cut: `at`, or the start of the secret
   * that spans it. `from` is a previous cut (a secret never spans one).
   */
  safeCut(text: string, from: number, at: number): number;
  /** Characters of unfinished text to keep back: a secret may begin in them and end in what comes next. */
  readonly holdBack: number;
}

/** Masks a run's secrets; the splitter uses it as its CutGuard so a masked piece always holds a secret whole. */
export interface Masker extends CutGuard {
  /** `text` with every secret replaced by `****`; never changes how many lines a text has. */
  readonly mask: (text: string) => string;
}

const noSecrets: Masker = { mask: (t) => t, safeCut: (_t, _from, at) => at, holdBack: 0 };

/**
 * Replaces every occurrence of the given secrets with `****`, longest first. A secret of several
 * lines is masked line by line: masking never changes how many lines a text has. Output is
 * stored with control characters replaced, so each secret is also masked as it would be stored.
 */
export function createMasker(secrets: readonly string[]): Masker {
  const pieces = secrets.flatMap((s) => s.split(/\r\n|\r|\n/)).flatMap((s) => [s, clean(s)]);
  const list = [...new Set(pieces.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return noSecrets;
  const re = new RegExp(list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return {
    mask: (t) => t.replace(re, '****'),
    safeCut: (text, from, at) => {
      // The same leftmost-longest scan that mask() makes; a cut before a match leaves both pieces masked as the whole would be.
      const scan = new RegExp(re.source, 'g');
      scan.lastIndex = from;
      for (let m = scan.exec(text); m && m.index < at; m = scan.exec(text)) {
        if (m.index + m[0].length > at) return m.index > from ? m.index : m.index + m[0].length;
      }
      return at;
    },
    holdBack: list[0]!.length - 1,
  };
}
