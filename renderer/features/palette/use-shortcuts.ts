import { useEffect, useRef } from 'react';
import { interpretKey, type ShortcutAction } from './shortcuts';

const notTyping = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether a key press there is the user's typing (a text field, a select's search, an editor). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !notTyping.has(target.type);
}

/** Listen for the console's shortcuts on the window while mounted; `onAction` may change between renders. */
export function useShortcuts(onAction: (action: ShortcutAction) => void): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  }, [onAction]);

  useEffect(() => {
    let pendingGoAt: number | null = null;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const r = interpretKey({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: isTyping(e.target), at: Date.now() }, pendingGoAt);
      pendingGoAt = r.pendingGoAt;
      if (!r.action) return;
      e.preventDefault(); // Ctrl+K would otherwise focus the browser's search box
      handler.current(r.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
