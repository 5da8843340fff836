import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSshd, type SshdFixture } from '../../e2e/fixtures/sshd';
import type { Harness } from '../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from './http-server';

let sshd: SshdFixture;
let s: ServerHarness;
let h: Harness;
let server: RunningServer;
let hostId: number;

before(async () => {
  sshd = await startSshd();
  s = await startServerHarness();
  ({ h, server } = s);
  hostId = await h.trustedHost(sshd, 'db-1', '127.0.0.1', 21);
});
after(async () => {
  await s.dispose();
  await sshd.dispose();
});

const api = (method: string, p: string, body?: unknown): Promise<Response> => s.api(method, p, body, s.admin);

test('POST /runs → 201 with string snowflake ids; list, window, download, cancel of a finished run → 409', async () => {
  const bad = await api('POST', '/runs', { targets: {}, command: 'true' });
  assert.equal(bad.status, 400);
  const missing = await api('POST', '/runs', { targets: { host_ids: [999] }, command: 'true' });
  assert.equal(missing.status, 404);

  const r = await api('POST', '/runs', { targets: { host_ids: [hostId] }, command: 'printf "a\\nb\\n"; echo oops >&2' });
  assert.equal(r.status, 201);
  const body = (await r.json()) as { run_id: string; instances: { id: string }[] };
  const id = body.instances[0]!.id;
  assert.equal(typeof id, 'string');
  assert.ok(BigInt(id) > 2n ** 53n, 'ids exceed what a JS number holds exactly');
  await h.waitInstance(id, (i) => i.status === 2);

  const list = (await (await api('GET', `/instances?host_id=${hostId}&status=2&per_page=10`)).json()) as { items: { id: string }[]; total: number };
  assert.equal(list.total, 1);
  assert.equal(list.items[0]!.id, id);
  const win = (await (await api('GET', `/instances/${id}/log?from_line=1&limit=50`)).json()) as { lines: { stream: string; text: string }[]; complete: boolean };
  assert.equal(win.complete, true);
  assert.deepEqual(win.lines.filter((l) => l.stream !== 'system').map((l) => l.text).sort(), ['a', 'b', 'oops']);
  const dl = await api('GET', `/instances/${id}/log.txt`);
  assert.equal(dl.status, 200);
  const text = await dl.text();
  assert.match(text, /^# taskdeck: connected to db-1/m);
  assert.match(text, /^a\nb$/m);
  assert.equal((await fetch(`${server.url}/api/v1/instances/${id}/log.txt`)).status, 401);
  assert.equal((await api('POST', `/instances/${id}/cancel`, {})).status, 409);
  assert.equal((await api('GET', '/instances/123')).status, 404);
  assert.equal((await api('GET', '/instances/abc')).status, 400);
});

test('tasks over REST: 201 Stopped with check result, 409 naming the stage, DELETE ?force=true, YAML and cron preview', async () => {
  const g = (await (await api('POST', '/groups', { name: 'ops' })).json()) as { id: number };
  const b = (await (await api('POST', '/bindings', { name: 'ops-db', group_id: g.id, executor_id: hostId })).json()) as { id: number };
  const created = await api('POST', '/tasks', { name: 'vacuum', command: 'sleep 20', cron_expression: '0 3 * * *', frequency: { mode: 'repeat', time_zone: 'Europe/Berlin' }, binding_ids: [b.id] });
  assert.equal(created.status, 201);
  const body = (await created.json()) as { task: { stage: string }; check_result: { errors: unknown[]; warnings: { field: string }[] } };
  assert.equal(body.task.stage, 'Stopped');
  assert.deepEqual(body.check_result.errors, []);
  assert.ok(body.check_result.warnings.some((w) => w.field === 'timeout'));
  const check = (await (await api('POST', '/tasks/check', { name: 'x', command: '', cron_expression: 'nope', binding_ids: [999] })).json()) as { errors: { field: string }[] };
  assert.deepEqual(check.errors.map((e) => e.field).sort(), ['binding_ids', 'command', 'cron_expression']);
  assert.equal((await api('POST', '/tasks', { name: 'vacuum', command: 'x' })).status, 409);
  assert.equal((await api('POST', '/tasks', { name: 'bad name!', command: 'x' })).status, 400);

  assert.equal((await api('POST', '/tasks/vacuum/start', {})).status, 200);
  const put = await api('PUT', '/tasks/vacuum', { command: 'true' });
  assert.equal(put.status, 409);
  assert.deepEqual(((await put.json()) as { error: { details: unknown } }).error.details, { stage: 'Started' });
  const run = (await (await api('POST', '/tasks/vacuum/run', {})).json()) as { run_id: string };
  const inst = ((await (await api('GET', `/instances?run_id=${run.run_id}`)).json()) as { items: { id: string }[] }).items[0]!;
  await h.waitInstance(inst.id, (i) => i.started_time !== null);
  assert.equal((await api('DELETE', '/tasks/vacuum?force=false')).status, 409);
  const yaml = ((await (await api('GET', '/tasks/vacuum/export')).json()) as { yaml: string }).yaml;
  assert.match(yaml, /time_zone: Europe\/Berlin/);
  assert.equal((await api('DELETE', '/tasks/vacuum?force=true')).status, 200);
  assert.equal((await h.waitInstance(inst.id, (i) => i.status !== 1)).status, 5);

  const preview = (await (await api('GET', `/cron/preview?cron_expression=${encodeURIComponent('0 30 2 * * *')}&time_zone=Asia/Tokyo&count=2`)).json()) as { valid: boolean; next: string[]; description: string };
  assert.equal(preview.valid, true);
  assert.equal(preview.next.length, 2);
  assert.equal(preview.description, 'every day at 02:30');
  assert.match(preview.next[0]!, /T17:30:00\.000Z$/);
  const day = (await (await api('GET', '/dashboard/daily?tz=Europe/Berlin')).json()) as { hours: unknown[]; totals: { total: number } };
  assert.ok(day.hours.length >= 23);
  assert.ok(day.totals.total >= 2);
});
