import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, csvRow } from '../../../shared/csv';

test('csv cells: RFC 4180 quoting, and formulas neutralised', () => {
  const cases: [unknown, string][] = [
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [42, '42'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-rf /', "'-rf /"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['a=b', 'a=b'],
    ['数据库 变更', '数据库 变更'],
    [{ a: 1, b: 'x,y' }, '"{""a"":1,""b"":""x,y""}"'],
  ];
  for (const [input, want] of cases) assert.equal(csvCell(input), want, JSON.stringify(input));
});

test('a csv row ends with CRLF and keeps empty cells', () => {
  assert.equal(csvRow(['a', null, 'b,c', '=x']), `a,,"b,c",'=x\r\n`);
});
