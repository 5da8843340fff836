import type { LogStream } from '../../../shared/domain/instances';

/** Longest stored line; longer output is split so one giant line cannot exhaust memory. */
export const MAX_LINE_CHARS = 16 * 1024;

export interface SplitLine {
  readonly stream: LogStream;
  readonly text: string;
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
  consumed = 0;

  constructor(readonly stream: LogStream) {}

  push(chunk: Uint8Array): SplitLine[] {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    this.partialBytes += chunk.length;
    const out: SplitLine[] = [];
    // Most output has neither control characters nor CR: check the chunk once, not every line.
    const plain = !controls.test(text) && !text.includes('\r');
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      this.emit(text.slice(start, nl), out, plain);
      start = nl + 1;
    }
    this.partial = text.slice(start);
    if (this.partial.length > MAX_LINE_CHARS) {
      this.emit(this.partial, out);
      this.partial = '';
    }
    if (this.partial === '') {
      this.consumed += this.partialBytes;
      this.partialBytes = 0;
    } else if (out.length > 0) {
      const rest = Buffer.byteLength(this.partial, 'utf8');
      this.consumed += this.partialBytes - rest;
      this.partialBytes = rest;
    }
    return out;
  }

  /** The last line when the stream ends without a newline. */
  end(): SplitLine[] {
    const text = this.partial + this.decoder.decode();
    this.partial = '';
    this.consumed += this.partialBytes;
    this.partialBytes = 0;
    const out: SplitLine[] = [];
    if (text !== '') this.emit(text, out);
    return out;
  }

  private emit(raw: string, out: SplitLine[], plain = false): void {
    const line = plain ? raw : clean(lastOverwrite(raw.endsWith('\r') ? raw.slice(0, -1) : raw));
    for (let i = 0; i < line.length || i === 0; i += MAX_LINE_CHARS) {
      out.push({ stream: this.stream, text: line.slice(i, i + MAX_LINE_CHARS) });
      if (line.length === 0) break;
    }
  }
}

// Tab (9), newline (10) and ESC (27) stay; other C0 controls and DEL do not. Written as "not an
// allowed character": V8 scans a negated class about a third faster, and every output byte passes here.
// eslint-disable-next-line no-control-regex
const controls = /[^\t\n\u001b\u0020-\u007e\u0080-\uffff]/;
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

/** Replaces every occurrence of the given secrets with `****`. */
export function createMasker(secrets: readonly string[]): (text: string) => string {
  const list = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (t) => t.replace(re, '****');
}
