/** The menu entry a route's first segment selects, among the menu's `keys` (bindings live under Groups). */
export function menuKeyOf(keys: readonly string[], segment: string | undefined): string {
  if (segment === undefined) return 'dashboard';
  if (segment === 'bindings') return 'groups';
  // Pages outside the menu (keys, reviews, a 404) select nothing rather than pretend to be the dashboard.
  return keys.includes(segment) ? segment : '';
}
