import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Client, ClientChannel } from 'ssh2';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { spareInput, spareScript, TIED_DONE } from '../domain/remote-script';
import { connectFixture } from '../testing/fixture-ssh';
import { execChannel } from './ssh-pool';

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

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Spare {
  nonce: string;
  ch: ClientChannel;
  out(): string;
  err(): string;
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
  return { nonce, ch, out: () => out, err: () => err, closed };
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

const exitOf = (s: Spare): number | null => {
  const m = new RegExp(`@@taskdeck:${s.nonce}:exit:(\\d+)`).exec(s.out());
  return m ? Number(m[1]) : null;
};

test('a spare session reports its process group before any command, then runs the command it is sent', async () => {
  const s = await startSpare();
  await until('the pgid marker', () => s.out().includes(`${s.nonce}:pgid:`));
  assert.equal(exitOf(s), null, 'nothing runs before a command comes');
  s.ch.write(spareInput('echo "one $((1+1))"\necho two >&2\nexit 3', s.nonce));
  await until('the exit marker', () => exitOf(s) !== null);
  assert.equal(exitOf(s), 3);
  assert.match(s.out(), /^@@taskdeck:\w+:pgid:\d+\none 2\n@@taskdeck:\w+:exit:3\n$/);
  assert.equal(s.err(), 'two\n');
  s.ch.end(TIED_DONE);
  await s.closed;
});

test('the command sees none of the spare shell\'s variables or descriptors, reads an empty stdin, and a line like another session\'s end line is just text', async () => {
  const s = await startSpare();
  const other = spareInput('', randomBytes(8).toString('hex')).trim();
  s.ch.write(spareInput(`echo "[$c][$L][$C][$K]"\nif { true <&3; } 2>/dev/null; then echo fd3-open; else echo fd3-closed; fi\ncat\necho '${other}'\necho done`, s.nonce));
  await until('the exit marker', () => exitOf(s) !== null);
  assert.equal(exitOf(s), 0);
  const lines = s.out().split('\n').filter((l) => !l.includes(`${s.nonce}:`));
  assert.deepEqual(lines, ['[][][][]', 'fd3-closed', other, 'done', '']);
  s.ch.end(TIED_DONE);
  await s.closed;
});

test('a spare closed before any command leaves nothing on the host', async () => {
  const s = await startSpare();
  await until('the pgid marker', () => s.out().includes(`${s.nonce}:pgid:`));
  assert.ok(pgrep(s.nonce).length > 0 && sessionProcesses(s).length > 0);
  s.ch.close();
  await s.closed;
  await until('no process of the spare', () => pgrep(s.nonce).length === 0 && sessionProcesses(s).length === 0);
});

test('our channel closing mid-run ends the command\'s whole session, TERM-ignoring children too', async () => {
  const s = await startSpare();
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  s.ch.write(spareInput(`trap '' TERM; sh -c "trap '' TERM; sleep 310.${mark}" & sleep 311.${mark}\nwait`, s.nonce));
  await until('both sleepers', () => pgrep(`^sleep 31[01].${mark}`).length === 2);
  s.ch.close();
  await until('no sleeper left', () => pgrep(mark).length === 0);
  await until('no process of the spare', () => pgrep(s.nonce).length === 0 && sessionProcesses(s).length === 0);
});

test('a command that ended by itself has its background job left alone, even when our side then closes without saying done', async () => {
  const s = await startSpare();
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  s.ch.write(spareInput(`sleep 312.${mark} >/dev/null 2>&1 &\necho started`, s.nonce));
  await until('the exit marker', () => exitOf(s) !== null);
  s.ch.end();
  await s.closed;
  await until('the watcher gone', () => pgrep(s.nonce).length === 0);
  assert.equal(pgrep(`^sleep 312.${mark}`).length, 1, 'the background job goes on');
  execFileSync('pkill', ['-f', `^sleep 312.${mark}`]);
});
