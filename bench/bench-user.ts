/**
 * The bench's login account: a dedicated user with a plain /bin/sh and an empty home in the
 * bench's temp dir (no rc files), so remote work is the same for every tool measured. Without
 * root we fall back to the current user and say so.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

const PREFIX = 'tdbench';

export interface BenchUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly dedicated: boolean;
  /** why the bench is not on a dedicated user, or null */
  readonly note: string | null;
  /** SIGKILL the user's processes (by pid) and delete the account; synchronous so it can run on exit. Idempotent. */
  removeSync(): void;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function passwdEntries(): { name: string; uid: number; gid: number }[] {
  return fs.readFileSync('/etc/passwd', 'utf8').split('\n').filter(Boolean).map((l) => {
    const f = l.split(':');
    return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]) };
  });
}

/** Pids of the processes whose real uid is `uid`, read from /proc. */
export function pidsOfUid(uid: number): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${e}/status`, 'utf8'));
      if (m && Number(m[1]) === uid) pids.push(Number(e));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeAccount(name: string, uid: number): void {
  // Bounded: a process forked between our kill and userdel makes userdel refuse; try a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    for (const pid of pidsOfUid(uid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    try {
      execFileSync('userdel', [name], { stdio: 'ignore' });
      return;
    } catch {
      if (!passwdEntries().some((e) => e.name === name)) return;
    }
  }
}

/** Accounts `tdbench<pid>` left by a bench that was SIGKILLed: its pid is gone, so the account is ours to remove. */
function sweepStale(): void {
  for (const e of passwdEntries()) {
    const m = new RegExp(`^${PREFIX}(\\d+)$`).exec(e.name);
    if (m && !pidAlive(Number(m[1]))) removeAccount(e.name, e.uid);
  }
}

/** Create the bench user with its home at `home` (which must not exist yet). */
export function createBenchUser(home: string): BenchUser {
  if (!isRoot()) {
    const me = os.userInfo();
    return {
      name: me.username, uid: me.uid, gid: me.gid, home: me.homedir, dedicated: false,
      note: `not root: the bed logs in as the current user ${me.username}, whose login shell (${me.shell ?? '?'}) and rc files apply`,
      removeSync: () => {},
    };
  }
  sweepStale();
  const name = `${PREFIX}${process.pid}`;
  // '*' = no password but not locked: with UsePAM no, sshd refuses key logins to '!'-locked accounts.
  execFileSync('useradd', ['--no-create-home', '--home-dir', home, '--shell', '/bin/sh', '--password', '*', name], { stdio: 'pipe' });
  const entry = passwdEntries().find((e) => e.name === name)!;
  fs.mkdirSync(home, { mode: 0o700 });
  fs.chownSync(home, entry.uid, entry.gid);
  let removed = false;
  return {
    ...entry, home, dedicated: true, note: null,
    removeSync: () => {
      if (removed) return;
      removed = true;
      removeAccount(name, entry.uid);
    },
  };
}
