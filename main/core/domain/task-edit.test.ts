import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editsByOthers } from '../../../shared/domain/tasks';
import { diffFields, foldEdit, showValue } from './task-edit';

test('an edit shows short values whole and long scripts as size, hash and first/last lines', () => {
  assert.equal(showValue('echo INJECTED; id'), 'echo INJECTED; id');
  assert.equal(showValue([1, 2]), '[1,2]');
  const script = ['BEGIN;', ...Array.from({ length: 5000 }, (_, i) => `UPDATE t SET n = ${i};`), 'COMMIT;'].join('\n');
  const shown = showValue(script);
  assert.ok(shown.length < 300, shown);
  assert.match(shown, /^5002 line\(s\), \d+ characters, sha256 [0-9a-f]{16}; first: BEGIN;; last: COMMIT;$/);
  assert.notEqual(showValue(script), showValue(script.replace('n = 17;', 'n = 18;')), 'a change in the middle changes the hash');
});

test('a diff names only the fields that changed', () => {
  const before = { command: 'echo hi', timeout: 10, binding_ids: [1], tag: 'a' };
  assert.deepEqual(diffFields(before, { command: 'echo INJECTED; id', timeout: 10, binding_ids: [1, 2], tag: undefined }, 'dev'), [
    { field: 'command', from: 'echo hi', to: 'echo INJECTED; id', by: 'dev' },
    { field: 'binding_ids', from: '[1]', to: '[1,2]', by: 'dev' },
  ]);
  assert.deepEqual(diffFields(before, { command: 'echo hi' }, 'dev'), []);
});

test('edits since a start fold: the start value stays "from", the newest editor is named, an edit back drops out', () => {
  const first = foldEdit(null, [{ field: 'command', from: 'a', to: 'b', by: 'dora' }], 'dora', 't1');
  assert.deepEqual(first, { by: 'dora', at: 't1', changes: [{ field: 'command', from: 'a', to: 'b', by: 'dora' }] });
  const second = foldEdit(first, [{ field: 'command', from: 'b', to: 'c', by: 'admin' }, { field: 'tag', from: '', to: 'x', by: 'admin' }], 'admin', 't2');
  assert.deepEqual(second!.changes, [{ field: 'command', from: 'a', to: 'c', by: 'admin' }, { field: 'tag', from: '', to: 'x', by: 'admin' }]);
  assert.equal(foldEdit(second, [{ field: 'command', from: 'c', to: 'a', by: 'x' }, { field: 'tag', from: 'x', to: '', by: 'x' }], 'x', 't3'), null);
  assert.equal(foldEdit(second, [], 'x', 't3'), second, 'an edit that changes nothing leaves the record as it was');
});

test('the starter must see the changes others made, even when they edited last', () => {
  const edit = { by: 'admin', at: 't', changes: [{ field: 'command', from: 'a', to: 'b', by: 'dora' }, { field: 'tag', from: '', to: 'x', by: 'admin' }] };
  assert.deepEqual(editsByOthers(edit, 'Admin').map((c) => c.field), ['command']);
  assert.deepEqual(editsByOthers(edit, 'dora').map((c) => c.field), ['tag']);
  assert.deepEqual(editsByOthers(null, 'admin'), []);
});
