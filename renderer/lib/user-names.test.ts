import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownName } from './user-names';

const users = [
  { user_name: 'dora', nick_name: 'Dora Wang' },
  { user_name: 'ed', nick_name: '' },
  { user_name: 'li', nick_name: '  ' },
  { user_name: 'same', nick_name: 'same' },
];

test('a display name is shown with the user name kept for hover; without one, the user name alone', () => {
  assert.deepEqual(shownName(users, 'dora'), { shown: 'Dora Wang', userName: 'dora' });
  assert.deepEqual(shownName(users, 'ed'), { shown: 'ed', userName: null });
  assert.deepEqual(shownName(users, 'li'), { shown: 'li', userName: null }, 'blank display names are no names');
  assert.deepEqual(shownName(users, 'same'), { shown: 'same', userName: null });
});

test('an unknown user (deleted, or a reviewer of another console) keeps the recorded user name', () => {
  assert.deepEqual(shownName(users, 'ghost'), { shown: 'ghost', userName: null });
  assert.deepEqual(shownName([], 'constructor'), { shown: 'constructor', userName: null });
});
