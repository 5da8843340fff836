import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ansiSpans, isDarkColor, readableColor } from './ansi-spans';

test('plain text is one span, untouched', () => {
  assert.deepEqual(ansiSpans('hello <b>world</b>', { dark: false }), [{ text: 'hello <b>world</b>' }]);
});

test('SGR colours and bold become inline styles; the escapes are gone', () => {
  const spans = ansiSpans('ok \u001b[1;31mFAILED\u001b[0m done', { dark: true });
  assert.equal(spans.map((s) => s.text).join(''), 'ok FAILED done');
  const failed = spans.find((s) => s.text === 'FAILED')!;
  assert.equal(failed.style?.fontWeight, 600);
  assert.match(String(failed.style?.color), /^rgb\(/);
  assert.equal(spans.find((s) => s.text === ' done')?.style, undefined);
});

test('colours stay readable on either theme', () => {
  assert.equal(readableColor('0, 0, 0', false), 'rgb(0, 0, 0)');
  assert.notEqual(readableColor('0, 0, 0', true), 'rgb(0, 0, 0)');
  assert.notEqual(readableColor('255, 255, 255', false), 'rgb(255, 255, 255)');
  assert.equal(readableColor('255, 255, 255', true), 'rgb(255, 255, 255)');
});

test('a search term is marked case-insensitively, inside coloured runs too', () => {
  const spans = ansiSpans('Oops and \u001b[31moops\u001b[0m', { dark: false, highlight: 'OOPS' });
  assert.deepEqual(spans.filter((s) => s.mark).map((s) => s.text), ['Oops', 'oops']);
  assert.equal(spans.map((s) => s.text).join(''), 'Oops and oops');
});

test('isDarkColor reads the theme background: hex, short hex, rgb and rgba', () => {
  assert.equal(isDarkColor('#141414'), true);
  assert.equal(isDarkColor('#ffffff'), false);
  assert.equal(isDarkColor('#fff'), false);
  assert.equal(isDarkColor('rgb(20, 20, 20)'), true);
  assert.equal(isDarkColor('rgba(250, 250, 250, 0.9)'), false);
  assert.equal(isDarkColor('transparent'), false);
});
