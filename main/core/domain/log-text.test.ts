import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogLine, LogStream } from '../../../shared/domain/instances';
import { LOG_TEXT_PIECE_CHARS, logText } from './log-text';

/** A stored log of `n` lines, read by window as the store does; counts the reads. */
function storedLog(n: number, textOf: (i: number) => string = (i) => `line ${i}`, streamOf: (i: number) => LogStream = () => 'stdout') {
  const reads: [number, number][] = [];
  const read = (from: number, limit: number): LogLine[] => {
    reads.push([from, limit]);
    const out: LogLine[] = [];
    for (let i = from; i < from + limit && i <= n; i++) out.push({ n: i, stream: streamOf(i), text: textOf(i), ts: '2026-01-01T00:00:00.000Z' });
    return out;
  };
  return { read, reads };
}

async function all(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

test('every line once, in order, each ending in a newline; system lines marked; read a page at a time', async () => {
  const log = storedLog(2500, (i) => `line ${i}`, (i) => (i % 1000 === 1 ? 'system' : i % 2 ? 'stderr' : 'stdout'));
  const text = (await all(logText(log.read, 2500, 1000))).join('');
  const lines = text.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 2500);
  assert.equal(lines[0], '# taskdeck: line 1');
  assert.equal(lines[1], 'line 2');
  assert.equal(lines[1000], '# taskdeck: line 1001');
  assert.equal(lines[2499], 'line 2500');
  assert.deepEqual(log.reads, [[1, 1000], [1001, 1000], [2001, 500]]);
});

test('pieces are cut after the line that passes the piece size, never inside a line', async () => {
  const long = 'x'.repeat(10_000);
  const pieces = await all(logText(storedLog(50, () => long).read, 50));
  assert.ok(pieces.length > 1);
  for (const p of pieces.slice(0, -1)) {
    assert.ok(p.length >= LOG_TEXT_PIECE_CHARS && p.length < LOG_TEXT_PIECE_CHARS + long.length + 1, `${p.length}`);
    assert.ok(p.endsWith('\n'));
  }
  assert.equal(pieces.join('').length, 50 * (long.length + 1));
});

test('an empty log yields nothing; a log that grows is read up to the total given at the start', async () => {
  assert.deepEqual(await all(logText(storedLog(0).read, 0)), []);
  const growing = storedLog(10_000);
  const text = (await all(logText(growing.read, 3, 2))).join('');
  assert.equal(text, 'line 1\nline 2\nline 3\n');
});
