import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogLine } from '../../../shared/domain/instances';
import { LogWindowCache, windowOf, windowStart } from './log-window-cache';

const lines = (from: number, to: number): LogLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ n: from + i, stream: 'stdout', text: `line ${from + i}`, ts: '2024-01-01T00:00:00Z' }));

test('window arithmetic', () => {
  assert.deepEqual([windowOf(1), windowOf(1000), windowOf(1001), windowOf(1_000_000)], [0, 0, 1, 999]);
  assert.deepEqual([windowStart(0), windowStart(1), windowStart(999)], [1, 1001, 999_001]);
});

test('only the windows in view are wanted, each once while it loads', () => {
  const c = new LogWindowCache();
  assert.deepEqual(c.wanted(1, 60, 0), []);
  assert.deepEqual(c.wanted(990, 1050, 1_000_000), [0, 1]);
  c.begin(0);
  c.begin(1);
  assert.deepEqual(c.wanted(990, 1050, 1_000_000), []);
  c.fill(0, lines(1, 1000), 1_000_000);
  assert.equal(c.line(990)?.text, 'line 990');
  assert.equal(c.line(1001), undefined);
  // A view deep in a million lines wants one window, not everything before it.
  assert.deepEqual(c.wanted(654_300, 654_360, 1_000_000), [654]);
});

test('a partial last window of a running log is fetched again only once the log has grown past it', () => {
  const c = new LogWindowCache();
  c.begin(0);
  c.fill(0, lines(1, 300), 300);
  assert.deepEqual(c.wanted(250, 310, 300), []);
  assert.deepEqual(c.wanted(250, 310, 320), [0]);
});

test('live lines extend loaded windows; a skipped range is a hole to refetch', () => {
  const c = new LogWindowCache();
  c.begin(0);
  c.fill(0, lines(1, 300), 300);
  assert.deepEqual(c.append(lines(301, 400)), []);
  assert.equal(c.line(400)?.text, 'line 400');
  assert.deepEqual(c.append(lines(450, 460)), [0]);
  // Lines of windows not held are not kept (they are fetched when scrolled to).
  assert.deepEqual(c.append(lines(5001, 5002)), []);
  assert.equal(c.line(5001), undefined);
  // The refetch fills the hole; the live lines already there stay.
  c.begin(0);
  c.fill(0, lines(1, 449), 460);
  assert.equal(c.line(455)?.text, 'line 455');
  assert.deepEqual(c.wanted(400, 460, 460), []);
});

test('failed windows wait for a retry; least recently used windows are evicted past the bound', () => {
  const c = new LogWindowCache(3);
  c.begin(0);
  c.fail(0, 'boom');
  assert.equal(c.error(5), 'boom');
  assert.deepEqual(c.wanted(1, 10, 5000), []);
  c.retry();
  assert.deepEqual(c.wanted(1, 10, 5000), [0]);
  for (const k of [1, 2, 3, 4]) {
    c.begin(k);
    c.fill(k, lines(windowStart(k), windowStart(k) + 999), 5000);
  }
  assert.equal(c.size, 3);
  assert.equal(c.line(1001), undefined);
  assert.equal(c.line(4001)?.text, 'line 4001');
});
