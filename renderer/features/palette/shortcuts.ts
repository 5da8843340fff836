/** The keyboard shortcuts the console answers, and the pure rule deciding which a key press means. */
import type { TFunction } from 'i18next';

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
export const goKeys: readonly { readonly key: string; readonly to: string }[] = [
  { key: 'd', to: '/dashboard' },
  { key: 't', to: '/tasks' },
  { key: 'a', to: '/approvals' },
  { key: 'r', to: '/run' },
  { key: 'i', to: '/instances' },
  { key: 'h', to: '/hosts' },
  { key: 'j', to: '/jobs' },
  { key: 's', to: '/settings' },
];

/** How long after `g` the second key still counts. */
export const GO_WINDOW_MS = 1500;

/** What the help sheet lists, in order. */
export function shortcutList(t: TFunction): readonly { readonly keys: readonly string[]; readonly what: string }[] {
  return [
    { keys: ['Ctrl', 'K'], what: t('palette.help.palette') },
    { keys: ['↑', '↓'], what: t('palette.help.move') },
    { keys: ['Enter'], what: t('palette.help.open') },
    { keys: ['Esc'], what: t('palette.help.close') },
    { keys: ['?'], what: t('palette.help.sheet') },
    // The page's name is its menu label (`shell.nav.<route>`), so the sheet and the menu agree.
    ...goKeys.map((g) => ({ keys: ['g', g.key], what: t('palette.help.go', { page: t(`shell.nav${g.to.replace('/', '.')}`) }) })),
  ];
}

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
