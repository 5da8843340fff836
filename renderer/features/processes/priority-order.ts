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

/** `id` moved to where `overId` stands, the items between shifting one place toward the gap (a sortable list's drop). */
export function moveOnto(ids: readonly number[], id: number, overId: number): number[] {
  const from = ids.indexOf(id);
  const to = ids.indexOf(overId);
  return from < 0 || to < 0 ? [...ids] : moveItem(ids, from, to);
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
