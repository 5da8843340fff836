import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from '../../testing/core-harness';
import { openStream, PageStreams, type StreamMessage } from './stream-delivery';

// The desktop app's path for the audit CSV: the contract's stream operation through dispatch and acknowledged chunks.
let h: Harness;
let admin: string;

before(async () => {
  h = await startHarness();
  const login = await h.core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined);
  assert.ok(login.ok);
  admin = login.data.token;
  const { store, audit } = h.core.services;
  store.tx(() => {
    for (let i = 0; i < 1100; i++) audit.record('dora', 'group.created', 'group', 70_000 + i, { name: `g-${i}` });
  });
});
after(() => h.dispose());

/** A page that takes each chunk a turn later and acknowledges it, as the preload does. */
function page(): { streams: PageStreams; finished: Promise<{ text: string; last: StreamMessage }> } {
  let text = '';
  let streams!: PageStreams;
  const finished = new Promise<{ text: string; last: StreamMessage }>((resolve) => {
    streams = new PageStreams((m) => {
      setImmediate(() => {
        if (m.kind === 'chunk') text += m.text;
        streams.ack(m.id, m.seq);
        if (m.kind !== 'chunk') resolve({ text, last: m });
      });
    }, () => {}, { maxInFlight: 2, maxOpen: 4 });
  });
  return { streams, finished };
}

test('audit.export over IPC: every matching entry, newest first, the UTF-8 mark and header first', async () => {
  const p = page();
  assert.deepEqual(await openStream(h.core.dispatch, p.streams, 1, 'audit.export', { actor: 'dora', category: 'changes' }, admin), { ok: true, data: null });
  const { text, last } = await p.finished;
  assert.equal(last.kind, 'end');
  assert.ok(text.startsWith('\uFEFFid,time,actor,'));
  const ids = text.split('\r\n').slice(1).filter(Boolean).map((r) => Number(r.split(',')[0]));
  assert.equal(ids.length, 1100);
  assert.ok(ids.every((id, i) => i === 0 || id < ids[i - 1]!), 'newest first');
});

test('audit.export over IPC is refused before any chunk: a bad filter (400), a role without read (403), no token (401)', async () => {
  await h.call('users.create', { user_name: 'board', password: 'board-pass-12', roles: ['change-board'] });
  const login = await h.core.dispatch('auth.login', { user_name: 'board', password: 'board-pass-12' }, undefined);
  assert.ok(login.ok);
  const sent: StreamMessage[] = [];
  const streams = new PageStreams((m) => sent.push(m), () => {});
  const bad = await openStream(h.core.dispatch, streams, 1, 'audit.export', { to: 'soon' }, admin);
  assert.ok(!bad.ok && bad.status === 400 && /to must be an ISO time/.test(bad.body.error.message));
  const refused = await openStream(h.core.dispatch, streams, 2, 'audit.export', {}, login.data.token);
  assert.ok(!refused.ok && refused.status === 403);
  const anonymous = await openStream(h.core.dispatch, streams, 3, 'audit.export', {}, undefined);
  assert.ok(!anonymous.ok && anonymous.status === 401);
  assert.deepEqual([sent.length, streams.openCount()], [0, 0]);
});
