import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Client, ClientChannel } from 'ssh2';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { spareInput, spareNext, spareScript, TIED_DONE } from '../domain/remote-script';
import { connectFixture } from '../../../testing/fixture-ssh';
import { execChannel } from './ssh-pool';
import { waitFor } from '../../../testing/wait';

/** A spare session's shell, as the runs service starts it, on a real sshd; checked from this machine with pgrep. */
let sshd: SshdFixture;
let client: Client;

before(async () => {
  sshd = await startSshd();
  client = await connectFixture(sshd, 'spare');
});
after(async () => {
  client.end();
  await sshd.dispose();
});

function pgrep(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', pattern], { encoding: 'utf8' }).trim().split('\n').filter((l) => l && !l.includes('pgrep'));
  } catch {
    return [];
  }
}

interface Spare {
  nonce: string;
  ch: ClientChannel;
  out(): string;
  err(): string;
  /** Start collecting output anew. */
  forget(): void;
  closed: Promise<void>;
}

async function startSpare(): Promise<Spare> {
  const nonce = randomBytes(8).toString('hex');
  const ch = await execChannel(client, spareScript(nonce, 1));
  let out = '';
  let err = '';
  ch.on('data', (d: Buffer) => (out += d.toString()));
  ch.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const closed = new Promise<void>((r) => ch.on('close', () => r()));
  const forget = (): void => {
    out = '';
    err = '';
  };
  return { nonce, ch, out: () => out, err: () => err, forget, closed };
}

/** Processes of the session the spare reported (its pgid marker), zombies aside. */
function sessionProcesses(s: Spare): string[] {
  const sid = /:pgid:(\d+)/.exec(s.out())?.[1];
  assert.ok(sid, 'the spare reported its session');
  return execFileSync('ps', ['-e', '-o', 'pid=,sid=,stat='], { encoding: 'utf8' }).split('\n').filter((l) => {
    const [pid, s2, stat] = l.trim().split(/\s+/);
    return (pid === sid || s2 === sid) && !stat?.startsWith('Z');
  });
}

const markerOf = (s: Spare, kind: 'exit' | 'done'): number | null => {
  const m = new RegExp(`@@taskdeck:${s.nonce}:${kind}:(\\d+)`).exec(s.out());
  return m ? Number(m[1]) : null;
};
const exitOf = (s: Spare): number | null => markerOf(s, 'exit');

/** Wait for the `done` of the command just sent; returns its status and what it wrote, and forgets them. */
async function nextDone(s: Spare): Promise<{ code: number; out: string; err: string }> {
  await waitFor('the done marker and the end of stderr', () => markerOf(s, 'done') !== null && s.err().includes(`@@taskdeck:${s.nonce}:end\n`));
  const r = { code: markerOf(s, 'done')!, out: s.out(), err: s.err() };
  s.forget();
  return r;
}

test('a spare runs each command it is sent in a session of its own, reports its session, its status and the end of stderr, and once told starts the session for the next', async () => {
  const s = await startSpare();
  s.ch.write(spareInput('echo "one $((1+1))"\necho two >&2\nexit 3', s.nonce));
  const first = await nextDone(s);
  assert.equal(first.code, 3);
  assert.match(first.out, /^@@taskdeck:\w+:pgid:(\d+)\none 2\n@@taskdeck:\w+:done:3\n$/);
  assert.equal(first.err, `two\n@@taskdeck:${s.nonce}:end\n`);
  s.ch.write(spareNext(s.nonce) + spareInput('printf no-newline; printf oops >&2', s.nonce));
  const second = await nextDone(s);
  assert.equal(second.code, 0);
  assert.match(second.out, /^@@taskdeck:\w+:pgid:\d+\nno-newline@@taskdeck:\w+:done:0\n$/);
  assert.equal(second.err, `oops@@taskdeck:${s.nonce}:end\n`);
  const sessions = [first.out, second.out].map((o) => /:pgid:(\d+)/.exec(o)![1]);
  assert.notEqual(sessions[0], sessions[1], 'each command has a session of its own');
  // Our side closing while it waits for the next command ends it quietly, leaving nothing.
  s.ch.end();
  await s.closed;
  assert.equal(s.out(), '', 'no marker after the last done');
  await waitFor('no process of the spare', () => pgrep(s.nonce).length === 0);
});

test('the command sees none of the spare shell\'s variables or descriptors, reads an empty stdin, and a line like another session\'s end line is just text', async () => {
  const s = await startSpare();
  const other = spareInput('', randomBytes(8).toString('hex')).trim();
  s.ch.write(spareInput(`echo "[$c][$L][$C][$K][$E][$W][$Q][$#]"\nif { true <&3; } 2>/dev/null; then echo fd3-open; else echo fd3-closed; fi\ncat\necho '${other}'\necho done`, s.nonce));
  const r = await nextDone(s);
  assert.equal(r.code, 0);
  const lines = r.out.split('\n').filter((l) => !l.includes(`${s.nonce}:`));
  assert.deepEqual(lines, ['[][][][][][][][0]', 'fd3-closed', other, 'done', '']);
  s.ch.end();
  await s.closed;
});

test('a spare closed before any command leaves nothing on the host', async () => {
  const s = await startSpare();
  // Its wrapper and the session leader started ahead, both carrying its nonce.
  await waitFor('the spare\'s processes', () => pgrep(s.nonce).length >= 2);
  assert.equal(s.out(), '', 'nothing is said before a command comes');
  s.ch.close();
  await s.closed;
  await waitFor('no process of the spare', () => pgrep(s.nonce).length === 0);
});

/** Send a command whose two sleepers ignore TERM, then close our side while it runs: nothing of it may be left. */
async function closeMidRun(s: Spare, secs: number): Promise<void> {
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  s.ch.write(spareInput(`trap '' TERM; sh -c "trap '' TERM; sleep ${secs}.${mark}" & sleep ${secs + 1}.${mark}\nwait`, s.nonce));
  await waitFor('both sleepers', () => pgrep(`^sleep (${secs}|${secs + 1})\\.${mark}`).length === 2);
  s.ch.close();
  await waitFor('no sleeper left', () => pgrep(mark).length === 0);
  await waitFor('no process of the spare', () => pgrep(s.nonce).length === 0 && sessionProcesses(s).length === 0);
}

test('our channel closing mid-run ends the command\'s whole session, TERM-ignoring children too', async () => {
  await closeMidRun(await startSpare(), 310);
});

test('on a channel that ran a command before, our side closing mid-run still ends the new command\'s whole session', async () => {
  const s = await startSpare();
  s.ch.write(spareInput('echo first', s.nonce));
  assert.equal((await nextDone(s)).code, 0);
  s.ch.write(spareNext(s.nonce));
  // The next session is started ahead again: it reports nothing before its command comes.
  await waitFor('the next session leader', () => pgrep(s.nonce).length >= 2);
  await closeMidRun(s, 313);
});

test('a command that ends its session leader (`kill $$`) is reported killed and leaves nothing behind once we say done', async () => {
  const s = await startSpare();
  s.ch.write(spareInput('kill $$; echo after', s.nonce));
  await waitFor('the exit marker', () => exitOf(s) !== null);
  assert.equal(exitOf(s), 143);
  assert.equal(markerOf(s, 'done'), null, 'its watcher was left behind: the session is not used again');
  s.ch.end(TIED_DONE);
  await s.closed;
  await waitFor('no process of the spare', () => pgrep(s.nonce).length === 0);
});

test('a command that ended by itself has its background job left alone, even when our side then closes without saying done', async () => {
  const s = await startSpare();
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  s.ch.write(spareInput(`sleep 312.${mark} >/dev/null 2>&1 &\necho started`, s.nonce));
  await waitFor('the exit marker', () => exitOf(s) !== null);
  s.ch.end();
  await s.closed;
  await waitFor('the watcher gone', () => pgrep(s.nonce).length === 0);
  assert.equal(pgrep(`^sleep 312.${mark}`).length, 1, 'the background job goes on');
  execFileSync('pkill', ['-f', `^sleep 312.${mark}`]);
});
