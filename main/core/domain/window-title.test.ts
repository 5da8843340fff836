import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitingFromTitle, windowTitle } from '../../../shared/domain/window-title';

test('the title carries how many approvals wait, and nothing when none or unknown', () => {
  assert.equal(windowTitle(3), '(3) Taskdeck');
  assert.equal(windowTitle(0), 'Taskdeck');
  assert.equal(windowTitle(null), 'Taskdeck');
  assert.equal(windowTitle(-2), 'Taskdeck');
  assert.equal(windowTitle(150), '(99+) Taskdeck');
});

test('the shell reads the same count back from the title', () => {
  for (const n of [1, 7, 42, 99]) assert.equal(waitingFromTitle(windowTitle(n)), n);
  assert.equal(waitingFromTitle(windowTitle(150)), 100);
  assert.equal(waitingFromTitle(windowTitle(0)), 0);
});

test('a title that only looks like a count does not set the badge', () => {
  for (const t of ['Taskdeck', '(3)Taskdeck', '3 Taskdeck', '(abc) Taskdeck', '(123) Taskdeck', '(-1) Taskdeck', '', ' (3) Taskdeck']) {
    assert.equal(waitingFromTitle(t), 0, t);
  }
});
