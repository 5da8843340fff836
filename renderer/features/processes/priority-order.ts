/** The list with the item at `from` moved to `to` (both clamped into range). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved!);
  return out;
}

/** Move `id` up (negative) or down (positive) by `delta` places; unknown ids leave the list as it is. */
export function moveBy(ids: readonly number[], id: number, delta: number): number[] {
  const from = ids.indexOf(id);
  return from < 0 ? [...ids] : moveItem(ids, from, from + delta);
}

/**
 * Where a dragged item lands when dropped on row `over`, in the list without the dragged item:
 * dropping on the upper half of a row puts it before that row, on the lower half after it.
 */
export function dropIndex(from: number, over: number, lowerHalf: boolean): number {
  const slot = over + (lowerHalf ? 1 : 0);
  return slot > from ? slot - 1 : slot;
}

export function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => b[i] === id);
}

/** A draft order kept in step with the live list: ids that are gone drop out, new ones go last (as the core puts them). */
export function reconcileDraft(draft: readonly number[], live: readonly number[]): number[] {
  const present = new Set(live);
  const kept = draft.filter((id) => present.has(id));
  const known = new Set(kept);
  return [...kept, ...live.filter((id) => !known.has(id))];
}
