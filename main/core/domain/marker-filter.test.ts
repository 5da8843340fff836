import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter, linesOf } from './log-lines';
import { MarkerFilter } from './marker-filter';
import type { Marker } from './remote-script';

const N = 'n0nce';
const pgid = `@@taskdeck:${N}:pgid:4242\n`;
const exit = `@@taskdeck:${N}:exit:0\n`;

/** What the filter makes of a stdout byte stream cut into the given pieces. */
function run(pieces: readonly string[]): { lines: string[]; markers: Marker[]; markerBytes: number } {
  const markers: Marker[] = [];
  const f = new MarkerFilter(N, (m) => markers.push(m));
  const s = new LineSplitter('stdout');
  const blocks = pieces.flatMap((p) => f.take(s.push(Buffer.from(p))));
  blocks.push(...f.end(s.end()));
  return { lines: linesOf(blocks).map((l) => l.text), markers, markerBytes: f.markerBytes };
}

test('markers come out of stdout; the command output stays exactly as written', () => {
  const cases: [string, string[], string[]][] = [
    ['marker first, then output', [pgid, 'a\nb\n', exit], ['a', 'b']],
    ['the pgid marker inside a line: the line goes on after it', ['xxxx', pgid, 'yyyy\nnext\n', exit], ['xxxxyyyy', 'next']],
    ['inside a line, in one piece', [`12${pgid}345\n${exit}`], ['12345']],
    ['inside a line, the rest in a later piece', ['ab', pgid, 'c', 'd\n', exit], ['abcd']],
    ['inside the last line, which never ends', ['tail', pgid], ['tail']],
    ['a last line without newline before the exit marker stays a line', [pgid, 'a\nno newline', exit], ['a', 'no newline']],
    ['another run\'s marker is output', ['@@taskdeck:other:pgid:1\n', pgid, exit], ['@@taskdeck:other:pgid:1']],
  ];
  for (const [name, pieces, want] of cases) {
    const got = run(pieces);
    assert.deepEqual(got.lines, want, name);
    assert.deepEqual(got.markers.map((m) => m.kind), pieces.join('').includes(exit) ? ['pgid', 'exit'] : ['pgid'], name);
    // Exactly the markers' bytes (each with its newline) are not the command's: byte offsets stay true.
    assert.equal(got.markerBytes, pgid.length + (pieces.join('').includes(exit) ? exit.length : 0), name);
  }
});
