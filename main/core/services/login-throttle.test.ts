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

/** A delay the test releases: each call is recorded with its length and resolves when the test says. */
function heldDelays(): { delay: (ms: number) => Promise<void>; asked: number[]; release(i: number): void } {
  const asked: number[] = [];
  const pending: (() => void)[] = [];
  return {
    asked,
    delay: (ms) => new Promise<void>((resolve) => (asked.push(ms), pending.push(resolve))),
    release: (i) => pending[i]!(),
  };
}

// Past its limit a client is slowed, never locked: over loopback every caller is 127.0.0.1, and locking it would
// lock out a user whose own record is clean (issue 11 review, I5).
test('past twenty failures a client is slowed, not locked: one attempt at a time, each after a growing delay', async () => {
  const d = heldDelays();
  const t = new LoginThrottle(defaultThrottleLimits, { delay: d.delay });
  for (let i = 0; i < 20; i++) {
    const a = { userName: `user-${i}`, client: '127.0.0.1' };
    assert.equal(t.begin(a, 0), 0);
    const end = (await t.clientTurn(a, () => 0))!; // within the limit: at once
    assert.equal(t.fail(a, 0), 0, 'a client never locks a user');
    end();
  }
  assert.deepEqual(d.asked, [], 'no delay within the limit');

  const alice = { userName: 'alice', client: '127.0.0.1' };
  const bob = { userName: 'bob', client: '127.0.0.1' };
  assert.equal(t.begin(alice, 0), 0, 'the user is not locked by the client');
  assert.equal(t.begin(bob, 0), 0);
  const aliceTurn = t.clientTurn(alice, () => 0);
  const bobTurn = t.clientTurn(bob, () => 0);
  let bobGoes = false;
  void bobTurn.then(() => (bobGoes = true));
  await new Promise(setImmediate);
  assert.deepEqual(d.asked, [100], 'the first in line waits the base delay; the second waits for it to end');
  d.release(0);
  const endAlice = (await aliceTurn)!;
  await new Promise(setImmediate);
  assert.equal(bobGoes, false, 'one at a time: bob waits while alice is checked');
  assert.deepEqual(d.asked, [100]);
  t.fail(alice, 0);
  endAlice();
  await new Promise(setImmediate);
  assert.deepEqual(d.asked, [100, 200], 'a further failure doubles the delay');
  d.release(1);
  const endBob = (await bobTurn)!;
  t.succeed(bob);
  endBob();
  assert.equal(t.begin({ userName: 'carol', client: '10.0.0.10' }, 0), 0, 'another client is not slowed');
  assert.notEqual(await t.clientTurn({ userName: 'carol', client: '10.0.0.10' }, () => 0), null);
  assert.deepEqual(d.asked, [100, 200]);
});

test('a slowed client has a bounded line: past it an attempt is refused at once (null)', async () => {
  const d = heldDelays();
  const t = new LoginThrottle({ ...defaultThrottleLimits, perClient: 1, maxClientWaiting: 3 }, d);
  failOnce(t, 'x', 'c', 0);
  const turns = Array.from({ length: 3 }, (_, i) => t.clientTurn({ userName: `u${i}`, client: 'c' }, () => 0));
  assert.equal(await t.clientTurn({ userName: 'u3', client: 'c' }, () => 0), null);
  d.release(0);
  (await turns[0]!)!();
  await new Promise(setImmediate);
  d.release(1);
  (await turns[1]!)!();
  await new Promise(setImmediate);
  d.release(2);
  (await turns[2]!)!();
  assert.deepEqual(d.asked, [100, 100, 100], 'nobody failed while in line: the delay stays at its base');
});

test('user names are one key whatever their case: Alice, ALICE and alice share a lock', () => {
  const t = new LoginThrottle();
  for (const name of ['Alice', 'ALICE', 'alice', 'aLiCe']) assert.equal(failOnce(t, name, undefined, 0), 0);
  assert.equal(failOnce(t, 'ALICE', undefined, 0), 30_000);
  assert.ok(t.begin({ userName: 'alice' }, 1) > 0);
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
