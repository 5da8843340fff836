import { Notification } from 'electron';

/**
 * A native notification (e.g. an instance failed while the window is in the background). Shows nothing where the
 * system has no notifications; returns whether one was shown.
 */
export function showNotification(title: string, body: string, onClick?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const n = new Notification({ title, body });
  if (onClick) n.on('click', onClick);
  n.show();
  return true;
}
