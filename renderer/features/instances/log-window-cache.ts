import type { LogLine } from '../../../shared/domain/instances';

/** Lines per fetched window. */
export const WINDOW_LINES = 1000;

export const windowOf = (n: number): number => Math.floor((n - 1) / WINDOW_LINES);
export const windowStart = (k: number): number => k * WINDOW_LINES + 1;

interface Slot {
  readonly lines: (LogLine | undefined)[];
  /** Lines present from the window's start without a hole. */
  have: number;
  loading: boolean;
  error: string | null;
  /** The log's total when this window was last fetched: a refetch only helps once the log has grown past it. */
  fetchedAt: number;
  used: number;
}

/**
 * Windows of 1000 log lines, fetched on demand and kept up to a bound (least recently used go first).
 * Lines are placed by number, so a fetch answer and live lines may arrive in any order.
 */
export class LogWindowCache {
  private readonly slots = new Map<number, Slot>();
  private clock = 0;

  constructor(private readonly maxWindows = 40) {}

  line(n: number): LogLine | undefined {
    return this.slots.get(windowOf(n))?.lines[(n - 1) % WINDOW_LINES];
  }

  /** Why line `n` is not there: a failed fetch's message, or null (loading or not asked yet). */
  error(n: number): string | null {
    return this.slots.get(windowOf(n))?.error ?? null;
  }

  /** Windows covering lines [from, to] of a `total`-line log that need a fetch now. */
  wanted(from: number, to: number, total: number): number[] {
    const last = Math.min(to, total);
    const out: number[] = [];
    if (last < 1) return out;
    for (let k = windowOf(Math.max(1, from)); k <= windowOf(last); k++) {
      const s = this.slots.get(k);
      if (s) s.used = ++this.clock;
      if (!s) out.push(k);
      else if (s.loading || s.error) continue;
      else if (s.have < Math.min(WINDOW_LINES, total - windowStart(k) + 1) && total > s.fetchedAt) out.push(k);
    }
    return out;
  }

  begin(k: number): void {
    const s = this.slot(k);
    s.loading = true;
    s.error = null;
  }

  fill(k: number, lines: readonly LogLine[], total: number): void {
    const s = this.slot(k);
    s.loading = false;
    s.error = null;
    s.fetchedAt = Math.max(s.fetchedAt, total);
    this.place(s, k, lines);
    this.evict();
  }

  fail(k: number, message: string): void {
    const s = this.slot(k);
    s.loading = false;
    s.error = message;
  }

  /** Forget failures so the windows are asked for again. */
  retry(): void {
    for (const s of this.slots.values()) s.error = null;
  }

  /** Live lines go into windows already held; returns those they left a hole in (lines were skipped) that need a refetch. */
  append(lines: readonly LogLine[]): number[] {
    const holes = new Set<number>();
    for (const l of lines) {
      const k = windowOf(l.n);
      const s = this.slots.get(k);
      if (!s) continue;
      this.place(s, k, [l]);
      if (!s.loading && s.have < l.n - windowStart(k) + 1) holes.add(k);
    }
    return [...holes];
  }

  get size(): number {
    return this.slots.size;
  }

  private slot(k: number): Slot {
    let s = this.slots.get(k);
    if (!s) this.slots.set(k, (s = { lines: [], have: 0, loading: false, error: null, fetchedAt: 0, used: ++this.clock }));
    return s;
  }

  private place(s: Slot, k: number, lines: readonly LogLine[]): void {
    const start = windowStart(k);
    for (const l of lines) {
      const i = l.n - start;
      if (i >= 0 && i < WINDOW_LINES) s.lines[i] = l;
    }
    while (s.have < WINDOW_LINES && s.lines[s.have]) s.have++;
  }

  private evict(): void {
    if (this.slots.size <= this.maxWindows) return;
    const idle = [...this.slots].filter(([, s]) => !s.loading).sort((a, b) => a[1].used - b[1].used);
    for (const [k] of idle.slice(0, this.slots.size - this.maxWindows)) this.slots.delete(k);
  }
}
