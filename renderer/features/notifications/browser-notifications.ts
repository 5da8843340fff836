import type { NotificationView } from '../../../shared/domain/notifications';
import { navigate } from '../../app/hash-route';
import { noticeTexts } from '../../lib/server-words';

/** Whether this page may show desktop notifications through the browser; the desktop app shows its own (the shell). */
export type DesktopPermission = 'unsupported' | 'default' | 'granted' | 'denied';

export function desktopPermission(): DesktopPermission {
  if (window.taskdeck || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Ask the browser; only from a click (browsers ignore, and users resent, a prompt at load). */
export async function askDesktopPermission(): Promise<DesktopPermission> {
  if (desktopPermission() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** A desktop notification for `n` where the user allowed them; clicking it brings the page up on its link. */
export function showInBrowser(n: NotificationView): void {
  if (desktopPermission() !== 'granted') return;
  const { title, body } = noticeTexts(n);
  const shown = new Notification(title, { body, tag: `taskdeck-${n.id}` });
  shown.onclick = () => {
    window.focus();
    if (n.link?.startsWith('/')) navigate(n.link);
    shown.close();
  };
}
