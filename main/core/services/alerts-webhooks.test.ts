import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OpName } from '../../../shared/api/contract';
import type { Delivery } from '../../../shared/domain/alerts';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { startReceiver, type WebhookReceiver } from '../../../testing/webhook-receiver';

const SECRET = 'chan-secret-7f3a91c4e2';
const hmac = (key: string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

describe('webhook channels: payload per format, signatures, retries, hostile receivers and callers', () => {
  let h: Harness;
  let rx: WebhookReceiver;
  const logLines: string[] = [];
  const tokens = new Map<string, string>();

  async function as(user: string, op: OpName, input: unknown): Promise<{ status: number; body: unknown }> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    return r.ok ? { status: 200, body: r.data } : { status: r.status, body: r.body };
  }

  /** Resolves when the delivery is no longer pending (its retries ran out or one got through). */
  function settled(id: number): Promise<Delivery> {
    return new Promise((resolve) => {
      const check = async (): Promise<void> => {
        const d = (await h.call('deliveries.list', { limit: 200 })).find((x) => x.id === id);
        if (d && d.state !== 'pending') {
          sub.dispose();
          resolve(d);
        }
      };
      const sub = h.core.services.alerts.onDidAttempt((row) => void (row.id === id && check()));
      void check();
    });
  }

  before(async () => {
    rx = await startReceiver();
    h = await startHarness({
      log: (level, message, fields) => void logLines.push(JSON.stringify({ level, message, ...fields })),
      alerts: { delivery: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 800, maxAttempts: 3 } },
    });
    for (const [user_name, roles] of [['vic', ['viewer']], ['dev', ['developer']], ['dora', ['dba']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password-1`, roles });
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password-1` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
  });

  after(async () => {
    await h.dispose();
    await rx.close();
  });

  test('each format carries the payload its service expects, signed the way it checks', async () => {
    const sent = async (format: string, secret: string | undefined): Promise<{ d: Delivery; url: URL; headers: Record<string, unknown>; body: Record<string, unknown> }> => {
      const ch = await h.call('channels.create', { name: `${format}-${secret ? 's' : 'n'}`, kind: 'webhook', webhook_format: format, url: `${rx.url}/hook/${format}?key=k1`, ...(secret ? { secret } : {}) });
      assert.equal(ch.secret_set, secret !== undefined);
      assert.ok(!JSON.stringify(ch).includes(SECRET));
      const before = rx.received.length;
      const d = await h.call('channels.test', { id: ch.id });
      assert.equal(d.state, 'sent', JSON.stringify(d));
      assert.equal(rx.received.length, before + 1);
      const got = rx.received.at(-1)!;
      return { d, url: new URL(got.url, rx.url), headers: got.headers, body: JSON.parse(got.body) as Record<string, unknown> };
    };

    const generic = await sent('generic', SECRET);
    assert.equal(generic.body.event, 'test');
    assert.match(String(generic.body.title), /^Test message for channel generic-s$/);
    const raw = rx.received.at(-1)!.body;
    assert.equal(generic.headers['x-taskdeck-signature'], `sha256=${hmac(SECRET, raw).toString('hex')}`);
    assert.notEqual(generic.headers['x-taskdeck-signature'], `sha256=${hmac('another secret', raw).toString('hex')}`);
    assert.equal((await sent('generic', undefined)).headers['x-taskdeck-signature'], undefined, 'no secret, no signature');

    const slack = await sent('slack', SECRET);
    assert.match(String(slack.body.text), /^\*Test message for channel slack-s\*\nsent by admin/);
    assert.equal(slack.headers['x-taskdeck-signature'], `sha256=${hmac(SECRET, rx.received.at(-1)!.body).toString('hex')}`);

    const ding = await sent('dingtalk', SECRET);
    assert.deepEqual(Object.keys(ding.body), ['msgtype', 'text']);
    assert.equal(ding.body.msgtype, 'text');
    assert.match((ding.body.text as { content: string }).content, /^Test message for channel dingtalk-s\n/);
    const ts = ding.url.searchParams.get('timestamp')!;
    assert.match(ts, /^\d{13}$/, 'DingTalk: milliseconds');
    assert.ok(Math.abs(Number(ts) - Date.now()) < 60_000);
    assert.equal(ding.url.searchParams.get('sign'), hmac(SECRET, `${ts}\n${SECRET}`).toString('base64'));
    assert.equal(ding.url.searchParams.get('key'), 'k1', 'the URL\'s own query is kept');

    const feishu = await sent('feishu', SECRET);
    assert.match(String(feishu.body.timestamp), /^\d{10}$/, 'Feishu: seconds, as a string');
    assert.equal(feishu.body.sign, hmac(`${String(feishu.body.timestamp)}\n${SECRET}`, '').toString('base64'));
    assert.equal(feishu.body.msg_type, 'text');
    assert.match((feishu.body.content as { text: string }).text, /^Test message for channel feishu-s/);
    assert.equal(feishu.url.searchParams.get('sign'), null);

    const wecom = await sent('wecom', undefined);
    assert.deepEqual(wecom.body, { msgtype: 'text', text: { content: 'Test message for channel wecom-n\nsent by admin from Taskdeck' } });
    assert.equal(wecom.url.search, '?key=k1');
  });

  test('a 500 or 429 is tried again with backoff until it gets through; a 400 or a chat service\'s refusal is not', async () => {
    const ch = await h.call('channels.create', { name: 'flaky', kind: 'webhook', url: `${rx.url}/flaky` });
    rx.answers.push({ status: 500 }, { status: 429 }, { status: 200 });
    const first = await h.call('channels.test', { id: ch.id });
    assert.equal(first.state, 'pending');
    assert.equal(first.attempts[0]!.status, 500);
    assert.ok(first.next_attempt_at);
    const done = await settled(first.id);
    assert.equal(done.state, 'sent');
    assert.deepEqual(done.attempts.map((a) => a.status), [500, 429, 200]);
    const gaps = done.attempts.slice(1).map((a, i) => Date.parse(a.at) - Date.parse(done.attempts[i]!.at));
    assert.ok(gaps[0]! >= 20 && gaps[1]! >= 40, `backoff doubles: ${gaps.join(', ')} ms`);

    rx.answers.push({ status: 400, body: '{"error":"bad payload"}' });
    const bad = await h.call('channels.test', { id: ch.id });
    assert.equal(bad.state, 'failed', 'a 400 will not pass by waiting');
    assert.equal(bad.next_attempt_at, null);
    assert.deepEqual(bad.attempts.map((a) => [a.status, a.error, a.response]), [[400, 'HTTP 400', '{"error":"bad payload"}']]);

    const ding = await h.call('channels.create', { name: 'ding-wrong-sign', kind: 'webhook', webhook_format: 'dingtalk', url: `${rx.url}/ding`, secret: 'wrong' });
    rx.answers.push({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    const refused = await h.call('channels.test', { id: ding.id });
    assert.equal(refused.state, 'failed');
    assert.match(refused.attempts[0]!.error ?? '', /refused by the dingtalk service: code 310000/);

    rx.otherwise = { status: 503 };
    try {
      const down = await h.call('channels.test', { id: ch.id });
      const gaveUp = await settled(down.id);
      assert.equal(gaveUp.state, 'failed');
      assert.equal(gaveUp.attempts.length, 3, 'bounded: maxAttempts');
    } finally {
      rx.otherwise = { status: 200 };
    }
  });

  test('hostile receivers: one that never answers times out, 10 MB of answer is cut at 1 KiB', async () => {
    const ch = await h.call('channels.create', { name: 'slow', kind: 'webhook', url: `${rx.url}/slow` });
    rx.answers.push('hang');
    const t0 = Date.now();
    const hung = await h.call('channels.test', { id: ch.id });
    assert.ok(Date.now() - t0 < 5_000, 'the attempt ended by its timeout');
    assert.equal(hung.attempts[0]!.status, null);
    assert.match(hung.attempts[0]!.error ?? '', /no answer within 800 ms/);
    assert.equal(hung.state, 'pending', 'no answer may pass: tried again');
    await settled(hung.id);

    rx.answers.push('huge');
    const big = await h.call('channels.test', { id: ch.id });
    assert.equal(big.state, 'sent');
    assert.equal(big.attempts[0]!.status, 200);
    assert.ok(big.attempts[0]!.response!.length <= 1024, `kept ${big.attempts[0]!.response!.length} characters`);

    // A sealed secret that no longer opens (a tampered row): the delivery fails saying so, once; the queue does not spin on it.
    const tampered = await h.call('channels.create', { name: 'tampered', kind: 'webhook', url: `${rx.url}/t`, secret: 'x' });
    h.core.services.store.db.prepare("UPDATE alert_channels SET sealed_secret = 'v1:AAAA:BBBB:CCCC' WHERE id = ?").run(tampered.id);
    const broken = await h.call('channels.test', { id: tampered.id });
    assert.equal(broken.state, 'failed');
    assert.match(broken.attempts[0]!.error ?? '', /^could not be sent: /);
  });

  test('hostile callers: bad URLs, a viewer or developer managing channels, bad ids and values', async () => {
    for (const url of ['file:///etc/passwd', 'http://user:pass@127.0.0.1:9/x', 'https://token@hooks.example.com/x', 'ftp://example.com/x', 'javascript:alert(1)', 'not a url', `https://x.example/${'a'.repeat(2100)}`]) {
      const r = await as('dora', 'channels.create', { name: 'bad', kind: 'webhook', url });
      assert.equal(r.status, 400, url);
      assert.match(JSON.stringify(r.body), /url/);
    }
    assert.match(JSON.stringify((await as('dora', 'channels.create', { name: 'bad', kind: 'webhook', url: 'http://u:p@h/' })).body), /must not carry a user name or password/);
    const ok = await h.call('channels.create', { name: 'edit-me', kind: 'webhook', url: `${rx.url}/e` });
    assert.equal((await as('dora', 'channels.update', { id: ok.id, url: 'file:///etc/shadow' })).status, 400);
    assert.equal((await as('dora', 'channels.create', { name: 'app', kind: 'in_app', url: `${rx.url}/x` })).status, 400, 'a URL on an in-app channel');
    assert.equal((await as('dora', 'channels.create', { name: 'hook', kind: 'webhook' })).status, 400, 'a webhook without a URL');
    assert.equal((await as('dora', 'channels.create', { name: 'w', kind: 'webhook', url: `${rx.url}/x`, group_window_seconds: -1 })).status, 400);
    assert.equal((await as('dora', 'channels.create', { name: 'w', kind: 'pager' })).status, 400);
    assert.equal((await as('dora', 'channels.create', { name: 'EDIT-ME', kind: 'in_app' })).status, 409, 'names are unique, any case');

    assert.equal((await as('vic', 'channels.create', { name: 'v', kind: 'webhook', url: `${rx.url}/v` })).status, 403);
    assert.equal((await as('dev', 'channels.create', { name: 'd', kind: 'webhook', url: `${rx.url}/d` })).status, 403);
    assert.equal((await as('vic', 'channels.test', { id: ok.id })).status, 403);
    assert.equal((await as('dev', 'channels.delete', { id: ok.id })).status, 403);
    assert.equal((await as('dora', 'channels.create', { name: 'dba-made', kind: 'in_app' })).status, 200, 'a DBA manages alerts');

    assert.equal((await as('dora', 'channels.test', { id: 999_999 })).status, 404);
    assert.equal((await as('dora', 'channels.test', { id: 'abc' })).status, 400);
    assert.equal((await as('dora', 'channels.update', { id: -1, name: 'x' })).status, 400);
    assert.equal((await as('dora', 'alert-rules.create', { channel_id: 999_999, events: ['failure'] })).status, 404);
    assert.equal((await as('dora', 'alert-rules.create', { channel_id: ok.id, events: [] })).status, 400);
    assert.equal((await as('dora', 'alert-rules.create', { channel_id: ok.id, events: ['exploded'] })).status, 400);
    assert.equal((await as('dora', 'alert-rules.create', { channel_id: ok.id, task_name: 'no-such-task', events: ['failure'] })).status, 404);
    assert.equal((await as('dev', 'alert-rules.create', { channel_id: ok.id, task_name: null, events: ['failure'] })).status, 403, 'a developer sets no workspace rule');
    assert.equal((await as('vic', 'alert-rules.create', { channel_id: ok.id, events: ['failure'] })).status, 403);
    assert.equal((await as('dev', 'deliveries.list', { limit: 1000 })).status, 400);

    // What a developer sees of a channel: not the secret, not the URL's key.
    await h.call('channels.update', { id: ok.id, url: `${rx.url}/services/T000/B000/XXXXSECRETPATH`, secret: SECRET });
    const seen = (await as('dev', 'channels.list', {})).body as { id: number; url: string | null; secret_set: boolean }[];
    const mine = seen.find((c) => c.id === ok.id)!;
    assert.equal(mine.url, `${rx.url}/…`);
    assert.equal(mine.secret_set, true);
  });

  test('the secret never leaves: not in a response, a log line, the audit log, nor in plain text in the database', async () => {
    const ch = await h.call('channels.create', { name: 'sealed', kind: 'webhook', url: `${rx.url}/sealed`, secret: SECRET });
    await h.call('channels.update', { id: ch.id, secret: `${SECRET}-2` });
    await h.call('channels.test', { id: ch.id });
    const outputs = [
      await h.call('channels.list', {}), await h.call('deliveries.list', { limit: 200 }), await h.call('audit.list', { limit: 500 }), await h.call('alert-rules.list', {}),
    ];
    for (const out of outputs) assert.ok(!JSON.stringify(out).includes(SECRET));
    assert.ok(!logLines.some((l) => l.includes(SECRET)));
    const audit = await h.call('audit.list', { action: 'alert_channel.updated' });
    assert.ok(audit.some((e) => JSON.stringify(e.details).includes('"secret_changed":true')));
    const sealed = h.core.services.store.db.prepare('SELECT sealed_secret FROM alert_channels WHERE id = ?').get(ch.id) as { sealed_secret: string };
    assert.match(sealed.sealed_secret, /^v1:/);
    for (const file of ['taskdeck.db', 'taskdeck.db-wal']) {
      const p = path.join(h.dir, file);
      if (fs.existsSync(p)) assert.equal(fs.readFileSync(p).indexOf(SECRET), -1, `${file} holds the secret in plain text`);
    }
  });

  test('the log is bounded; an attempt in flight at shutdown is not counted, and the delivery goes out after the restart', async () => {
    h = await h.restart({ alerts: { delivery: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 30_000, keep: 3 } } });
    const ch = await h.call('channels.create', { name: 'bounded', kind: 'webhook', url: `${rx.url}/bounded` });
    for (let i = 0; i < 5; i++) await h.call('channels.test', { id: ch.id });
    assert.equal((await h.call('deliveries.list', { limit: 200 })).length, 3, 'only the newest 3 finished deliveries are kept');

    rx.answers.push('hang');
    const seen = rx.received.length;
    const testing = h.call('channels.test', { id: ch.id });
    await rx.waitFor(seen + 1);
    const t0 = Date.now();
    h = await h.restart(); // the receiver still sits on the request: stopping ends the attempt, not counted
    assert.ok(Date.now() - t0 < 5_000, 'stopping did not wait for the 30 s timeout');
    const cut = await testing;
    assert.deepEqual([cut.state, cut.attempts], ['pending', []]);
    await rx.waitFor(seen + 2);
    const [latest] = await h.call('deliveries.list', { channel_id: ch.id, limit: 1 });
    await settledAfterRestart(h, latest!.id);
    const [done] = await h.call('deliveries.list', { channel_id: ch.id, limit: 1 });
    assert.equal(done!.state, 'sent');
    assert.deepEqual(done!.attempts.map((a) => a.attempt), [1], 'the attempt ended by the shutdown was not one');
  });
});

async function settledAfterRestart(h: Harness, id: number): Promise<void> {
  for (;;) {
    const d = (await h.call('deliveries.list', { limit: 200 })).find((x) => x.id === id);
    if (d && d.state !== 'pending') return;
    await new Promise<void>((resolve) => {
      const sub = h.core.services.alerts.onDidAttempt(() => { sub.dispose(); resolve(); });
    });
  }
}
