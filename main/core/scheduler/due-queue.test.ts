import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DueQueue } from './due-queue';

test('pops due keys in order; re-setting a key replaces it; deleted keys never pop', () => {
  const q = new DueQueue<string>();
  q.set('a', 30);
  q.set('b', 10);
  q.set('c', 20);
  q.set('a', 5);
  q.delete('c');
  assert.equal(q.peek(), 5);
  assert.deepEqual(q.popDue(25), [{ key: 'a', due: 5 }, { key: 'b', due: 10 }]);
  assert.equal(q.peek(), undefined);
  assert.equal(q.size, 0);
});

test('random order stress against a sort', () => {
  const q = new DueQueue<number>();
  const dues = Array.from({ length: 2000 }, (_, i) => [i, Math.floor(Math.random() * 1e6)] as const);
  for (const [k, d] of dues) q.set(k, d);
  const popped = q.popDue(Infinity).map((e) => e.due);
  assert.deepEqual(popped, dues.map(([, d]) => d).sort((a, b) => a - b));
});
