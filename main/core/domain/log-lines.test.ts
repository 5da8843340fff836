import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { blockBytes, blockText, createMasker, hasControlBytes, LineSplitter, linesOf, MAX_LINE_CHARS, type LineBlock } from './log-lines';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

test('lines split across chunks, CRLF, and a last line without newline', () => {
  const s = new LineSplitter('stdout');
  assert.deepEqual(linesOf(s.push(enc('he'))).map((l) => l.text), []);
  assert.deepEqual(linesOf(s.push(enc('llo\r\nwor'))).map((l) => l.text), ['hello']);
  assert.equal(s.consumed, 7);
  assert.deepEqual(linesOf(s.push(enc('ld\n\n'))).map((l) => l.text), ['world', '']);
  assert.equal(s.consumed, 14);
  s.push(enc('tail'));
  assert.deepEqual(linesOf(s.end()).map((l) => l.text), ['tail']);
  assert.equal(s.consumed, 18);
});

test('multi-byte characters split between chunks survive; invalid UTF-8 and binary become visible replacements', () => {
  const s = new LineSplitter('stderr');
  const euro = Buffer.from('€\n');
  assert.deepEqual(s.push(euro.subarray(0, 1)), []);
  assert.deepEqual(linesOf(s.push(euro.subarray(1))).map((l) => l.text), ['€']);
  const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x0a]);
  assert.deepEqual(linesOf(s.push(binary)).map((l) => l.text), ['\ufffd\ufffd\ufffdA\u001b[31m']);
});

test('an ASCII chunk after one that ended inside a character goes through the decoder, so nothing is lost or moved', () => {
  const s = new LineSplitter('stdout');
  assert.deepEqual(s.push(Uint8Array.of(0xe2)), []); // the first byte of a three-byte character
  assert.deepEqual(linesOf(s.push(enc('A\n'))).map((l) => l.text), ['\ufffdA'], 'the broken character is replaced where it was');
  assert.deepEqual(s.push(Uint8Array.of(0xe2, 0x82)), []);
  assert.deepEqual(linesOf(s.push(Uint8Array.of(0xac, 0x0a))).map((l) => l.text), ['€']);
  assert.deepEqual(linesOf(s.push(enc('plain\n'))).map((l) => l.text), ['plain']);
  assert.deepEqual(linesOf(s.push(enc('é ok\nnext\n'))).map((l) => l.text), ['é ok', 'next']);
  assert.deepEqual(linesOf(s.end()), []);
});

test('carriage-return progress keeps the final state of the line', () => {
  const s = new LineSplitter('stdout');
  assert.deepEqual(linesOf(s.push(enc('10%\r50%\r100%\n'))).map((l) => l.text), ['100%']);
});

test('a giant line is cut into bounded pieces', () => {
  const s = new LineSplitter('stdout');
  const lines = linesOf(s.push(enc('x'.repeat(MAX_LINE_CHARS * 2 + 5))));
  assert.deepEqual(lines.map((l) => l.text.length), [MAX_LINE_CHARS, MAX_LINE_CHARS, 5]);
});

test('masker hides every secret, longest first', () => {
  const { mask } = createMasker(['s3cret', 's3cret-long', 'ab']);
  assert.equal(mask('pw=s3cret-long and s3cret; ab'), 'pw=**** and ****; ab');
  assert.equal(createMasker([]).mask('x'), 'x');
  // A secret of several lines is hidden line by line, and the line count never changes.
  assert.equal(createMasker(['line-one\nline-two']).mask('a line-one\nline-two b'), 'a ****\n**** b');
  // A secret with a control character is masked as it is stored (the control made visible).
  assert.equal(createMasker(['bell\u0007pw']).mask('x bell\ufffdpw'), 'x ****');
});

test('plain output comes out as one block per chunk, exactly as it came; anything else line by line', () => {
  const s = new LineSplitter('stdout');
  const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
  const [block, ...rest] = s.push(enc(`${text}\npartial`));
  assert.deepEqual([blockText(block!) === text, block?.count, rest.length, s.consumed], [true, 1000, 0, text.length + 1]);
  const plain = (b: LineBlock): object => ({ stream: b.stream, text: blockText(b), count: b.count });
  assert.deepEqual(s.push(enc('\n')).map(plain), [{ stream: 'stdout', text: 'partial', count: 1 }]);
  // A long line among short ones, or a control character, sends the chunk down the careful path: same lines.
  const long = `a\n${'y'.repeat(MAX_LINE_CHARS + 1)}\nb\n`;
  assert.deepEqual(linesOf(s.push(enc(long))).map((l) => l.text.length), [1, MAX_LINE_CHARS, 1, 1]);
  assert.deepEqual(linesOf(s.push(enc('ok\nbell\u0007\n'))).map((l) => l.text), ['ok', 'bell\ufffd']);
  assert.deepEqual(s.push(enc('\n')).map(plain), [{ stream: 'stdout', text: '', count: 1 }]);
});

/** What a run's sink does: lines from the splitter (guarded by the masker), each block masked. */
function storedLines(secrets: readonly string[], chunks: readonly Uint8Array[]): string[] {
  const masker = createMasker(secrets);
  const s = new LineSplitter('stdout', masker);
  const blocks = [...chunks.flatMap((c) => s.push(c)), ...s.end()];
  return linesOf(blocks.map(masker.maskBlock)).map((l) => l.text);
}

/** Cut `bytes` at the given points (any byte, even inside a character). */
function cutAt(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length));
}

test('the issue\'s leak: a secret right where the line limit cuts a long line is masked, in one chunk or byte by byte', () => {
  const secret = 'RunSecret-AAAA-1111';
  const line = 'A'.repeat(16_380) + secret;
  const bytes = enc(`${line}\n`);
  for (const chunks of [[bytes], cutAt(bytes, [16_382]), cutAt(bytes, [8000, 16_384, 16_390]), cutAt(bytes, Array.from({ length: 400 }, (_, i) => 16_000 + i))]) {
    const lines = storedLines([secret], chunks);
    assert.ok(!lines.some((l) => l.includes(secret)) && !lines.join('').includes('RunS') && !lines.join('').includes('ecret'), 'no part of the secret is stored');
    assert.equal(lines.join(''), `${'A'.repeat(16_380)}****`);
    assert.ok(lines.every((l) => l.length <= MAX_LINE_CHARS));
  }
});

test('property: any secrets, any text, any split points: no secret is stored, and the rest is stored as a whole-line mask would store it', () => {
  // Text from a small alphabet so secrets recur, cross chunk and line-limit boundaries, and overlap each other.
  const alphabet = fc.constantFrom('A', 'B', 'x', 'é', '€', ' ', '\n');
  const secretArb = fc.string({ unit: fc.constantFrom('A', 'B', 'x', 'é', '€', '-'), minLength: 4, maxLength: 40 }).filter((s) => !s.includes('*'));
  fc.assert(
    fc.property(
      fc.array(secretArb, { minLength: 1, maxLength: 3 }),
      fc.array(fc.oneof(fc.string({ unit: alphabet, maxLength: 60 }), fc.constant('A'.repeat(MAX_LINE_CHARS - 10)), fc.integer({ min: 0, max: 2 })), { maxLength: 12 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      (secrets, parts, points) => {
        // Parts are text, a long run of A's, or "a secret here" (an index into the secrets).
        const text = parts.map((p) => (typeof p === 'number' ? secrets[p % secrets.length]! : p)).join('');
        const lines = storedLines(secrets, cutAt(enc(text), points));
        for (const l of lines) {
          assert.ok(l.length <= MAX_LINE_CHARS);
          for (const s of secrets) assert.ok(!l.includes(s), `a stored line holds ${s}`);
        }
        // Pieces of one line are stored as lines of their own: compare with the line breaks taken out.
        const whole = text.split('\n').map(createMasker(secrets).mask).join('');
        assert.equal(lines.join(''), whole);
      },
    ),
    { numRuns: 300 },
  );
});

/** What a line is stored as, written plainly: what a terminal shows after the last CR, controls made visible. */
function storedAs(text: string): string[] {
  const raw = text.split('\n');
  if (raw.at(-1) === '') raw.pop();
  return raw.map((r) => {
    const line = r.endsWith('\r') ? r.slice(0, -1) : r;
    // eslint-disable-next-line no-control-regex
    return line.slice(line.lastIndexOf('\r') + 1).replace(/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g, '\ufffd');
  });
}

test('hasControlBytes: every byte value at every place and alignment, as the characters it decodes to', () => {
  for (let b = 0; b < 256; b++) {
    const control = (b < 0x20 && ![0x09, 0x0a, 0x1b].includes(b)) || b === 0x7f;
    for (const offset of [0, 1, 2, 3]) {
      for (const length of [1, 3, 4, 9, 40]) {
        for (const at of new Set([0, 1, Math.floor(length / 2), length - 1].filter((i) => i < length))) {
          const bytes = new Uint8Array(new ArrayBuffer(64), offset, length).fill(0x78);
          bytes[at] = b;
          assert.equal(hasControlBytes(bytes), control, `byte 0x${b.toString(16)} at ${at} of ${length}, offset ${offset}`);
        }
      }
    }
  }
  assert.equal(hasControlBytes(new Uint8Array(0)), false);
});

test('property: any bytes (controls, CR, ESC, tabs, multi-byte characters), any split points: the lines stored are the lines written', () => {
  const unit = fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', '\u001b', '\u0000', '\u0001', '\u000b', '\u001f', '\u007f', 'é', '€', '😀');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 12 }), (text, points) => {
      const s = new LineSplitter('stdout');
      const blocks: LineBlock[] = [...cutAt(enc(text), points).flatMap((c) => s.push(c)), ...s.end()];
      assert.deepEqual(linesOf(blocks).map((l) => l.text), storedAs(text));
      // Every block's bytes are the UTF-8 of its text (what is passed on as it came was valid), and counted as such.
      for (const b of blocks) assert.ok(Buffer.from(blockText(b), 'utf8').equals(b.bytes) && blockBytes(b) === b.bytes.length + 1, JSON.stringify(blockText(b)));
    }),
    { numRuns: 500 },
  );
});

test('plain output is passed on as the bytes that came (no copy, nothing decoded); a masked block is new bytes, an untouched one the same block', () => {
  const s = new LineSplitter('stdout');
  const chunk = Buffer.from('token abcd\nnext\nrest');
  const [plain] = s.push(chunk);
  assert.equal(plain!.bytes.buffer, chunk.buffer, 'a view of the chunk it came in');
  assert.deepEqual([blockText(plain!), blockBytes(plain!)], ['token abcd\nnext', 'token abcd\nnext'.length + 1]);
  const masker = createMasker(['abcd']);
  const masked = masker.maskBlock(plain!);
  assert.deepEqual([blockText(masked), masked.count], ['token ****\nnext', 2]);
  assert.equal(masker.maskBlock({ ...plain!, bytes: Buffer.from('nothing\nhere') }).bytes.toString(), 'nothing\nhere');
  const untouched = { ...plain!, bytes: Buffer.from('no secret') };
  assert.equal(masker.maskBlock(untouched), untouched);
  // A multi-byte character split between chunks: the line's bytes are joined, then passed on whole.
  const t = new LineSplitter('stdout');
  const euro = enc('€');
  t.push(euro.subarray(0, 1));
  const [after] = t.push(Buffer.concat([euro.subarray(1), enc('abc\n')]));
  assert.deepEqual([blockText(after!), blockBytes(after!)], ['€abc', Buffer.byteLength('€abc', 'utf8') + 1]);
});
