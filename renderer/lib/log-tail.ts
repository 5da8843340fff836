import type { LogLine } from '../../shared/domain/instances';

/** The last lines of a log, as a live pane shows them. */
export interface LogTail {
  readonly lines: readonly LogLine[];
  /** Lines the log has in all (the tail holds at most the last `cap` of them). */
  readonly total: number;
}

export const emptyTail: LogTail = { lines: [], total: 0 };

/**
 * Merge lines from a response or a live event into a tail that keeps the last `cap` lines. Lines are
 * placed by number, so repeats and out-of-order arrivals are harmless. `gap` is the range of the kept
 * part still missing (an event that skipped lines, or a total that grew without its lines): fetch it.
 */
export function mergeTail(
  tail: LogTail,
  incoming: readonly LogLine[],
  total: number,
  cap: number,
): { readonly tail: LogTail; readonly gap: { readonly from: number; readonly to: number } | null } {
  const last = incoming.length ? incoming[incoming.length - 1]!.n : 0;
  const newTotal = Math.max(tail.total, total, last);
  const keepFrom = Math.max(1, newTotal - cap + 1);
  const byN = new Map<number, LogLine>();
  for (const l of tail.lines) if (l.n >= keepFrom) byN.set(l.n, l);
  for (const l of incoming) if (l.n >= keepFrom && l.n <= newTotal) byN.set(l.n, l);
  const lines = [...byN.values()].sort((a, b) => a.n - b.n);
  let from = 0;
  let to = 0;
  for (let n = keepFrom; n <= newTotal; n++) {
    if (byN.has(n)) continue;
    if (!from) from = n;
    to = n;
  }
  return { tail: { lines, total: newTotal }, gap: from ? { from, to } : null };
}
