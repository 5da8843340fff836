import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createCore } from '../create-core';

test('the first-run form gives a fresh console a safety net: failures of every task pop up on the desktop, once', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-defaults-'));
  const core = await createCore({ dataDir: dir, healthIntervalMs: 0, log: () => {} });
  t.after(async () => {
    await core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const setup = await core.dispatch('system.setup', { user_name: 'ada', password: 'ada-long-pass-91', nick_name: 'Ada', mobile: '', email: null }, undefined);
  assert.ok(setup.ok);
  const token = setup.data.token;
  const call = async <T>(op: Parameters<typeof core.dispatch>[0], input: unknown): Promise<T> => {
    const r = await core.dispatch(op, input as never, token);
    assert.ok(r.ok, JSON.stringify(r));
    return r.data as T;
  };
  const channels = await call<{ id: number; name: string; kind: string; enabled: boolean }[]>('channels.list', {});
  assert.deepEqual(channels.map((c) => [c.name, c.kind, c.enabled]), [['Desktop', 'desktop', true]]);
  const rules = await call<{ channel_id: number; task_name: string | null; events: string[]; enabled: boolean }[]>('alert-rules.list', {});
  assert.deepEqual(rules, [{ ...rules[0]!, channel_id: channels[0]!.id, task_name: null, events: ['failure', 'timeout', 'retries_exhausted'], enabled: true }]);
  const audit = await call<{ actor: string; action: string }[]>('audit.list', { actor: 'ada' });
  assert.deepEqual(audit.filter((e) => e.action.startsWith('alert_')).map((e) => e.action).sort(), ['alert_channel.created', 'alert_rule.created'], "made in the admin's name, in the audit");

  // Never twice, and never beside channels someone made.
  core.services.alerts.seedDefaults('ada');
  assert.equal((await call<unknown[]>('channels.list', {})).length, 1);
});
