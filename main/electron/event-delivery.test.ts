import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyAppEvent } from '../../shared/api/events';
import { type EventBatch, EventDelivery } from './event-delivery';

function harness(limits = { maxInFlight: 2, maxPendingBytes: 10_000 }) {
  const sent: EventBatch[] = [];
  const queued: (() => void)[] = [];
  const delivery = new EventDelivery(
    { send: (b) => sent.push(b), later: (fn) => (queued.push(fn), { dispose: () => queued.splice(queued.indexOf(fn), 1) }) },
    limits,
  );
  /** Run the turns scheduled so far (what setImmediate would do). */
  const turn = (): void => {
    for (const fn of queued.splice(0)) fn();
  };
  return { delivery, sent, turn };
}

const event = (i: number, size = 10): AnyAppEvent => ({ type: 'groups.changed', data: { reason: `${i}:${'x'.repeat(size)}` }, ts: '' });

test('the events of one turn go in one batch, in order', () => {
  const { delivery, sent, turn } = harness();
  for (let i = 0; i < 5; i++) delivery.push(event(i));
  assert.equal(sent.length, 0);
  turn();
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0]!.events.map((e) => (e.data as { reason: string }).reason.split(':')[0]), ['0', '1', '2', '3', '4']);
  assert.equal(sent[0]!.resync, false);
});

test('a page that stops acknowledging gets no more than maxInFlight batches; what waits is bounded; then it is told to resync', () => {
  const { delivery, sent, turn } = harness({ maxInFlight: 2, maxPendingBytes: 10_000 });
  for (let i = 0; i < 1000; i++) {
    delivery.push(event(i, 1000));
    turn();
    assert.ok(delivery.stats().pendingBytes <= 10_000, `waiting ${delivery.stats().pendingBytes} bytes`);
  }
  assert.equal(sent.length, 2, 'two batches out, none acknowledged');
  assert.ok(delivery.stats().droppedEvents > 900);
  delivery.ack(2);
  turn();
  assert.equal(sent.length, 3);
  assert.equal(sent[2]!.resync, true, 'the page is told it missed events');
  assert.ok(sent[2]!.events.length < 10);
});

test('a page that keeps up misses nothing and is never told to resync', () => {
  const { delivery, sent, turn } = harness({ maxInFlight: 1, maxPendingBytes: 10_000 });
  for (let i = 0; i < 200; i++) {
    delivery.push(event(i, 500));
    turn();
    delivery.ack(sent.length);
  }
  turn();
  assert.equal(sent.flatMap((b) => b.events).length, 200);
  assert.ok(sent.every((b) => !b.resync));
  assert.equal(delivery.stats().droppedEvents, 0);
});

test('acks that are not ours are ignored; a reload clears what was in flight', () => {
  const { delivery, sent, turn } = harness({ maxInFlight: 1, maxPendingBytes: 10_000 });
  delivery.push(event(1));
  turn();
  delivery.push(event(2));
  delivery.ack(99); // never sent
  delivery.ack(Number.NaN);
  turn();
  assert.equal(sent.length, 1);
  delivery.reset();
  delivery.push(event(3));
  turn();
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1]!.events.map((e) => (e.data as { reason: string }).reason.split(':')[0]), ['3']);
});
