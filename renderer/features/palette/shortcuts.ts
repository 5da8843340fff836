/** The keyboard shortcuts the console answers, and the pure rule deciding which a key press means. */

export type ShortcutAction = { readonly kind: 'palette' } | { readonly kind: 'help' } | { readonly kind: 'go'; readonly to: string };

/** The parts of a KeyboardEvent the rule reads (so it is testable without a DOM). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focus is in a text field, a select's search or an editor: plain keys are the user's typing. */
  readonly typing: boolean;
  /** Epoch ms of the press. */
  readonly at: number;
}

/** `g` then a letter opens a page, like Gmail and GitHub. */
export const goKeys: readonly { readonly key: string; readonly to: string; readonly label: string }[] = [
  { key: 'd', to: '/dashboard', label: 'Dashboard' },
  { key: 't', to: '/tasks', label: 'Tasks' },
  { key: 'a', to: '/approvals', label: 'Approvals' },
  { key: 'r', to: '/run', label: 'Run' },
  { key: 'i', to: '/instances', label: 'Instances' },
  { key: 'h', to: '/hosts', label: 'Hosts' },
  { key: 'j', to: '/jobs', label: 'Jobs' },
  { key: 's', to: '/settings', label: 'Settings' },
];

/** How long after `g` the second key still counts. */
export const GO_WINDOW_MS = 1500;

/** What the help sheet lists, in order. */
export const shortcutList: readonly { readonly keys: readonly string[]; readonly what: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Open the command palette: jump to a page, host, task or request by name (⌘K on a Mac)' },
  { keys: ['↑', '↓'], what: 'In the palette: move between results' },
  { keys: ['Enter'], what: 'In the palette: open the highlighted result' },
  { keys: ['Esc'], what: 'Close the palette, this sheet or a dialog' },
  { keys: ['?'], what: 'Show this sheet' },
  ...goKeys.map((g) => ({ keys: ['g', g.key], what: `Go to ${g.label}` })),
];

/**
 * Decide what a key press means. `pendingGoAt`: when `g` was pressed (or null). Returns the action
 * (or null) and the new `pendingGoAt`. Ctrl/⌘K works even while typing; the rest never do.
 */
export function interpretKey(press: KeyPress, pendingGoAt: number | null): { readonly action: ShortcutAction | null; readonly pendingGoAt: number | null } {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'k') return { action: { kind: 'palette' }, pendingGoAt: null };
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return { action: null, pendingGoAt: null };
  if (pendingGoAt !== null && press.at - pendingGoAt <= GO_WINDOW_MS) {
    const go = goKeys.find((g) => g.key === press.key.toLowerCase());
    if (go) return { action: { kind: 'go', to: go.to }, pendingGoAt: null };
  }
  if (press.key === '?') return { action: { kind: 'help' }, pendingGoAt: null };
  if (press.key === 'g') return { action: null, pendingGoAt: press.at };
  return { action: null, pendingGoAt: null };
}
