import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogLine } from '../../shared/domain/instances';
import { emptyTail, mergeTail } from './log-tail';

const lines = (from: number, to: number): LogLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ n: from + i, stream: 'stdout', text: `line ${from + i}`, ts: '2024-01-01T00:00:00Z' }));

test('contiguous events append and the tail keeps only the last lines', () => {
  let { tail, gap } = mergeTail(emptyTail, lines(1, 3), 3, 5);
  assert.equal(gap, null);
  ({ tail, gap } = mergeTail(tail, lines(4, 8), 8, 5));
  assert.equal(gap, null);
  assert.deepEqual(tail.lines.map((l) => l.n), [4, 5, 6, 7, 8]);
  assert.equal(tail.total, 8);
});

test('an event beyond what we have + 1 leaves a gap to fetch, inside the kept part only', () => {
  const a = mergeTail(emptyTail, lines(1, 2), 2, 10);
  const b = mergeTail(a.tail, lines(7, 8), 8, 10);
  assert.deepEqual(b.gap, { from: 3, to: 6 });
  const c = mergeTail(a.tail, lines(100, 101), 101, 10);
  assert.deepEqual(c.gap, { from: 92, to: 99 });
  // The fetched gap fills it; repeats are harmless.
  const d = mergeTail(b.tail, lines(2, 6), 8, 10);
  assert.equal(d.gap, null);
  assert.deepEqual(d.tail.lines.map((l) => l.n), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('a total that grew without lines (missed events) is a gap; lines arriving out of order land in place', () => {
  const a = mergeTail(emptyTail, [], 4, 10);
  assert.deepEqual(a.gap, { from: 1, to: 4 });
  const b = mergeTail(a.tail, [...lines(3, 4), ...lines(1, 2)].reverse(), 4, 10);
  assert.equal(b.gap, null);
  assert.deepEqual(b.tail.lines.map((l) => l.n), [1, 2, 3, 4]);
  // An older, smaller total never shrinks the tail.
  assert.equal(mergeTail(b.tail, [], 2, 10).tail.total, 4);
});
