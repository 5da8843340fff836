import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Rectangle } from 'electron';
import { DEFAULT_SIZE, fitToDisplays, readWindowState, type WindowState, writeWindowState } from './window-state';

const primary: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rectangle = { x: 1920, y: 0, width: 1280, height: 984 };
const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({ bounds: { x, y, width, height }, maximized });

test('fitToDisplays keeps visible bounds, pulls partly visible ones in, recentres lost ones', () => {
  const cases: [string, WindowState | null, readonly Rectangle[], WindowState][] = [
    ['first run: default size centred on the primary display', null, [primary], state(320, 110, DEFAULT_SIZE.width, DEFAULT_SIZE.height)],
    ['fully visible: unchanged', state(100, 50, 1200, 800), [primary, right], state(100, 50, 1200, 800)],
    ['maximized flag survives', state(100, 50, 1200, 800, true), [primary], state(100, 50, 1200, 800, true)],
    ['hanging off the right edge: moved in', state(1500, 100, 1200, 800), [primary], state(720, 100, 1200, 800)],
    ['on the second display: stays there', state(2000, 100, 1000, 700), [primary, right], state(2000, 100, 1000, 700)],
    ['second display unplugged: centred on the primary', state(2000, 100, 1000, 700), [primary], state(460, 170, 1000, 700)],
    ['larger than the display: shrunk to it', state(0, 0, 2500, 1400), [primary], state(0, 0, 1920, 1040)],
    ['a sliver visible is not visible', state(1900, 1020, 1000, 700), [primary], state(460, 170, 1000, 700)],
    ['tiny saved size: grown to the minimum', state(10, 10, 100, 100), [primary], state(10, 10, 800, 560)],
  ];
  for (const [name, saved, areas, expected] of cases) assert.deepEqual(fitToDisplays(saved, areas, primary), expected, name);
});

test('window state round-trips through its file; anything else reads as none', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-window-state-'));
  try {
    const file = path.join(dir, 'window-state.json');
    assert.equal(readWindowState(file), null);
    writeWindowState(file, state(-1200, 30, 1100, 700, true));
    assert.deepEqual(readWindowState(file), state(-1200, 30, 1100, 700, true));
    assert.deepEqual(fs.readdirSync(dir), ['window-state.json']);
    for (const bad of ['', '{', 'null', '[]', '{"bounds":{"x":1,"y":2,"width":0,"height":5}}', '{"bounds":{"x":"1","y":2,"width":3,"height":5}}']) {
      fs.writeFileSync(file, bad);
      assert.equal(readWindowState(file), null, bad);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
