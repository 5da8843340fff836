import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PLAIN_SCAN_MAX_BYTES, plainLineCount } from './plain-lines';

/** The rule, written plainly: a control byte other than tab, newline and ESC, or a line over `max`, is not plain. */
function reference(bytes: Uint8Array, max: number): number {
  let lines = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      if (i - start > max) return -1;
      start = i + 1;
      lines++;
    } else if ((b < 0x20 && b !== 0x09 && b !== 0x1b) || b === 0x7f) return -1;
  }
  return bytes.length - start > max ? -1 : lines;
}

test('plainLineCount: every byte value at every place and alignment, in whole vectors and in the tail', () => {
  for (let b = 0; b < 256; b++) {
    const control = (b < 0x20 && ![0x09, 0x0a, 0x1b].includes(b)) || b === 0x7f;
    for (const offset of [0, 1, 3]) {
      for (const length of [1, 15, 16, 17, 33, 40]) {
        for (const at of new Set([0, 1, 7, 15, 16, 31, length - 1].filter((i) => i < length))) {
          const bytes = new Uint8Array(new ArrayBuffer(64), offset, length).fill(0x78);
          bytes[at] = b;
          assert.equal(plainLineCount(bytes, 1000), control ? -1 : b === 0x0a ? 2 : 1, `byte 0x${b.toString(16)} at ${at} of ${length}, offset ${offset}`);
        }
      }
    }
  }
  assert.equal(plainLineCount(new Uint8Array(0), 10), 1);
});

test('plainLineCount: a line one byte over the limit is not plain, wherever it ends', () => {
  for (const before of [0, 5, 16, 17]) {
    for (const max of [3, 16, 40]) {
      const ok = Buffer.from(`${'a\n'.repeat(before)}${'x'.repeat(max)}\nz`);
      const over = Buffer.from(`${'a\n'.repeat(before)}${'x'.repeat(max + 1)}\nz`);
      const overLast = Buffer.from(`${'a\n'.repeat(before)}${'x'.repeat(max + 1)}`);
      assert.deepEqual([plainLineCount(ok, max), plainLineCount(over, max), plainLineCount(overLast, max)], [before + 2, -1, -1], `before ${before}, max ${max}`);
    }
  }
  assert.throws(() => plainLineCount(new Uint8Array(PLAIN_SCAN_MAX_BYTES + 1), 10), RangeError);
});

test('property: any bytes, any limit: the count the rule gives', () => {
  const byte = fc.oneof(fc.constantFrom(0x0a, 0x0a, 0x09, 0x1b, 0x0d, 0x00, 0x7f, 0x1f, 0x20), fc.integer({ min: 0x20, max: 0xff }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 200 }), fc.integer({ min: 0, max: 60 }), fc.boolean(), (list, max, allPlain) => {
      const bytes = Uint8Array.from(allPlain ? list.map((b) => (b < 0x20 && b !== 0x0a ? 0x41 : b === 0x7f ? 0x42 : b)) : list);
      assert.equal(plainLineCount(bytes, max), reference(bytes, max));
    }),
    { numRuns: 2000 },
  );
});
