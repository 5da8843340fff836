import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSshd, sshdAvailable, getFreePort, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { createMasker, linesOf, type LineBlock } from '../domain/log-lines';
import { spareScript } from '../domain/remote-script';
import { fanOut, RunDriver, type RunHost, type RunObserver, type RunRequest } from './run-driver';
import { defaultPoolOptions, execChannel, SshPool } from './ssh-pool';
import { TurnBudget } from './turn-budget';

/** The run driver alone over a real sshd: no store, no runs service; what it reports is the point. */
let sshd: SshdFixture;
let pool: SshPool;
let driver: RunDriver;

const nonce = (): string => randomBytes(8).toString('hex');

before(async () => {
  sshd = await startSshd();
  pool = new SshPool(defaultPoolOptions);
  driver = new RunDriver({
    pool, budget: new TurnBudget(5), graceSeconds: 1, reattachForMs: 600, now: () => Date.now(), nonce,
    startSpare: async (client) => {
      const n = nonce();
      return { channel: await execChannel(client, spareScript(n, 1)), nonce: n };
    },
  });
});
after(async () => {
  pool.dispose();
  await sshd.dispose();
});

function host(over: Partial<RunHost> = {}, port = sshd.port): RunHost {
  const key = fs.readFileSync(sshd.clientKeyPath);
  const pin = over.keyPin === undefined ? sshd.hostKeyFingerprint() : over.keyPin;
  return {
    name: 'fixture', address: `127.0.0.1:${port}`, keyPin: pin, enabled: true, poolKey: `fixture:${port}:${pin}`,
    target: () => ({ name: 'fixture', address: `127.0.0.1:${port}`, username: sshd.user, auth: { kind: 'key', privateKey: key }, pinnedFingerprint: pin }),
    ...over,
  };
}

/** An observer that writes down what it is told, in order, and the lines the run printed. */
function recording() {
  const seen: string[] = [];
  const out: string[] = [];
  const observer: RunObserver = {
    connecting: () => seen.push('connecting'),
    connected: (_h, i) => seen.push(`connected${i.again ? ' again' : ''}`),
    uploaded: (bytes) => seen.push(`uploaded ${bytes}`),
    started: (s) => seen.push(s.mode === 'tied' ? 'started tied' : `started detached ${s.pgid > 0 ? 'pgid' : 'no pgid'}`),
    retrying: (r) => seen.push(`retrying ${r.kind}`),
    ended: (o) => seen.push(`ended ${o.kind}${o.kind === 'exit' ? ` ${o.code}` : ''}`),
  };
  const sink = {
    lines: (b: readonly LineBlock[]) => {
      const lines = linesOf(b);
      if (lines.length && !out.length) seen.push('output'); // where output began, among the reports
      out.push(...lines.map((l) => `${l.stream} ${l.text}`));
    },
    pgid: () => {},
  };
  return { seen, out, observer, sink };
}

function request(r: ReturnType<typeof recording>, over: Partial<RunRequest>): RunRequest {
  return {
    id: String(BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000))), mode: 'tied', host: host(), command: 'true', remotePgid: null, resume: false,
    signal: new AbortController().signal, sink: r.sink, resumeOffsets: () => ({ out: 0, err: 0 }), goesOn: () => true, ...over,
  };
}

test('driver over a real sshd', { skip: !sshdAvailable() && 'openssh-server is not installed' }, async (t) => {
  await t.test('a tied run: connecting, connected, started, ended, in that order, to every observer', async () => {
    const r = recording();
    const second: string[] = [];
    const outcome = await driver.drive(request(r, { command: 'echo hello; echo oops >&2' }), fanOut(r.observer, undefined, { ended: (o) => second.push(o.kind) }));
    assert.deepEqual(r.seen, ['connecting', 'connected', 'started tied', 'output', 'ended exit 0']);
    assert.deepEqual(second, ['exit']);
    assert.equal(outcome.kind, 'exit');
    assert.deepEqual([...r.out].sort(), ['stderr oops', 'stdout hello']);
  });

  await t.test('a tied run on the session kept ready: the connection reports its spare', async () => {
    await driver.drive(request(recording(), {}), {});
    await pool.settled();
    let spare: boolean | null = null;
    const r = recording();
    await driver.drive(request(r, { command: 'echo again' }), fanOut(r.observer, { connected: (_h, i) => (spare = i.spare) }));
    assert.equal(spare, true);
    assert.deepEqual(r.seen, ['connecting', 'connected', 'started tied', 'output', 'ended exit 0']);
    assert.deepEqual(r.out, ['stdout again']);
  });

  await t.test('a detached run: started reports its process group before its output is read', async () => {
    const r = recording();
    const outcome = await driver.drive(request(r, { mode: 'detached', command: 'echo one; echo two; exit 3' }), r.observer);
    assert.deepEqual(r.seen, ['connecting', 'connected', 'started detached pgid', 'output', 'ended exit 3']);
    assert.equal(outcome.kind, 'exit');
    assert.deepEqual(r.out, ['stdout one', 'stdout two']);
  });

  await t.test('a run with input: uploaded before it starts, and the command reads it on stdin', async () => {
    const r = recording();
    const stdin = 'select 1;\nselect 2;\n';
    await driver.drive(request(r, { command: 'cat', stdin }), r.observer);
    assert.deepEqual(r.seen, ['connecting', 'connected', `uploaded ${Buffer.byteLength(stdin)}`, 'started tied', 'output', 'ended exit 0']);
    assert.deepEqual(r.out, ['stdout select 1;', 'stdout select 2;']);
  });

  await t.test("a failed upload's stderr is kept in the error with the run's secrets masked", async (t) => {
    // The upload's file already exists as a folder: cat says so on stderr, naming the file, and the file is named by the (secret) id.
    const secret = `9${randomBytes(6).readUIntBE(0, 6)}`;
    const folder = path.join(os.userInfo().homedir, '.taskdeck', 'stdin', secret);
    fs.mkdirSync(folder, { recursive: true });
    t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const r = recording();
    const masker = createMasker([secret]);
    const outcome = await driver.drive(request(r, { id: secret, command: 'cat', stdin: 'select 1;\n', sink: { ...r.sink, guard: masker, mask: (text) => masker.mask(text) } }), r.observer);
    assert.equal(outcome.kind, 'error');
    const message = outcome.kind === 'error' ? outcome.message : '';
    assert.match(message, /^cannot upload the script: .*\*\*\*\*.*directory/i);
    assert.ok(!message.includes(secret), message);
  });

  await t.test('a deleted or disabled host ends the run before any connection', async () => {
    for (const [h, message] of [[null, 'the host was deleted'], [host({ enabled: false }), 'the host is not enabled']] as const) {
      const r = recording();
      const outcome = await driver.drive(request(r, { host: h }), r.observer);
      assert.deepEqual(outcome, { kind: 'error', message });
      assert.deepEqual(r.seen, ['ended error']);
    }
  });

  await t.test('a changed host key ends the run at once: no retry, nothing started', async () => {
    const r = recording();
    const outcome = await driver.drive(request(r, { host: host({ keyPin: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), mode: 'detached', remotePgid: 1234, resume: true, command: null }), r.observer);
    assert.equal(outcome.kind, 'error');
    assert.deepEqual(r.seen, ['connecting', 'ended error']);
  });

  await t.test('a started detached run whose host is unreachable is retried until the re-attach window closes; a tied run is not', async () => {
    const closed = await getFreePort();
    const detached = recording();
    const outcome = await driver.drive(request(detached, { host: host({}, closed), mode: 'detached', remotePgid: 1234, resume: true, command: null }), detached.observer);
    assert.equal(outcome.kind, 'error');
    assert.ok(detached.seen.includes('retrying unreachable'), detached.seen.join(', '));
    assert.equal(detached.seen.at(-1), 'ended error');
    assert.ok(!detached.seen.includes('connected') && !detached.seen.some((s) => s.startsWith('started')));
    const tied = recording();
    await driver.drive(request(tied, { host: host({}, closed) }), tied.observer);
    assert.deepEqual(tied.seen, ['connecting', 'ended error']);
  });
});
