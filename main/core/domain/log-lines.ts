import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { LogStream } from '../../../shared/domain/instances';
import { LOG_SCAN_WASM } from './log-scan-wasm';

/** Longest stored line; longer output is split so one giant line cannot exhaust memory. */
export const MAX_LINE_CHARS = 16 * 1024;

export interface SplitLine {
  readonly stream: LogStream;
  readonly text: string;
}

/**
 * Consecutive lines of one stream: `count` lines' UTF-8 joined by '\n', no trailing newline.
 * Output travels from the channel to the store as these bytes, never as a string per line (a GiB
 * of output is ten million lines): most output is stored as it came, and decoded only when read.
 * The bytes are always valid UTF-8 without the control characters a stored line never holds.
 */
export interface LineBlock {
  readonly stream: LogStream;
  readonly bytes: Buffer;
  readonly count: number;
}

/** UTF-8 bytes of a block's lines, each with its newline. */
export function blockBytes(b: LineBlock): number {
  return b.bytes.length + 1;
}

/** A block's lines as one text, joined by '\n'. */
export function blockText(b: LineBlock): string {
  return b.bytes.toString('utf8');
}

/** A block's lines, one by one (for markers, limits and tests: the rare paths). */
export function linesOf(blocks: readonly LineBlock[]): SplitLine[] {
  return blocks.flatMap((b) => blockText(b).split('\n').map((text) => ({ stream: b.stream, text })));
}

/** One block holding these lines (none: no block). */
export function blockOf(stream: LogStream, lines: readonly string[]): LineBlock[] {
  return lines.length ? [{ stream, bytes: Buffer.from(lines.join('\n'), 'utf8'), count: lines.length }] : [];
}

/**
 * A line that grew past MAX_LINE_CHARS before its newline came: decoded as it arrives so its
 * pieces can go out (memory stays bounded), `bytes` the raw bytes its text still holds.
 */
interface LongLine {
  readonly decoder: TextDecoder;
  text: string;
  bytes: number;
}

/**
 * Turns a byte stream into lines. Bytes that are not UTF-8 become U+FFFD; NUL and other C0
 * controls except tab and ESC (kept for ANSI colours) become visible replacements, so binary
 * output never breaks storage or display. `consumed` counts the bytes that ended in complete lines.
 *
 * The bytes up to a chunk's last newline are checked once (UTF-8, no control byte, no line over
 * the limit) and then passed on as they are; only output that fails the check is decoded here.
 * A newline is never part of a multi-byte character, so what lies between newlines decodes alone.
 */
export class LineSplitter {
  /** Bytes after the last newline: the start of a line still arriving. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private long: LongLine | null = null;
  consumed = 0;

  /** `guard` keeps a secret whole when a long line is cut (lines are masked later, whole pieces at a time). */
  constructor(readonly stream: LogStream, private readonly guard: CutGuard = noSecrets) {}

  push(chunk: Uint8Array): LineBlock[] {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const last = bytes.lastIndexOf(NEWLINE);
    if (this.long) return this.pushLong(bytes, last);
    if (last < 0) {
      this.hold(bytes);
      return this.partialBytes > MAX_LINE_CHARS ? this.startLong() : [];
    }
    // The line that was arriving ends at the first newline: it alone is put together from the held
    // bytes; the lines after it stay the channel's bytes, uncopied (a newline never splits a character).
    const first = this.partialBytes ? bytes.indexOf(NEWLINE) : -1;
    const head = first < 0 ? [] : this.lines(Buffer.concat([...this.partial, bytes.subarray(0, first)]));
    this.consumed += this.partialBytes + last + 1;
    this.partial = [];
    this.partialBytes = 0;
    this.hold(bytes.subarray(last + 1));
    const out = first === last ? head : [...head, ...this.lines(bytes.subarray(first + 1, last))];
    return this.partialBytes > MAX_LINE_CHARS ? [...out, ...this.startLong()] : out;
  }

  /** The last line when the stream ends without a newline. */
  end(): LineBlock[] {
    let text = '';
    if (this.long) {
      text = this.long.text + this.long.decoder.decode();
      this.consumed += this.long.bytes;
      this.long = null;
    } else if (this.partialBytes) {
      text = new TextDecoder().decode(Buffer.concat(this.partial));
      this.consumed += this.partialBytes;
    }
    this.partial = [];
    this.partialBytes = 0;
    const out: string[] = [];
    if (text !== '') this.emit(text, out);
    return blockOf(this.stream, out);
  }

  /** Keeps the start of a line (a copy: the channel's buffer is not held for a few bytes). */
  private hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.partial.push(Buffer.from(bytes));
    this.partialBytes += bytes.length;
  }

  /** Whole lines: as they came when they pass the check, else decoded and cleaned line by line. */
  private lines(body: Buffer): LineBlock[] {
    const count = plainLineCount(body);
    if (count > 0 && !hasControlBytes(body) && isUtf8(body)) return [{ stream: this.stream, bytes: body, count }];
    const out: string[] = [];
    for (const raw of new TextDecoder().decode(body).split('\n')) this.emit(raw, out);
    return blockOf(this.stream, out);
  }

  /** The unfinished line is over the limit in bytes: from here it is decoded as it comes, and cut once it is over in characters. */
  private startLong(): LineBlock[] {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    this.long = { decoder, text: decoder.decode(Buffer.concat(this.partial), { stream: true }), bytes: this.partialBytes };
    this.partial = [];
    this.partialBytes = 0;
    return this.cutLong();
  }

  private pushLong(bytes: Buffer, last: number): LineBlock[] {
    const long = this.long!;
    if (last < 0) {
      long.text += long.decoder.decode(bytes, { stream: true });
      long.bytes += bytes.length;
      return this.cutLong();
    }
    // The long line ends here (and maybe a few more after it): decoded to the last newline, the rest is bytes again.
    const text = long.text + long.decoder.decode(bytes.subarray(0, last));
    this.consumed += long.bytes + last + 1;
    this.long = null;
    const out: string[] = [];
    for (const raw of text.split('\n')) this.emit(raw, out);
    this.hold(bytes.subarray(last + 1));
    const blocks = blockOf(this.stream, out);
    return this.partialBytes > MAX_LINE_CHARS ? [...blocks, ...this.startLong()] : blocks;
  }

  /**
   * A line still arriving has grown past the limit: its pieces go out so memory stays bounded,
   * but its last characters wait (a secret may begin there and end in the next chunk), and no
   * cut falls inside a secret. What waits is raw text; a trailing CR (of a CRLF) always waits.
   */
  private cutLong(): LineBlock[] {
    const long = this.long!;
    if (long.text.length <= MAX_LINE_CHARS) return [];
    const raw = long.text;
    const from = raw.lastIndexOf('\r', raw.length - 2) + 1; // a terminal shows what follows the last CR
    const text = clean(raw.slice(from));
    const keep = this.guard.holdBack || (text.endsWith('\r') ? 1 : 0);
    const upTo = this.guard.safeCut(text, 0, Math.max(0, text.length - keep));
    const out: string[] = [];
    if (upTo > 0) this.cut(text.slice(0, upTo), out);
    long.text = raw.slice(from + upTo);
    // The pieces sent are consumed: a detached run re-attached later resumes after them.
    const rest = Buffer.byteLength(long.text, 'utf8');
    this.consumed += long.bytes - rest;
    long.bytes = rest;
    return blockOf(this.stream, out);
  }

  private emit(raw: string, out: string[]): void {
    const line = clean(lastOverwrite(raw.endsWith('\r') ? raw.slice(0, -1) : raw));
    if (line.length === 0) out.push('');
    else this.cut(line, out);
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

const NEWLINE = 0x0a;

/**
 * Lines in bytes with no line longer than MAX_LINE_CHARS bytes (then none is longer in characters
 * either); -1 when one is.
 */
function plainLineCount(body: Buffer): number {
  let count = 1;
  let from = 0;
  for (let nl = body.indexOf(NEWLINE); nl >= 0; nl = body.indexOf(NEWLINE, from)) {
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

/** Bytes scanned a call: what fits in the scanner's memory, with room for the spaces after them. */
const SCAN_BYTES = 64 * 1024;

/** The compiled scanner (log-scan.wat) and its memory, made on first use. */
let scanner: { hasControl(n: number): number; memory: Uint8Array } | undefined;

/** What is used of the global WebAssembly (its types come with the DOM's, which the core does not load). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { hasControl: (n: number) => number; memory: { buffer: ArrayBuffer } } };
}

function scan(): NonNullable<typeof scanner> {
  if (!scanner) {
    const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    const { exports } = new wasm.Instance(new wasm.Module(Buffer.from(LOG_SCAN_WASM, 'base64')));
    // The memory never grows (the module has no memory.grow), so this view stays valid.
    scanner = { hasControl: exports.hasControl, memory: new Uint8Array(exports.memory.buffer) };
  }
  return scanner;
}

/**
 * Whether the bytes hold a control character `controls` finds (CR among them). Every output byte
 * passes here, so it is a WebAssembly SIMD scan, 64 KiB at a time (log-scan.wat): 0.18 ms per MiB,
 * three times faster than four bytes at a time in JavaScript and six times faster than a regular
 * expression over the bytes as a string.
 */
export function hasControlBytes(bytes: Uint8Array): boolean {
  const { hasControl, memory } = scan();
  for (let at = 0; at < bytes.length; at += SCAN_BYTES) {
    const piece = bytes.subarray(at, at + SCAN_BYTES);
    memory.set(piece, 0);
    // Spaces after the piece: the scanner reads whole blocks of 64 bytes.
    memory.fill(0x20, piece.length, piece.length + 64);
    if (hasControl(piece.length)) return true;
  }
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
  /** The block with every secret masked; the same block when none is in it (looked for in its bytes, no decoding). */
  readonly maskBlock: (block: LineBlock) => LineBlock;
}

const noSecrets: Masker = { mask: (t) => t, maskBlock: (b) => b, safeCut: (_t, _from, at) => at, holdBack: 0 };

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
  // A block's bytes are valid UTF-8, so a secret is in its text exactly when the secret's UTF-8 is in its bytes.
  const needles = list.map((s) => Buffer.from(s, 'utf8'));
  const mask = (t: string): string => t.replace(re, '****');
  return {
    mask,
    maskBlock: (b) => (needles.some((n) => b.bytes.includes(n)) ? { stream: b.stream, count: b.count, bytes: Buffer.from(mask(blockText(b)), 'utf8') } : b),
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
