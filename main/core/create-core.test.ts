import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createCore } from './create-core';

test('no part of the core listens on the outward event bus: internal consequences travel over signals wired in create-core', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-core-'));
  const core = await createCore({ dataDir: dir, healthIntervalMs: 0, schedulerTimers: false, log: () => {} });
  try {
    // The bus is for windows and clients; with none connected, nobody hears it.
    assert.equal(core.events.listening, false);
  } finally {
    await core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
