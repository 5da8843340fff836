import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter } from './emitter';
import type { Logger } from './logger';

test('a listener that throws is logged with the signal name; the others still hear the value', () => {
  const logged: { level: string; message: string; error: unknown }[] = [];
  const log: Logger = (level, message, fields) => logged.push({ level, message, error: fields?.error });
  const e = new Emitter<number>('runs.onDidEndInstance', log);
  const heard: number[] = [];
  e.event(() => { throw new Error('boom'); });
  e.event((v) => heard.push(v));
  e.fire(7);
  assert.deepEqual(heard, [7]);
  assert.equal(logged.length, 1);
  assert.equal(logged[0]!.level, 'error');
  assert.match(logged[0]!.message, /runs\.onDidEndInstance/);
  assert.match(String(logged[0]!.error), /boom/);
});

test('a disposed subscription hears nothing more; the same function subscribed twice is two subscriptions', () => {
  const e = new Emitter<string>('x', () => {});
  const heard: string[] = [];
  const f = (v: string): void => void heard.push(v);
  const a = e.event(f);
  e.event(f);
  e.fire('one');
  a.dispose();
  e.fire('two');
  assert.deepEqual(heard, ['one', 'one', 'two']);
});
