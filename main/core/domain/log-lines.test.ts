import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMasker, LineSplitter, linesOf, MAX_LINE_CHARS } from './log-lines';

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
  const mask = createMasker(['s3cret', 's3cret-long', 'ab']);
  assert.equal(mask('pw=s3cret-long and s3cret; ab'), 'pw=**** and ****; ab');
  assert.equal(createMasker([])('x'), 'x');
  // A secret of several lines is hidden line by line, and the line count never changes.
  assert.equal(createMasker(['line-one\nline-two'])('a line-one\nline-two b'), 'a ****\n**** b');
});

test('plain output comes out as one block per chunk, exactly as it came; anything else line by line', () => {
  const s = new LineSplitter('stdout');
  const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
  const [block, ...rest] = s.push(enc(`${text}\npartial`));
  assert.deepEqual([block?.text === text, block?.count, rest.length, s.consumed], [true, 1000, 0, text.length + 1]);
  assert.deepEqual(s.push(enc('\n')), [{ stream: 'stdout', text: 'partial', count: 1 }]);
  // A long line among short ones, or a control character, sends the chunk down the careful path: same lines.
  const long = `a\n${'y'.repeat(MAX_LINE_CHARS + 1)}\nb\n`;
  assert.deepEqual(linesOf(s.push(enc(long))).map((l) => l.text.length), [1, MAX_LINE_CHARS, 1, 1]);
  assert.deepEqual(linesOf(s.push(enc('ok\nbell\u0007\n'))).map((l) => l.text), ['ok', 'bell\ufffd']);
  assert.deepEqual(s.push(enc('\n')), [{ stream: 'stdout', text: '', count: 1 }]);
});
