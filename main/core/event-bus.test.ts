import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Host } from '../../shared/domain/hosts';
import { EventBus } from './event-bus';

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };

test('a listener that throws is logged, and the others still get the event', () => {
  const logged: { message: string; fields?: Record<string, unknown> }[] = [];
  const bus = new EventBus(clock, (_level, message, fields) => logged.push({ message, ...(fields ? { fields } : {}) }));
  const got: string[] = [];
  bus.onDidEmit(() => {
    throw new Error('broken subscriber');
  });
  bus.onDidEmit((e) => got.push(e.type));
  bus.emit('host.deleted', { id: 1 });
  assert.deepEqual(got, ['host.deleted']);
  assert.equal(logged.length, 1);
  assert.match(logged[0]!.message, /host\.deleted/);
  assert.match(String(logged[0]!.fields?.error), /broken subscriber/);
});

test('a disposed listener gets nothing', () => {
  const bus = new EventBus(clock, () => assert.fail('nothing should be logged'));
  const got: unknown[] = [];
  const sub = bus.onDidEmit((e) => got.push(e));
  sub.dispose();
  bus.emit('host.changed', { host: {} as Host });
  assert.equal(got.length, 0);
  assert.equal(bus.listening, false);
});
