import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { menuKeyOf } from './menu-key';

const keys = ['dashboard', 'tasks', 'hosts', 'groups', 'settings'];
const navKeyOf = (segment: string | undefined): string => menuKeyOf(keys, segment);

describe('menuKeyOf', () => {
  it('selects the menu entry of a page in the menu', () => {
    assert.equal(navKeyOf('hosts'), 'hosts');
    assert.equal(navKeyOf('bindings'), 'groups');
    assert.equal(navKeyOf(undefined), 'dashboard');
  });

  it('selects nothing on pages outside the menu, not the dashboard', () => {
    for (const segment of ['keys', 'reviews', 'nope', '']) assert.equal(navKeyOf(segment), '', segment);
  });
});
