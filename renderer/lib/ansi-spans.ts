import Anser from 'anser';

/** A run of text with one look; `style` holds inline CSS only (the CSP allows inline styles, never HTML). */
export interface AnsiSpan {
  readonly text: string;
  readonly style?: Readonly<Record<string, string | number>>;
  /** Part of a search hit. */
  readonly mark?: boolean;
}

type Rgb = [number, number, number];

function parseRgb(s: string): Rgb | null {
  const parts = s.split(',').map((p) => Number(p.trim()));
  return parts.length === 3 && parts.every((p) => Number.isFinite(p)) ? (parts as Rgb) : null;
}

const luminance = ([r, g, b]: Rgb): number => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
const mix = (c: Rgb, to: number, k: number): Rgb => c.map((v) => Math.round(v + (to - v) * k)) as Rgb;

/** Whether a CSS colour (`#rgb`, `#rrggbb`, `rgb(…)`, `rgba(…)`) is dark: the theme's background decides the palette. */
export function isDarkColor(css: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim())?.[1];
  const full = hex && hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex;
  const rgb = full ? ([0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb) : parseRgb(/^rgba?\(([^)]*)\)$/i.exec(css.trim())?.[1]?.split(',').slice(0, 3).join(',') ?? '');
  return rgb !== null && luminance(rgb) < 0.5;
}

/** ANSI's palette assumes a black terminal: lift dark colours on a dark theme, deepen pale ones on a light theme. */
export function readableColor(rgb: string, dark: boolean): string {
  const c = parseRgb(rgb);
  if (!c) return `rgb(${rgb})`;
  const l = luminance(c);
  const out = dark ? (l < 0.3 ? mix(c, 255, 0.45) : c) : l > 0.7 ? mix(c, 0, 0.45) : c;
  return `rgb(${out.join(', ')})`;
}

function styleOf(e: Anser.AnserJsonEntry, dark: boolean): Record<string, string | number> | undefined {
  const d = new Set(e.decorations ?? []);
  let fg = e.fg;
  let bg = e.bg;
  if (d.has('reverse')) [fg, bg] = [bg || (dark ? '230, 230, 230' : '30, 30, 30'), fg || (dark ? '20, 20, 20' : '250, 250, 250')];
  const style: Record<string, string | number> = {};
  if (fg) style.color = readableColor(fg, dark);
  if (bg) style.backgroundColor = `rgb(${bg})`;
  if (d.has('bold')) style.fontWeight = 600;
  if (d.has('dim')) style.opacity = 0.7;
  if (d.has('italic')) style.fontStyle = 'italic';
  const lines = [d.has('underline') ? 'underline' : '', d.has('strikethrough') ? 'line-through' : ''].filter(Boolean).join(' ');
  if (lines) style.textDecoration = lines;
  if (d.has('hidden')) style.visibility = 'hidden';
  return Object.keys(style).length ? style : undefined;
}

function splitMarks(span: AnsiSpan, needle: string): AnsiSpan[] {
  if (!needle) return [span];
  const out: AnsiSpan[] = [];
  const lower = span.text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, at)) {
    if (i > at) out.push({ ...span, text: span.text.slice(at, i) });
    out.push({ ...span, text: span.text.slice(i, i + needle.length), mark: true });
    at = i + needle.length;
  }
  if (at < span.text.length) out.push({ ...span, text: span.text.slice(at) });
  return out;
}

/** A log line's text as styled runs: ANSI SGR colours and decorations applied, other escapes dropped, `highlight` marked. */
export function ansiSpans(text: string, opts: { readonly dark: boolean; readonly highlight?: string }): AnsiSpan[] {
  const needle = opts.highlight?.toLowerCase() ?? '';
  const base: AnsiSpan[] = text.includes('\u001b')
    ? Anser.ansiToJson(text, { use_classes: false, remove_empty: true }).map((e) => ({ text: e.content, style: styleOf(e, opts.dark) }))
    : [{ text }];
  return needle ? base.flatMap((s) => splitMarks(s, needle)) : base;
}
