import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { NotificationView } from '../../../shared/domain/notifications';
import { installDesktopBridge } from '../../api/desktop-bridge-double';
import { notificationsStore } from '../../stores/notifications-store';
import { notificationArrived } from './notification-arrival';

// The browser's Notification API as a page sees it: a permission, and each notification shown recorded.
const shown: { title: string; body: string | undefined; tag: string | undefined }[] = [];
class BrowserNotification {
  static permission: NotificationPermission = 'granted';
  onclick: (() => void) | null = null;
  constructor(title: string, o?: NotificationOptions) {
    shown.push({ title, body: o?.body, tag: o?.tag });
  }
  close(): void {}
}
(globalThis as { Notification?: unknown }).Notification = BrowserNotification;

const browserMode = (): void => {
  (globalThis as { window?: unknown }).window = { focus: () => {} };
};
const note = (id: number, title: string): NotificationView => ({ id, recipient: 'dev', kind: 'alert', title, body: 'on db-1', link: '/tasks/nightly', created_at: '2026-12-01T00:00:00.000Z', read_at: null });

beforeEach(() => {
  shown.length = 0;
  notificationsStore.getState().reset();
  BrowserNotification.permission = 'granted';
});

test('browser mode, allowed: a desktop alert pops up and is in the centre; an in-app alert is in the centre only', () => {
  browserMode();
  notificationArrived({ notification: note(1, 'Task nightly failed'), desktop: true });
  notificationArrived({ notification: note(2, 'Task hourly failed'), desktop: false });
  assert.deepEqual(shown, [{ title: 'Task nightly failed', body: 'on db-1', tag: 'taskdeck-1' }]);
  assert.deepEqual(notificationsStore.getState().items.map((n) => n.id), [2, 1], 'nothing is lost: both in the centre');
  assert.equal(notificationsStore.getState().unread, 2);
});

test('browser mode, blocked or not yet allowed: no pop-up, the alert is still in the centre', () => {
  browserMode();
  for (const permission of ['denied', 'default'] as const) {
    BrowserNotification.permission = permission;
    notificationArrived({ notification: note(permission === 'denied' ? 3 : 4, `while ${permission}`), desktop: true });
  }
  assert.deepEqual(shown, []);
  assert.deepEqual(notificationsStore.getState().items.map((n) => n.title), ['while default', 'while denied']);
});

test('desktop app (the bridge): the page shows no browser pop-up of its own, the shell does; the centre has it', () => {
  installDesktopBridge(() => Promise.resolve({ ok: true, data: null }));
  notificationArrived({ notification: note(5, 'Task nightly timed out'), desktop: true });
  notificationArrived({ notification: note(6, 'Task nightly succeeded'), desktop: false });
  assert.deepEqual(shown, []);
  assert.deepEqual(notificationsStore.getState().items.map((n) => n.id), [6, 5]);
});
