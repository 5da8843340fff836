/** A min-heap of due times with keyed replacement: re-scheduling a key drops its old entry lazily. */
export class DueQueue<K> {
  private heap: { due: number; key: K; version: number }[] = [];
  private readonly versions = new Map<K, number>();

  get size(): number {
    return this.versions.size;
  }

  set(key: K, due: number): void {
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    this.push({ due, key, version });
  }

  delete(key: K): void {
    if (this.versions.has(key)) this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    this.versions.delete(key);
  }

  /** Earliest live due time, or undefined. */
  peek(): number | undefined {
    this.dropStale();
    return this.heap[0]?.due;
  }

  /** Remove and return every live key due at or before `now`, earliest first. */
  popDue(now: number): { key: K; due: number }[] {
    const out: { key: K; due: number }[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.due > now) return out;
      this.pop();
      this.versions.delete(top.key);
      out.push({ key: top.key, due: top.due });
    }
  }

  private dropStale(): void {
    while (this.heap.length && this.versions.get(this.heap[0]!.key) !== this.heap[0]!.version) this.pop();
  }

  private push(e: { due: number; key: K; version: number }): void {
    const h = this.heap;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (h[p]!.due <= h[i]!.due) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.due < h[m]!.due) m = l;
      if (r < h.length && h[r]!.due < h[m]!.due) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
