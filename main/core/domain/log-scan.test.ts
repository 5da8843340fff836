import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileLogScan, logScanSource } from '../../../scripts/build-wasm.mjs';
import { hasControlBytes } from './log-lines';

test('log-scan-wasm.ts holds what log-scan.wat compiles to (run `npm run build:wasm` after editing the .wat)', async () => {
  const source = logScanSource(await compileLogScan());
  assert.equal(fs.readFileSync(new URL('./log-scan-wasm.ts', import.meta.url), 'utf8'), source);
});

/** The rule, a byte at a time: what the scanner must agree with. */
const isControl = (b: number): boolean => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x1b) || b === 0x7f;

test('the scanner finds a control byte in every lane of every 64-byte block, across the 64 KiB pieces it copies, and nothing in clean bytes', () => {
  for (const length of [15, 16, 17, 63, 64, 65, 127, 129, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000]) {
    const clean = new Uint8Array(length).fill(0x61);
    assert.equal(hasControlBytes(clean), false, `clean ${length}`);
    const places = new Set([0, 1, 15, 16, 31, 47, 48, 63, length - 1, length >> 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 63].filter((i) => i < length));
    for (const at of places) {
      for (const b of [0x00, 0x01, 0x08, 0x0b, 0x0d, 0x1a, 0x1c, 0x1f, 0x7f]) {
        const bytes = clean.slice();
        bytes[at] = b;
        assert.equal(hasControlBytes(bytes), true, `0x${b.toString(16)} at ${at} of ${length}`);
      }
    }
  }
});

test('a clean piece scanned after a dirty one is not held against it (the memory left from before never counts)', () => {
  const dirty = new Uint8Array(1000).fill(0x01);
  assert.equal(hasControlBytes(dirty), true);
  assert.equal(hasControlBytes(new Uint8Array(10).fill(0x41)), false, 'bytes past the end are the spaces put there, not what the last call left');
});

test('property: the scanner agrees with the rule byte by byte for any bytes at any offset', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(7), fc.integer({ min: 0x20, max: 0xff }), (raw, offset, filler) => {
      // Mostly clean bytes with the generated ones among them: both answers are met often.
      const bytes = new Uint8Array(new ArrayBuffer(raw.length + offset + 200), offset, raw.length + 200).fill(filler === 0x7f ? 0x20 : filler);
      bytes.set(raw.map((b) => (b % 3 === 0 ? b : 0x41 + (b % 26))), 100);
      assert.equal(hasControlBytes(bytes), bytes.some(isControl));
    }),
    { numRuns: 500 },
  );
});
