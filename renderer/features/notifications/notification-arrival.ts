import type { EventMap } from '../../../shared/api/events';
import { notificationsStore } from '../../stores/notifications-store';
import { showInBrowser } from './browser-notifications';

/**
 * A notification posted to this page's user: into the centre always; on the desktop only when the event asks for it
 * (a desktop alert channel, a reminder), and from the page only in browser mode (the desktop app's shell shows its own).
 */
export function notificationArrived(d: EventMap['notification.created']): void {
  notificationsStore.getState().created(d.notification);
  if (d.desktop) showInBrowser(d.notification);
}
