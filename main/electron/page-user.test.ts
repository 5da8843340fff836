import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AnyAppEvent } from '../../shared/api/events';
import { eventIsFor } from '../../shared/api/events';
import { startHarness, type Harness } from '../../testing/core-harness';
import { PageUser } from './page-user';

describe('whose window gets a user\'s notifications (IPC)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ reminderIntervalMs: 0 });
    await h.call('users.create', { user_name: 'dora', password: 'dora-password', roles: ['viewer'] });
  });
  after(() => h.dispose());

  const notice = (recipient: string): AnyAppEvent => ({
    type: 'notification.created', ts: new Date().toISOString(),
    data: { notification: { id: 1, recipient, kind: 'reminder', title: 't', body: '', link: null, created_at: new Date().toISOString(), read_at: null }, desktop: true },
  });

  test('the page\'s signed-in user, until sign-out or a new page; only their notifications pass', async () => {
    const page = new PageUser(h.core.services.auth);
    assert.equal(page.current(), null, 'nobody before the page calls');
    assert.equal(eventIsFor(notice('dora'), page.current()), false);
    const login = await h.core.dispatch('auth.login', { user_name: 'dora', password: 'dora-password' }, undefined);
    assert.ok(login.ok);
    page.saw(login.data.token);
    page.saw(undefined); // a call without a token (health) says nothing about who it is
    assert.equal(page.current(), 'dora');
    assert.equal(eventIsFor(notice('Dora'), page.current()), true, 'user names compare as the store does');
    assert.equal(eventIsFor(notice('admin'), page.current()), false, 'another user\'s notification does not reach this window');
    assert.equal(eventIsFor({ type: 'groups.changed', ts: '', data: { reason: 'x' } }, page.current()), true, 'events for everyone still do');
    page.saw('forged-token');
    assert.equal(page.current(), null, 'a token that is not a session is nobody');
    page.saw(login.data.token);
    assert.equal((await h.core.dispatch('auth.logout', {}, login.data.token)).ok, true);
    assert.equal(page.current(), null, 'signed out: nobody\'s window');
    page.reset();
    assert.equal(page.current(), null);
  });
});
