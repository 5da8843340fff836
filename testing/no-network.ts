import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Loaded into a child process: every socket it tries to open or name it tries to look up is refused and noted. */
const GUARD = `
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';
const note = (what) => fs.appendFileSync(process.env.TASKDECK_NET_LOG, what + '\\n');
net.Socket.prototype.connect = function (...args) { note('connect ' + JSON.stringify(args[0])); throw new Error('no network in this test'); };
dns.lookup = (host, ...rest) => { note('lookup ' + host); rest.at(-1)(new Error('no network in this test')); };
`;

export interface Offline {
  /** Node arguments that load the guard (before the script). */
  readonly nodeArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** What the process tried to reach; empty when it stayed offline. */
  attempts(): string;
}

/** Run a third-party tool (a linter, a generator) with the network refused, and see whether it tried. */
export function offline(dir: string): Offline {
  const guard = path.join(dir, 'no-network.mjs');
  const log = path.join(dir, 'network.log');
  fs.writeFileSync(guard, GUARD);
  fs.writeFileSync(log, '');
  return { nodeArgs: ['--import', pathToFileURL(guard).href], env: { TASKDECK_NET_LOG: log }, attempts: () => fs.readFileSync(log, 'utf8') };
}
