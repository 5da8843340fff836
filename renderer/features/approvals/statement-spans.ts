import type { SqlSubtype } from '../../../shared/domain/processes';

export interface ScriptSegment {
  readonly text: string;
  /** Set when the text is (part of) a classified statement. */
  readonly statement?: { readonly index: number; readonly subtype: SqlSubtype };
}

/** Blank space and comments (line comments with `--` or `#`, block comments) a statement's text starts with. */
const LEADING_TRIVIA = /^(?:\s+|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

/** How many characters of a statement's text are leading comments and space (the core's spans include them). */
export function leadingTrivia(text: string): number {
  return LEADING_TRIVIA.exec(text)?.[0].length ?? 0;
}

/**
 * The script cut into plain text and statements, in order, covering every character once. Spans
 * are `[start, end)` offsets into the script; ones out of range or overlapping an earlier one are
 * clipped, empty ones dropped, so a bad span can never repeat or lose text. Leading comments are
 * left out of the mark.
 */
export function scriptSegments(script: string, statements: readonly { readonly start: number; readonly end: number; readonly subtype: SqlSubtype }[]): ScriptSegment[] {
  const out: ScriptSegment[] = [];
  let cursor = 0;
  const ordered = statements.map((s, index) => ({ ...s, index })).sort((a, b) => a.start - b.start || a.index - b.index);
  for (const s of ordered) {
    const start = Math.max(cursor, Math.min(script.length, Math.max(0, s.start)));
    const end = Math.min(script.length, s.end);
    if (end <= start) continue;
    // Comments before a statement are shown as plain text; a statement of comments only stays marked.
    const lead = leadingTrivia(script.slice(start, end));
    const from = lead < end - start ? start + lead : start;
    if (from > cursor) out.push({ text: script.slice(cursor, from) });
    out.push({ text: script.slice(from, end), statement: { index: s.index, subtype: s.subtype } });
    cursor = end;
  }
  if (cursor < script.length) out.push({ text: script.slice(cursor) });
  return out;
}

/** "2 UPDATE, 1 DELETE" in the order the kinds first appear. */
export function subtypeCounts(statements: readonly { readonly subtype: SqlSubtype }[]): { subtype: SqlSubtype; count: number }[] {
  const counts = new Map<SqlSubtype, number>();
  for (const s of statements) counts.set(s.subtype, (counts.get(s.subtype) ?? 0) + 1);
  return [...counts].map(([subtype, count]) => ({ subtype, count }));
}
