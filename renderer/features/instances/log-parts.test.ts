import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastPartStart, lineClock, partStart } from './log-parts';

test('the last part ends at the log\'s end and is full: jumping to the end shows a screenful, not one line', () => {
  const P = 1000;
  // A log one line past a part boundary: the end used to open a part holding only line 1001.
  assert.equal(lastPartStart(1001, P), 1);
  assert.equal(partStart(1001, 1001, P), 1, 'the end: lines 2–1001');
  assert.equal(partStart(1001, 1001, P) + P, 1001);
  assert.equal(partStart(1, 1001, P), 0);
  assert.equal(partStart(500, 1001, P), 0);
  assert.equal(partStart(20_000, 20_000, P), 19_000, 'lines 19,001–20,000');
  assert.equal(partStart(2500, 20_000, P), 2000, 'away from the end, parts are multiples of the part size');
  // short logs are one part
  for (const n of [1, 7, 20]) assert.equal(partStart(n, 20, P), 0);
  assert.equal(lastPartStart(0, P), 0);
  // every line lies inside the part that shows it
  for (const total of [1, 999, 1000, 1001, 2999, 3000, 3001]) {
    for (let n = 1; n <= total; n += 37) {
      const s = partStart(n, total, P);
      assert.ok(n > s && n <= s + P, `line ${n} of ${total} in part from ${s}`);
    }
  }
});

test('a line\'s time to the millisecond, nothing for a bad one', () => {
  const t = new Date(2026, 0, 2, 3, 4, 5, 6).toISOString();
  assert.equal(lineClock(t), '03:04:05.006');
  assert.equal(lineClock('not a time'), '');
});
