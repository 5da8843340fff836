import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NotificationView } from '../../shared/domain/notifications';
import { installDesktopBridge } from '../api/desktop-bridge-double';
import { notificationsStore, withNewer } from './notifications-store';

const n = (id: number, read = false): NotificationView => ({
  id, recipient: 'dev', kind: 'reminder', title: `n${id}`, body: '', link: `/approvals/${id}`, created_at: '2026-12-01T00:00:00.000Z', read_at: read ? '2026-12-01T00:01:00.000Z' : null,
});
const page = (items: NotificationView[], unread: number) => ({ items, total: items.length, unread, page: 1, per_page: 30 });

// The core's transport stands in as the desktop bridge: each call waits until the test answers it.
const asks: { op: string; input: unknown; answer(data: unknown): void }[] = [];
installDesktopBridge((op, input) => new Promise((resolve) => asks.push({ op, input, answer: (data) => resolve({ ok: true, data }) })));

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(ok(), `never: ${what}`);
}

test('an answer keeps what arrived by event after the core answered', () => {
  assert.deepEqual(withNewer(page([n(3), n(2, true)], 1), [n(5), n(4, true), n(3)]), { items: [n(5), n(4, true), n(3), n(2, true)], total: 4, unread: 2 });
  assert.deepEqual(withNewer(page([n(3)], 1), [n(3)]).items, [n(3)], 'nothing twice');
  assert.deepEqual(withNewer(page([], 0), []), { items: [], total: 0, unread: 0 });
});

test('a notification posted while the list loads is not lost; reading one lowers the count the core reports', async () => {
  const s = notificationsStore.getState();
  s.reset();
  const loading = s.load();
  await until(() => asks.length === 1, 'the list is asked');
  notificationsStore.getState().created(n(7));
  notificationsStore.getState().created(n(7)); // the same event twice counts once
  assert.equal(notificationsStore.getState().unread, 1);
  asks.shift()!.answer(page([n(6), n(5, true)], 1));
  await loading;
  assert.deepEqual(notificationsStore.getState().items.map((x) => x.id), [7, 6, 5]);
  assert.equal(notificationsStore.getState().unread, 2);
  const reading = notificationsStore.getState().markRead(7);
  await until(() => asks.length === 1, 'the read is sent');
  const ask = asks.shift()!;
  assert.deepEqual([ask.op, ask.input], ['notifications.read', { id: 7 }]);
  ask.answer({ updated: 1, unread: 1 });
  await reading;
  assert.equal(notificationsStore.getState().unread, 1);
  assert.notEqual(notificationsStore.getState().items[0]!.read_at, null);
  assert.equal(notificationsStore.getState().items[1]!.read_at, null, 'only that one');
});
