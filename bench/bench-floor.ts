/**
 * The physical floor under Taskdeck's fan-out and bulk figures: bare ssh2 on the same bed, in the
 * same process and run — connect, exec, read, end — with no pool, store, log writer, events or
 * remote wrapper. What Taskdeck takes beyond these is its own cost.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import ssh2, { Client, type ParsedKey, type PublicKeyAuthMethod } from 'ssh2';
import type { HostBed } from './bench-bed';

const TIMEOUT_MS = 120_000;

const fingerprint = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

/** The bed's client key, parsed once (as Taskdeck parses a host's key once, before connecting). */
function bedKey(bed: HostBed): ParsedKey {
  const parsed = ssh2.utils.parseKey(fs.readFileSync(bed.clientKeyPath));
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`the bed's client key cannot be read: ${key instanceof Error ? key.message : 'empty'}`);
  return key;
}

/**
 * One authenticated connection to a bed address, the bed's host key checked as Taskdeck checks it.
 * Nagle off, as Taskdeck has it: else each small packet waits ~40 ms for a delayed ACK, and the floor is no floor.
 */
function connect(bed: HostBed, address: string, key: ParsedKey): Promise<Client> {
  const offer: PublicKeyAuthMethod = { type: 'publickey', username: bed.user.name, key };
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.once('ready', () => resolve(c));
    const sock = net.connect({ host: address, port: bed.port, noDelay: true });
    const fail = (err: Error): void => {
      sock.destroy();
      reject(err);
    };
    sock.once('error', fail);
    c.once('error', fail);
    c.connect({
      sock, username: bed.user.name, readyTimeout: TIMEOUT_MS,
      authHandler: [offer],
      hostVerifier: (key: Buffer) => fingerprint(key) === bed.hostKeyFingerprint,
    });
  });
}

/** Run `command` on its own channel; resolves with the stdout bytes once the channel closes with exit 0. */
function exec(client: Client, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, ch) => {
      if (err) return reject(err);
      let bytes = 0;
      let code: number | null = null;
      ch.on('data', (d: Buffer) => (bytes += d.length));
      ch.stderr.resume();
      ch.once('exit', (c: number | null) => (code = c));
      ch.once('close', () => (code === 0 ? resolve(bytes) : reject(new Error(`${command.slice(0, 40)} exited ${code}`))));
    });
  });
}

/** Wall time of `fn`, bounded. */
async function timed(what: string, fn: () => Promise<unknown>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const t0 = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)))]);
    return performance.now() - t0;
  } finally {
    clearTimeout(timer);
  }
}

/** Connect to the first `n` addresses at once, run `command` on each, end each: the wall time of all of it but the sockets' close. */
export async function floorCold(bed: HostBed, n: number, command: string): Promise<number> {
  const key = bedKey(bed);
  const errors: unknown[] = [];
  const ms = await timed('bare ssh2 cold fan-out', () => Promise.all(bed.addresses.slice(0, n).map(async (a) => {
    let c: Client | undefined;
    try {
      c = await connect(bed, a, key);
      await exec(c, command);
    } catch (err) {
      errors.push(err);
    } finally {
      c?.end();
    }
  })));
  if (errors.length) throw errors[0];
  return ms;
}

/** Open `n` connections first (not timed), then run `command` on all of them at once: the wall time of the execs, and this process's CPU time over them. */
export async function floorWarm(bed: HostBed, n: number, command: string): Promise<{ ms: number; cpuMs: number }> {
  const key = bedKey(bed);
  const settled = await Promise.allSettled(bed.addresses.slice(0, n).map((a) => connect(bed, a, key)));
  const clients = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const cpu0 = process.cpuUsage();
    const ms = await timed('bare ssh2 warm fan-out', () => Promise.all(clients.map((c) => exec(c, command))));
    const cpu = process.cpuUsage(cpu0);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    for (const c of clients) c.end();
  }
}

/** One host's output read off its channel and counted, on a connection opened first: wall time and bytes. */
export async function floorBulk(bed: HostBed, command: string, bytes: number): Promise<{ ms: number; bytes: number }> {
  const c = await connect(bed, bed.addresses[0]!, bedKey(bed));
  try {
    let got = 0;
    const ms = await timed('bare ssh2 bulk read', async () => (got = await exec(c, command)));
    if (got !== bytes) throw new Error(`bare ssh2 bulk read ${got} bytes, expected ${bytes}`);
    return { ms, bytes: got };
  } finally {
    c.end();
  }
}
