/**
 * The peers Taskdeck is measured against, each driven as a user would from a shell:
 * parallel-ssh, Ansible ad-hoc `-m raw` (cold, then warm over ControlPersist), and a plain
 * OpenSSH loop over ControlMaster. Every ssh they start reads only the bed's ssh_config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostBed } from './bench-bed';
import { isRoot } from './bench-user';
import { runProc, type ProcResult } from './bench-util';

const RUN_TIMEOUT_MS = 180_000;
const INSTALL_TIMEOUT_MS = 600_000;

/** A wall time, or null with the reason it could not be measured. */
export type Measured = { ms: number; reason: null } | { ms: null; reason: string };

const which = (cmd: string): boolean => fs.existsSync(`/usr/bin/${cmd}`) || fs.existsSync(`/usr/local/bin/${cmd}`);

/** Peer tools by Debian package; missing ones are installed with apt-get when root. Returns why each unavailable one is missing. */
export async function ensurePeers(log: (m: string) => void): Promise<Record<string, string>> {
  const wanted = [{ pkg: 'pssh', cmd: 'parallel-ssh' }, { pkg: 'ansible-core', cmd: 'ansible' }];
  const missing = wanted.filter((w) => !which(w.cmd));
  if (missing.length && isRoot()) {
    log(`installing ${missing.map((m) => m.pkg).join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await runProc('apt-get', ['update', '-qq'], { env, timeoutMs: INSTALL_TIMEOUT_MS });
    await runProc('apt-get', ['install', '-y', '-qq', ...missing.map((m) => m.pkg)], { env, timeoutMs: INSTALL_TIMEOUT_MS });
  }
  const reasons: Record<string, string> = {};
  for (const w of wanted) {
    if (!which(w.cmd)) reasons[w.pkg] = isRoot() ? `apt-get install ${w.pkg} failed` : `${w.cmd} not installed and not root (apt-get install ${w.pkg})`;
  }
  return reasons;
}

/** The environment of every peer process: HOME in the bed, so no tool writes to the user's home. */
function peerEnv(bed: HostBed, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = path.join(bed.dir, 'client-home');
  fs.mkdirSync(home, { recursive: true });
  return { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: home, ...extra };
}

function judge(r: ProcResult, okLines: number, expected: number, what: string): Measured {
  if (r.timedOut) return { ms: null, reason: `${what} timed out after ${RUN_TIMEOUT_MS} ms` };
  if (r.code !== 0 || okLines !== expected) {
    return { ms: null, reason: `${what} exited ${r.code} with ${okLines}/${expected} hosts ok: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' | ')}` };
  }
  return { ms: r.ms, reason: null };
}

/** `parallel-ssh -h hosts -p N -i echo hi` on the first `n` hosts; new connections every time. */
export async function runPssh(bed: HostBed, n: number): Promise<Measured> {
  const hosts = path.join(bed.dir, `pssh-hosts-${n}`);
  fs.writeFileSync(hosts, bed.addresses.slice(0, n).map((a) => `${a}:${bed.port}\n`).join(''));
  const r = await runProc('parallel-ssh', ['-h', hosts, '-l', bed.user.name, '-p', String(n), '-t', '60', '-x', `-F ${bed.sshConfigPath}`, '-i', 'echo', 'hi'], { env: peerEnv(bed), timeoutMs: RUN_TIMEOUT_MS });
  return judge(r, (r.stdout.match(/\[SUCCESS\]/g) ?? []).length, n, 'parallel-ssh');
}

/** Ansible's config and inventory for the first `n` hosts; masters persist under `controlDir`. */
function ansibleFiles(bed: HostBed, n: number, controlDir: string): NodeJS.ProcessEnv {
  const d = path.join(bed.dir, 'ansible');
  fs.mkdirSync(path.join(d, 'tmp'), { recursive: true });
  fs.mkdirSync(controlDir, { recursive: true });
  const inventory = path.join(d, `inventory-${n}.ini`);
  fs.writeFileSync(inventory, [
    ...bed.addresses.slice(0, n).map((a, i) => `h${i} ansible_host=${a}`),
    '[all:vars]', `ansible_port=${bed.port}`, `ansible_user=${bed.user.name}`, `ansible_ssh_private_key_file=${bed.clientKeyPath}`, '',
  ].join('\n'));
  const cfg = path.join(d, 'ansible.cfg');
  fs.writeFileSync(cfg, [
    '[defaults]', 'host_key_checking = True', `local_tmp = ${d}/tmp`, 'retry_files_enabled = False', 'deprecation_warnings = False', 'nocolor = True',
    '[ssh_connection]', `ssh_args = -F ${bed.sshConfigPath} -o ControlMaster=auto -o ControlPersist=120s`,
    'control_path = %(directory)s/%%C', '',
  ].join('\n'));
  return peerEnv(bed, { ANSIBLE_CONFIG: cfg, ANSIBLE_HOME: path.join(d, 'home'), ANSIBLE_INVENTORY: inventory, ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir });
}

/** `ansible all -m raw -a 'echo hi' -f n`. */
export async function runAnsibleRaw(bed: HostBed, n: number, controlDir: string): Promise<Measured> {
  const r = await runProc('ansible', ['all', '-m', 'raw', '-a', 'echo hi', '-f', String(n)], { env: ansibleFiles(bed, n, controlDir), timeoutMs: RUN_TIMEOUT_MS });
  return judge(r, (r.stdout.match(/\| (CHANGED|SUCCESS) \| rc=0/g) ?? []).length, n, 'ansible');
}

/** A shell loop that starts `ssh host echo hi` for every host in the background and waits; masters persist under `controlDir`. */
export async function runOpensshLoop(bed: HostBed, n: number, controlDir: string): Promise<Measured> {
  fs.mkdirSync(controlDir, { recursive: true });
  const ssh = `ssh -F ${bed.sshConfigPath} -o ControlMaster=auto -o ControlPersist=120s -o ControlPath=${controlDir}/%C`;
  const script = `for h in "$@"; do { ${ssh} "$h" echo hi >/dev/null 2>&1 && echo OK || echo "FAIL $h"; } & done; wait`;
  const r = await runProc('sh', ['-c', script, 'sh', ...bed.addresses.slice(0, n)], { env: peerEnv(bed), timeoutMs: RUN_TIMEOUT_MS });
  return judge(r, (r.stdout.match(/^OK$/gm) ?? []).length, n, 'openssh loop');
}

/** Per-command times of `ssh host true` over an established ControlMaster, run one after another. */
export async function opensshLatency(bed: HostBed, samples: number, controlDir: string): Promise<number[] | string> {
  const base = ['-F', bed.sshConfigPath, '-o', 'ControlMaster=auto', '-o', 'ControlPersist=120s', '-o', `ControlPath=${controlDir}/%C`, bed.addresses[0]!];
  const env = peerEnv(bed);
  fs.mkdirSync(controlDir, { recursive: true });
  const times: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const r = await runProc('ssh', [...base, 'true'], { env, timeoutMs: 30_000 });
    if (r.code !== 0) return `ssh exited ${r.code}: ${r.stderr.trim()}`;
    if (i > 0) times.push(r.ms); // the first one opens the master
  }
  return times;
}

/** Close every ControlMaster whose socket is in `controlDir` (ssh -O exit), then remove the dir. */
export async function closeMasters(bed: HostBed, controlDir: string): Promise<void> {
  if (!fs.existsSync(controlDir)) return;
  await Promise.all(fs.readdirSync(controlDir).map((sock) =>
    runProc('ssh', ['-F', bed.sshConfigPath, '-o', `ControlPath=${path.join(controlDir, sock)}`, '-O', 'exit', 'bench'], { env: peerEnv(bed), timeoutMs: 10_000 })));
  fs.rmSync(controlDir, { recursive: true, force: true });
}
