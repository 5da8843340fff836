import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { Client, ClientChannel } from 'ssh2';
import { linesOf } from '../domain/log-lines';
import { pumpChannel } from './remote-run';
import { TurnBudget } from './turn-budget';

/**
 * The pump against a channel whose two streams are fed by hand, so that output arrives in a known
 * order across turns (the real sshd is exercised by the runs-service tests; here the order is the point).
 */
function channel(): { ch: ClientChannel; out: Readable; err: Readable } {
  const out = new Readable({ read() {} });
  const err = new Readable({ read() {} });
  Object.assign(out, { stderr: err, end: () => out });
  return { ch: out as unknown as ClientChannel, out, err };
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

test('out of turn, stdout and stderr keep the order they came in', async () => {
  const { ch, out, err } = channel();
  const got: string[] = [];
  // A slice of 0 ms: every chunk uses up the turn, so everything after the first one waits.
  const budget = new TurnBudget(0);
  const pumped = pumpChannel(new EventEmitter() as unknown as Client, ch, 'n', { lines: (b) => got.push(...linesOf(b).map((l) => `${l.stream} ${l.text}`)), pgid: () => {} }, budget);
  out.push('line 1\n');
  out.push('line 2\n');
  await nextTurn();
  err.push('oops\n');
  await nextTurn();
  out.push('line 3\n');
  err.push(null);
  out.push(null);
  out.once('end', () => out.emit('close'));
  const outcome = await pumped;
  assert.equal(outcome.kind, 'closed');
  assert.deepEqual(got, ['stdout line 1', 'stdout line 2', 'stderr oops', 'stdout line 3']);
});

test('what waits for its turn is all handled when the channel closes', async () => {
  const { ch, out, err } = channel();
  const got: string[] = [];
  const pumped = pumpChannel(new EventEmitter() as unknown as Client, ch, 'n', { lines: (b) => got.push(...linesOf(b).map((l) => l.text)), pgid: () => {} }, new TurnBudget(0));
  for (let i = 1; i <= 50; i++) (i % 5 ? out : err).push(`${i}\n`);
  await nextTurn();
  ch.emit('close');
  await pumped;
  assert.deepEqual(got.map(Number), Array.from({ length: 50 }, (_, k) => k + 1).filter((i) => i % 5).concat([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]));
});

test('a run that reports done is over once the end of its stderr has come too, in whichever order; its channel is left open and paused for the next command', async () => {
  for (const errFirst of [false, true]) {
    const { ch, out, err } = channel();
    const got: string[] = [];
    const pumped = pumpChannel(new EventEmitter() as unknown as Client, ch, 'n', { lines: (b) => got.push(...linesOf(b).map((l) => `${l.stream} ${l.text}`)), pgid: () => {} }, new TurnBudget(5));
    let over = false;
    void pumped.then(() => (over = true));
    const stdout = (): void => void out.push('@@taskdeck:n:pgid:42\nline 1\n@@taskdeck:n:done:3\n');
    const stderr = (): void => void err.push('oops@@taskdeck:n:end\n');
    (errFirst ? stderr : stdout)();
    await nextTurn();
    assert.equal(over, false, 'half of the end is not the end');
    (errFirst ? stdout : stderr)();
    assert.deepEqual(await pumped, { kind: 'exit', code: 3, reusable: true });
    assert.deepEqual(got.sort(), ['stderr oops', 'stdout line 1']);
    assert.deepEqual([out.listenerCount('data'), err.listenerCount('data'), out.listenerCount('close'), out.isPaused(), err.isPaused()], [0, 0, 0, true, true]);
  }
});

test('a run whose channel closes after done but before the end of its stderr still ended with its status', async () => {
  const { ch, out } = channel();
  const pumped = pumpChannel(new EventEmitter() as unknown as Client, ch, 'n', { lines: () => {}, pgid: () => {} }, new TurnBudget(5));
  out.push('@@taskdeck:n:done:0\n');
  await nextTurn();
  ch.emit('close');
  assert.deepEqual(await pumped, { kind: 'exit', code: 0 });
});
