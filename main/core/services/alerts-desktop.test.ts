import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AnyAppEvent } from '../../../shared/api/events';
import { startHarness, type Harness } from '../../../testing/core-harness';

// In-app and desktop channels differ as a user expects: both post into the centre, only a desktop one asks the shell
// (or the browser page) for an operating-system notification.
let h: Harness;
const posted: { title: string; desktop: boolean }[] = [];

before(async () => {
  h = await startHarness();
  h.core.events.onDidEmit((e: AnyAppEvent) => {
    if (e.type === 'notification.created') posted.push({ title: e.data.notification.title, desktop: e.data.desktop });
  });
});
after(() => h.dispose());

test('a desktop channel\'s alert asks for an OS notification; an in-app channel\'s does not; both are in the centre', async () => {
  const inApp = await h.call('channels.create', { name: 'console', kind: 'in_app' });
  const desktop = await h.call('channels.create', { name: 'pop-ups', kind: 'desktop' });
  assert.equal((await h.call('channels.test', { id: inApp.id })).state, 'sent');
  assert.equal((await h.call('channels.test', { id: desktop.id })).state, 'sent');
  assert.deepEqual(posted, [
    { title: 'Test message for channel console', desktop: false },
    { title: 'Test message for channel pop-ups', desktop: true },
  ]);
  const centre = await h.call('notifications.list', { unread_only: true, page: 1, per_page: 10 });
  assert.deepEqual(centre.items.map((n) => n.title).sort(), ['Test message for channel console', 'Test message for channel pop-ups'], 'nothing is lost: both in the centre');
});

test('a post asks for an OS notification only when it says so (reminders do: a request waits on the reader)', () => {
  posted.length = 0;
  h.core.services.notifications.notify({ recipient: 'admin', kind: 'reminder', title: 'request #1 lapses in 1 h', desktop: true });
  h.core.services.notifications.notify({ recipient: 'admin', kind: 'alert', title: 'quiet' });
  assert.deepEqual(posted.map((p) => p.desktop), [true, false]);
});
