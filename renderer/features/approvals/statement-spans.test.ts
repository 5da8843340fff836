import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leadingTrivia, scriptSegments, subtypeCounts } from './statement-spans';

const script = "-- fix\nUPDATE a SET n = 'x;y' WHERE id = 1;\nDELETE FROM s;\n";
const upd = { start: 7, end: script.indexOf(';\nDELETE') + 1, subtype: 'UPDATE' as const };
const del = { start: script.indexOf('DELETE'), end: script.lastIndexOf(';') + 1, subtype: 'DELETE' as const };

test('statements and the text between them cover the script exactly once, in order', () => {
  const segs = scriptSegments(script, [upd, del]);
  assert.equal(segs.map((s) => s.text).join(''), script);
  assert.deepEqual(
    segs.map((s) => [s.text, s.statement?.subtype ?? null]),
    [
      ['-- fix\n', null],
      ["UPDATE a SET n = 'x;y' WHERE id = 1;", 'UPDATE'],
      ['\n', null],
      ['DELETE FROM s;', 'DELETE'],
      ['\n', null],
    ],
  );
  assert.deepEqual(segs.filter((s) => s.statement).map((s) => s.statement!.index), [0, 1]);
});

test('spans given out of order keep their own index', () => {
  const segs = scriptSegments(script, [del, upd]);
  assert.equal(segs.map((s) => s.text).join(''), script);
  assert.deepEqual(segs.filter((s) => s.statement).map((s) => [s.statement!.subtype, s.statement!.index]), [['UPDATE', 1], ['DELETE', 0]]);
});

test('bad spans never repeat or lose text', () => {
  const cases = [
    [{ start: -5, end: 3, subtype: 'OTHER' as const }],
    [{ start: 2, end: 999, subtype: 'OTHER' as const }],
    [{ start: 4, end: 4, subtype: 'OTHER' as const }],
    [{ start: 9, end: 2, subtype: 'OTHER' as const }],
    [upd, { start: upd.start + 3, end: upd.end + 5, subtype: 'SELECT' as const }],
  ];
  for (const spans of cases) assert.equal(scriptSegments(script, spans).map((s) => s.text).join(''), script, JSON.stringify(spans));
  assert.deepEqual(scriptSegments('', [upd]), []);
  assert.deepEqual(scriptSegments('SELECT 1', []), [{ text: 'SELECT 1' }]);
});

test('counts per kind, first appearance first', () => {
  assert.deepEqual(subtypeCounts([{ subtype: 'DELETE' }, { subtype: 'UPDATE' }, { subtype: 'DELETE' }]), [
    { subtype: 'DELETE', count: 2 },
    { subtype: 'UPDATE', count: 1 },
  ]);
});

test('comments a statement starts with are plain text, not part of the mark', () => {
  const withComment = { start: 0, end: upd.end, subtype: 'UPDATE' as const };
  const segs = scriptSegments(script, [withComment]);
  assert.equal(segs.map((s) => s.text).join(''), script);
  assert.deepEqual(segs.slice(0, 2), [{ text: '-- fix\n' }, { text: "UPDATE a SET n = 'x;y' WHERE id = 1;", statement: { index: 0, subtype: 'UPDATE' } }]);
  assert.equal(leadingTrivia('  /* a */ -- b\n# c\nSELECT 1'), '  /* a */ -- b\n# c\n'.length);
  assert.equal(leadingTrivia('SELECT 1 -- x'), 0);
  const onlyComment = scriptSegments('-- nothing', [{ start: 0, end: 10, subtype: 'OTHER' }]);
  assert.deepEqual(onlyComment, [{ text: '-- nothing', statement: { index: 0, subtype: 'OTHER' } }]);
});
