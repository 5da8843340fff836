import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultThrottleLimits, LoginThrottle } from './login-throttle';

const MIN = 60_000;

/** One attempt that fails, as AuthService runs it: reserve, then fail. Returns the lock, or -wait when refused. */
function failOnce(t: LoginThrottle, userName: string, client: string | undefined, now: number): number {
  const wait = t.begin({ userName, client }, now);
  return wait > 0 ? -wait : t.fail({ userName, client }, now);
}

test('five failures for a user lock it, even for the right password; each further failure doubles the lock', () => {
  const t = new LoginThrottle();
  let now = 0;
  for (let i = 0; i < 4; i++) assert.equal(failOnce(t, 'alice', 'a', now), 0);
  assert.equal(failOnce(t, 'alice', 'b', now), 30_000, 'the fifth failure locks the user, whatever the client');
  assert.equal(t.begin({ userName: 'alice', client: 'c' }, now + 1000), 29_000);
  now += 30_000;
  assert.equal(failOnce(t, 'alice', 'c', now), 60_000);
  now += 60_000;
  assert.equal(failOnce(t, 'alice', 'c', now), 120_000);
  assert.equal(t.begin({ userName: 'bob', client: 'd' }, now), 0, 'another user from another client is not held up');
});

test('twenty failures from one client lock the client for every user name', () => {
  const t = new LoginThrottle();
  for (let i = 0; i < 19; i++) assert.equal(failOnce(t, `user-${i}`, '10.0.0.9', 0), 0);
  assert.equal(failOnce(t, 'user-19', '10.0.0.9', 0), 30_000);
  assert.ok(t.begin({ userName: 'fresh-name', client: '10.0.0.9' }, 1) > 0);
  assert.equal(t.begin({ userName: 'fresh-name', client: '10.0.0.10' }, 1), 0);
});

test('a success forgets the user’s failures; failures older than the window are forgotten', () => {
  const t = new LoginThrottle();
  for (let i = 0; i < 4; i++) failOnce(t, 'carol', undefined, 0);
  assert.equal(t.begin({ userName: 'carol' }, 0), 0);
  t.succeed({ userName: 'carol' });
  for (let i = 0; i < 4; i++) assert.equal(failOnce(t, 'carol', undefined, 1), 0, 'counting starts again');
  assert.equal(failOnce(t, 'carol', undefined, 16 * MIN), 0, 'the four failures of 16 minutes ago are out of the window');
});

test('parallel attempts count before they end: no more than the limit are checked at once', () => {
  const t = new LoginThrottle();
  const allowed = Array.from({ length: 50 }, () => t.begin({ userName: 'dave', client: 'x' }, 0)).filter((w) => w === 0).length;
  assert.equal(allowed, 5);
});

test('names like __proto__ or constructor are plain keys, and the keys kept are capped', () => {
  const t = new LoginThrottle({ ...defaultThrottleLimits, maxKeys: 100 });
  for (const name of ['__proto__', 'constructor', 'toString']) {
    for (let i = 0; i < 4; i++) assert.equal(failOnce(t, name, undefined, 0), 0);
    assert.equal(failOnce(t, name, undefined, 0), 30_000);
  }
  for (let i = 0; i < 10_000; i++) failOnce(t, `flood-${i}`, undefined, 0);
  assert.ok(t.size <= 100, `${t.size} keys kept`);
});
