import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditCategoryOf, AuditCategory, categoryActions, knownAuditActions } from '../../shared/domain/audit-categories';
import type { AuditEntry } from '../../shared/domain/audit';
import { ProcessInput } from '../../shared/domain/processes';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { Core } from '../core/create-core';
import type { RunningServer } from './http-server';

/** Splits RFC 4180 text into rows of cells (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = (): void => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('audit: names, categories, sentences and the CSV export over the real server', () => {
  let s: ServerHarness;
  let core: Core;
  let server: RunningServer;
  let admin: string;

  const api = async <T>(p: string, token = admin): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${server.url}/api/v1${p}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, body: (await r.json()) as T };
  };
  const record = (actor: string, action: string, type: string, id: string | number | null, details: Record<string, unknown> = {}): void =>
    core.services.store.tx(() => core.services.audit.record(actor, action, type, id, details));

  before(async () => {
    s = await startServerHarness();
    ({ core, server, admin } = s);
  });
  after(() => s.dispose());

  test('a target is named: as recorded, else by its current name, else by its id', async () => {
    const p = core.services.processes.create('admin', ProcessInput.parse({ name: 'DB changes', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] }));
    core.services.processes.setEnabled('admin', p.id, false);
    record('dora', 'task.run', 'task', 424242, { trigger: 'manual', hosts: ['db-1'] });
    const { body } = await api<AuditEntry[]>('/audit?limit=5');
    const disabled = body.find((e) => e.action === 'process.disabled')!;
    assert.equal(disabled.target_name, 'DB changes', 'process.disabled records no name: the current one is looked up');
    assert.equal(disabled.sentence, 'admin disabled approval process DB changes');
    assert.equal(disabled.category, 'changes');
    const run = body.find((e) => e.action === 'task.run')!;
    assert.equal(run.target_name, null);
    assert.equal(run.sentence, 'dora ran task #424242 on db-1', 'no such task: the id is all there is');
  });

  test('the store filters categories exactly as auditCategoryOf says, and hides nothing unasked', async () => {
    const before = (await api<AuditEntry[]>('/audit?limit=1')).body[0]!.id;
    const written: { action: string; details: Record<string, unknown> }[] = [
      ...knownAuditActions.filter((a) => a !== 'task.run').map((action) => ({ action, details: {} })),
      { action: 'task.run', details: { trigger: 'schedule' } },
      { action: 'task.run', details: { trigger: 'retry' } },
      { action: 'task.run', details: { trigger: 'manual' } },
      { action: 'task.run', details: {} },
      { action: 'plugin.custom', details: {} },
    ];
    for (const w of written) record('dora', w.action, 'thing', null, w.details);
    const all = (await api<AuditEntry[]>(`/audit?limit=500`)).body.filter((e) => e.id > before);
    assert.equal(all.length, written.length, 'no category filter: everything');
    for (const c of AuditCategory.options) {
      const got = (await api<AuditEntry[]>(`/audit?limit=500&category=${c}`)).body.filter((e) => e.id > before);
      const want = all.filter((e) => auditCategoryOf(e.action, e.details) === c);
      assert.deepEqual(got.map((e) => e.id), want.map((e) => e.id), c);
      assert.ok(got.every((e) => e.category === c));
    }
    const shown = (await api<AuditEntry[]>(`/audit?limit=500&category=changes,runs,approvals,security,system,other`)).body.filter((e) => e.id > before);
    assert.ok(!shown.some((e) => e.category === 'scheduler' || e.category === 'sign_ins'));
    assert.equal(shown.length, all.length - categoryActions.sign_ins.length - 2);
    assert.equal((await api('/audit?category=changes,nonsense')).status, 400);
    assert.equal((await api('/audit?category=')).status, 200);
  });

  test('CSV export: every matching entry, newest first, RFC 4180 and formula-safe, streamed in pages', async () => {
    // More than one page of the export (500), with hostile text in the details and a name.
    core.services.store.tx(() => {
      for (let i = 0; i < 620; i++) core.services.audit.record('dora', 'host.created', 'host', 10_000 + i, { name: i === 0 ? '=HYPERLINK("http://evil","x")' : `db-${i}`, host: `10.0.0.${i % 250}:22` });
    });
    record('dora', 'auth.login', 'user', 1);
    const r = await fetch(`${server.url}/api/v1/audit.csv?category=changes`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="taskdeck-audit\.csv"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 mark first, for spreadsheets');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.startsWith('id,time,actor,category,action,target_type,target_id,target_name,sentence,details\r\n'));
    const rows = parseCsv(text);
    const listed = (await api<AuditEntry[]>('/audit?limit=500&category=changes')).body;
    assert.equal(rows.length - 1, (await countAll('changes')), 'every matching entry, not one page');
    assert.deepEqual(rows.slice(1, 501).map((r) => Number(r[0])), listed.map((e) => e.id), 'newest first, as the list');
    assert.ok(!rows.some((r) => r[4] === 'auth.login'), 'the filter applies');
    const evil = rows.find((r) => r[6] === '10000')!;
    assert.equal(evil[7], `'=HYPERLINK("http://evil","x")`, 'a formula is shown as text');
    assert.equal(evil[8], 'dora added host =HYPERLINK("http://evil","x") (10.0.0.0:22)', 'a sentence starting with a name is left alone');
    assert.ok(rows.every((r) => r.length === 10), 'every row has every column');
  });

  async function countAll(category: string): Promise<number> {
    let n = 0;
    for (let before: number | undefined; ; ) {
      const page = (await api<AuditEntry[]>(`/audit?limit=500&category=${category}${before ? `&before_id=${before}` : ''}`)).body;
      n += page.length;
      if (page.length < 500) return n;
      before = page.at(-1)!.id;
    }
  }

  test('a reader that stops and goes away mid-export ends it; the console keeps answering and writing', async () => {
    core.services.store.tx(() => {
      for (let i = 0; i < 5000; i++) core.services.audit.record('dora', 'task.updated', 'task', i, { name: `t-${i}`, changes: [{ field: 'command', before: 'x'.repeat(100), after: 'y'.repeat(100) }] });
    });
    const abort = new AbortController();
    const r = await fetch(`${server.url}/api/v1/audit.csv`, { headers: { authorization: `Bearer ${admin}` }, signal: abort.signal });
    const reader = r.body!.getReader();
    assert.ok((await reader.read()).value!.length > 0);
    // Paused: the server is held at its next write, with no statement open, so writes go on.
    record('dora', 'task.created', 'task', 1, { name: 'while-paused' });
    assert.equal((await api<AuditEntry[]>('/audit?limit=1')).body[0]!.target_name, 'while-paused');
    abort.abort();
    await reader.cancel().catch(() => undefined);
    assert.equal((await fetch(`${server.url}/api/v1/health`)).status, 200);
    const again = await fetch(`${server.url}/api/v1/audit.csv?category=changes`, { headers: { authorization: `Bearer ${admin}` } });
    assert.ok((await again.text()).includes('while-paused'), 'a later export runs to the end');
  });

  test('the CSV export needs a token with read, and checks its filters naming the field', async () => {
    assert.equal((await fetch(`${server.url}/api/v1/audit.csv`)).status, 401);
    assert.equal((await fetch(`${server.url}/api/v1/audit.csv`, { headers: { authorization: 'Bearer nope' } })).status, 401);
    const refused = async (query: string): Promise<{ status: number; field: string | undefined; message: string }> => {
      const r = await fetch(`${server.url}/api/v1/audit.csv?${query}`, { headers: { authorization: `Bearer ${admin}` } });
      const body = (await r.json()) as { error: { message: string; details?: { fields?: { field: string }[] } } };
      return { status: r.status, field: body.error.details?.fields?.[0]?.field, message: body.error.message };
    };
    const bad = await refused('category=bogus');
    assert.equal(bad.status, 400);
    assert.match(bad.message, /unknown category bogus/);
    for (const [query, field] of [['category=bogus', 'category'], ['from=yesterday', 'from'], ['to=2026-13-01T00:00:00Z', 'to'], [`q=${'x'.repeat(201)}`, 'q'], ['q=%20', 'q'], [`actor=${'a'.repeat(65)}`, 'actor']] as const) {
      const r = await refused(query);
      assert.deepEqual([r.status, r.field], [400, field], query);
    }
    const post = await fetch(`${server.url}/api/v1/audit.csv`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    assert.deepEqual([post.status, post.headers.get('allow')], [400, 'GET'], 'a GET operation');
  });

  test('the CSV export is refused to a role without read and to a token without the read scope (403), as the list is', async () => {
    const created = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_name: 'approver-only', password: 'approver-pass-1', roles: ['change-board'] }),
    });
    assert.equal(created.status, 201);
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_name: 'approver-only', password: 'approver-pass-1' }) });
    const custom = ((await login.json()) as { token: string }).token;
    const made = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'runner', scopes: ['runs'], expires_in_days: 1 }),
    });
    const runsOnly = ((await made.json()) as { secret: string }).secret;
    for (const [who, token] of [['a custom role', custom], ['a runs-only token', runsOnly]] as const) {
      const r = await fetch(`${server.url}/api/v1/audit.csv`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 403, who);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'forbidden', who);
      assert.equal((await api('/audit?limit=1', token)).status, 403, `${who}: the list says the same`);
    }
  });

  test('time range and text filter the list and the export alike', async () => {
    record('erin', 'task.created', 'task', null, { name: 'Needle_100%' });
    record('erin', 'task.created', 'task', null, { name: 'hay' });
    record('erin', 'task.created', 'task', null, { name: 'needle_1001' });
    const listed = (await api<AuditEntry[]>(`/audit?limit=10&actor=erin&q=${encodeURIComponent('needle_100%')}`)).body;
    assert.deepEqual(listed.map((e) => e.target_name), ['Needle_100%'], 'case-insensitive; % and _ are taken literally');
    const csv = await (await fetch(`${server.url}/api/v1/audit.csv?actor=erin&q=needle`, { headers: { authorization: `Bearer ${admin}` } })).text();
    assert.deepEqual(parseCsv(csv.slice(1)).slice(1).map((r) => r[7]), ['needle_1001', 'Needle_100%']);
    const newest = (await api<AuditEntry[]>('/audit?limit=3&actor=erin')).body;
    const mid = newest[1]!.ts;
    const since = (await api<AuditEntry[]>(`/audit?limit=10&actor=erin&from=${encodeURIComponent(mid)}`)).body;
    assert.ok(since.every((e) => e.ts >= mid) && since.some((e) => e.id === newest[1]!.id), 'from is inclusive');
    const until = (await api<AuditEntry[]>(`/audit?limit=10&actor=erin&to=${encodeURIComponent(mid)}`)).body;
    assert.ok(until.every((e) => e.ts < mid), 'to is exclusive');
    // The newest entry's time written in UTC+8: the same instant, so from it on is that entry (and any after it).
    const newestAt = new Date(Date.parse(newest[0]!.ts) + 1);
    const asBeijing = new Date(newestAt.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const future = await (await fetch(`${server.url}/api/v1/audit.csv?from=${encodeURIComponent(asBeijing)}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    assert.equal(parseCsv(future.slice(1)).length, 1, 'an offset time is compared as the instant it names: nothing after the newest, only the header');
  });
});
