import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkBody, tailLines, toChunks, type LogChunk, type TimedBlock } from './log-chunks';

const block = (stream: TimedBlock['stream'], from: number, count: number, tsMs: number): TimedBlock => ({
  stream, count, tsMs, bytes: Buffer.from(Array.from({ length: count }, (_, i) => `${stream[0]}${from + i}`).join('\n')),
});
const lines = (c: LogChunk): string[] => chunkBody(c).toString('utf8').split('\n');
const byLines = (n: number) => ({ lines: n, bytes: Infinity });

test('toChunks: blocks gathered whole into chunks of at most N lines (only a longer block is cut), in order, with streams and time offsets per line', () => {
  const blocks = [block('stdout', 1, 5, 1000), block('stderr', 6, 1, 1003), block('stdout', 7, 2, 1010), block('stdout', 9, 4, 1015), { stream: 'system' as const, bytes: Buffer.alloc(0), count: 1, tsMs: 1020 }];
  const chunks = toChunks(blocks, byLines(4));
  // 5 lines: cut 4 + 1; the 1 joins the next block and the one after (1 + 1 + 2); 4 would pass 4, so it starts a chunk; the system line too.
  assert.deepEqual(chunks.map((c) => c.count), [4, 4, 4, 1]);
  assert.deepEqual(chunks.map(lines), [['s1', 's2', 's3', 's4'], ['s5', 's6', 's7', 's8'], ['s9', 's10', 's11', 's12'], ['']]);
  assert.deepEqual(chunks.map((c) => c.streams), ['oooo', 'oeoo', 'oooo', 's']);
  assert.deepEqual(chunks.map((c) => [c.tsBase, c.tsDeltas]), [[1000, '0,0,0,0'], [1000, '0,3,10,10'], [1015, '0,0,0,0'], [1020, '0']]);
  // A block is never cut to fill a chunk: 3 + 3 lines under a limit of 4 are two chunks of 3, each one block as it came.
  const whole = [block('stdout', 1, 3, 1), block('stdout', 4, 3, 2)];
  const two = toChunks(whole, byLines(4));
  assert.deepEqual(two.map((c) => c.count), [3, 3]);
  assert.deepEqual(two[1]!.parts, [whole[1]!.bytes], 'the block\'s own bytes, not a copy');
  assert.equal(two[1]!.parts[0], whole[1]!.bytes);
  // Every line exactly once, whatever the chunk size.
  for (const size of [1, 2, 3, 5, 512]) {
    const all = toChunks(blocks, byLines(size)).flatMap(lines);
    assert.equal(all.length, 13, `size ${size}`);
    assert.equal(toChunks(blocks, byLines(size)).every((c) => c.count <= size && c.streams.length === c.count && c.tsDeltas.split(',').length === c.count), true);
  }
  assert.deepEqual(toChunks([], byLines(4)), []);
});

test('tailLines: the last N lines one by one, across blocks', () => {
  const blocks = [block('stdout', 1, 3, 1), block('stderr', 4, 2, 2)];
  assert.deepEqual(tailLines(blocks, 3).map((l) => [l.stream, l.text, l.tsMs]), [['stdout', 's3', 1], ['stderr', 's4', 2], ['stderr', 's5', 2]]);
  assert.equal(tailLines(blocks, 10).length, 5);
  assert.deepEqual(tailLines(blocks, 1).map((l) => l.text), ['s5']);
  assert.deepEqual(tailLines([{ stream: 'stdout', bytes: Buffer.alloc(0), count: 1, tsMs: 0 }], 5).map((l) => l.text), ['']);
});

test('toChunks: a chunk also closes before a block that would take it past its bytes; bodies are the lines\' bytes joined by newlines', () => {
  const b = (text: string, tsMs = 0): TimedBlock => ({ stream: 'stdout', count: text.split('\n').length, tsMs, bytes: Buffer.from(text) });
  const chunks = toChunks([b('aaaa\nbb'), b('cc'), b('dddddd'), b('é')], { lines: 100, bytes: 10 });
  // 7 bytes, then "\ncc" makes 10: one chunk; "\ndddddd" would pass 10; "\né" (3 bytes) fits after it.
  assert.deepEqual(chunks.map((c) => chunkBody(c).toString()), ['aaaa\nbb\ncc', 'dddddd\né']);
  assert.deepEqual(chunks.map((c) => c.count), [3, 2]);
  // A block over the byte limit alone is still stored whole.
  assert.deepEqual(toChunks([b('x'.repeat(50)), b('y')], { lines: 100, bytes: 10 }).map((c) => c.bytes), [50, 1]);
});
