import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataDirFlag } from './command-line';

test('dataDirFlag reads --data-dir in both spellings, among Chromium switches', () => {
  const cases: [string[], string | undefined][] = [
    [['electron', 'main.cjs'], undefined],
    [['electron', '--inspect=0', 'main.cjs', '--data-dir=/tmp/a'], '/tmp/a'],
    [['electron', 'main.cjs', '--data-dir', '/tmp/b', '--other'], '/tmp/b'],
    [['Taskdeck', '--data-dir'], undefined],
    [['Taskdeck', '--data-dir', '--no-sandbox'], undefined],
    [['Taskdeck', '--data-dir='], undefined],
  ];
  for (const [argv, expected] of cases) assert.equal(dataDirFlag(argv), expected, argv.join(' '));
});
