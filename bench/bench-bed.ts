/**
 * The bench's loopback host bed: N listen addresses in 127.31.0.0/16 served by ceil(N/16) sshds
 * on one port, one host key, one client key, a dedicated login user, and the client-side files
 * every peer tool uses (ssh_config, known_hosts, hosts list). Everything lives in one temp dir;
 * ~/.ssh is never read or written (every ssh is started with -F).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { assertSshdAvailable, fingerprintOfPublicKeyLine, getFreePort, SSHD_PATH } from '../e2e/fixtures/sshd';
import { createBenchUser, isRoot, type BenchUser } from './bench-user';
import { sleep } from './bench-util';

const execFileAsync = promisify(execFile);
/** sshd refuses more than 16 ListenAddress entries. */
const ADDRESSES_PER_SSHD = 16;
const READY_TIMEOUT_MS = 15_000;

export interface HostBed {
  readonly dir: string;
  readonly user: BenchUser;
  readonly port: number;
  readonly addresses: readonly string[];
  readonly sshdCount: number;
  readonly clientKeyPath: string;
  readonly hostKeyFingerprint: string;
  /** ssh client config for every peer: user, port, key, temp known_hosts, strict checking */
  readonly sshConfigPath: string;
  readonly knownHostsPath: string;
  /** one "address:port" a line (pssh -h) */
  readonly hostsFilePath: string;
  dispose(): Promise<void>;
}

/** The i-th bench address, 0-based: 127.31.0.1, 127.31.0.2, … (250 a /24). */
export const benchAddress = (i: number): string => `127.31.${Math.floor(i / 250)}.${(i % 250) + 1}`;

function sshdConfig(dir: string, addresses: readonly string[], port: number, user: BenchUser): string {
  return [
    ...addresses.map((a) => `ListenAddress ${a}:${port}`),
    `HostKey ${dir}/host_ed25519`,
    `PidFile none`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    `AllowUsers ${user.name}`,
    'StrictModes no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes',
    `PermitRootLogin ${user.name === 'root' ? 'yes' : 'no'}`,
    'UsePAM no', 'UseDNS no', 'PrintMotd no', 'PrintLastLog no', 'X11Forwarding no',
    // The whole fan-out connects at once: no random early drops of unauthenticated connections.
    'MaxStartups 1000:100:1000', 'MaxSessions 64', 'LogLevel INFO', '',
  ].join('\n');
}

/** Start sshd for `addresses`; resolves when it reports listening on all of them. */
async function launchSshd(cfgPath: string, logPath: string, addresses: readonly string[], port: number): Promise<ChildProcess> {
  const fd = fs.openSync(logPath, 'a');
  const child = spawn(SSHD_PATH, ['-D', '-e', '-f', cfgPath], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const log = fs.readFileSync(logPath, 'utf8');
    if (child.exitCode !== null || /Bind to port \d+ on \S+ failed|Cannot bind/.test(log)) {
      child.kill('SIGKILL');
      throw new Error(`sshd ${cfgPath} did not start: ${log.trim().split('\n').slice(-5).join(' | ')}`);
    }
    if (addresses.every((a) => log.includes(`Server listening on ${a} port ${port}.`))) return child;
    await sleep(20);
  }
  child.kill('SIGKILL');
  throw new Error(`sshd ${cfgPath} was not listening on ${addresses.length} addresses within ${READY_TIMEOUT_MS} ms`);
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Every process below `root`, from /proc's parent links. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(e)]);
    } catch {
      // ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

export async function startBed(hostCount: number): Promise<HostBed> {
  assertSshdAvailable();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-'));
  fs.chmodSync(dir, 0o711); // the bench user must reach its home and authorized_keys below
  const sshds: ChildProcess[] = [];
  let user: BenchUser | undefined;
  const cleanupSync = (): void => {
    for (const c of sshds) {
      // Per-connection sshd processes outlive their listener: end them too, by pid.
      for (const pid of c.pid ? descendants(c.pid) : []) killPid(pid);
      c.kill('SIGKILL');
    }
    user?.removeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanupSync);
  try {
    if (isRoot()) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    user = createBenchUser(path.join(dir, 'home'));
    const clientKeyPath = path.join(dir, 'client_ed25519');
    await Promise.all([
      execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'taskdeck-bench-host', '-f', path.join(dir, 'host_ed25519')]),
      execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'taskdeck-bench-client', '-f', clientKeyPath]),
    ]);
    const authorized = path.join(dir, 'authorized_keys');
    fs.copyFileSync(`${clientKeyPath}.pub`, authorized);
    fs.chownSync(authorized, user.uid, user.gid); // sshd reads it as the user
    const hostPub = fs.readFileSync(path.join(dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');

    const addresses = Array.from({ length: hostCount }, (_, i) => benchAddress(i));
    let port = 0;
    for (let attempt = 0; sshds.length === 0; attempt++) {
      port = await getFreePort(addresses[0]);
      try {
        for (let i = 0; i < addresses.length; i += ADDRESSES_PER_SSHD) {
          const group = addresses.slice(i, i + ADDRESSES_PER_SSHD);
          const cfg = path.join(dir, `sshd_${i / ADDRESSES_PER_SSHD}.conf`);
          fs.writeFileSync(cfg, sshdConfig(dir, group, port, user), { mode: 0o600 });
          sshds.push(await launchSshd(cfg, path.join(dir, `sshd_${i / ADDRESSES_PER_SSHD}.log`), group, port));
        }
      } catch (err) {
        // The free-port probe is racy: another process may take the port on some address. Retry on a new one.
        for (const c of sshds.splice(0)) c.kill('SIGKILL');
        if (attempt >= 2) throw err;
      }
    }

    const knownHostsPath = path.join(dir, 'known_hosts');
    fs.writeFileSync(knownHostsPath, addresses.map((a) => `[${a}]:${port} ${hostPub}\n`).join(''));
    const hostsFilePath = path.join(dir, 'hosts');
    fs.writeFileSync(hostsFilePath, addresses.map((a) => `${a}:${port}\n`).join(''));
    const sshConfigPath = path.join(dir, 'ssh_config');
    fs.writeFileSync(sshConfigPath, [
      'Host *', `  User ${user.name}`, `  Port ${port}`, `  IdentityFile ${clientKeyPath}`, '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHostsPath}`, '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes',
      '  BatchMode yes', '  LogLevel ERROR', '  ConnectTimeout 20', '',
    ].join('\n'));

    const u = user;
    return {
      dir, user: u, port, addresses, sshdCount: sshds.length, clientKeyPath, sshConfigPath, knownHostsPath, hostsFilePath,
      hostKeyFingerprint: fingerprintOfPublicKeyLine(hostPub),
      async dispose() {
        await Promise.all(sshds.map((c) => new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 5_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        })));
        process.off('exit', cleanupSync);
        cleanupSync();
      },
    };
  } catch (err) {
    process.off('exit', cleanupSync);
    cleanupSync();
    throw err;
  }
}
