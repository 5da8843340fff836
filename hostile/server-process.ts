/**
 * The real browser-mode server as a child process: a crash is an 'exit' we can see, memory is the
 * child's VmRSS, and `kill -9` is a real kill. Each test file starts its own on a temp data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rawRequest } from './api-client';

export const ROOT = path.resolve(import.meta.dirname, '..');
const ENTRY = path.join(ROOT, 'hostile', 'serve-entry.ts');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export const ADMIN = { user_name: 'admin', password: 'admin-pass-1' } as const;

export interface Exit { readonly code: number | null; readonly signal: NodeJS.Signals | null }

export interface ServerProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly pid: number;
  /** Resolves when the process ends, for whatever reason. */
  readonly exited: Promise<Exit>;
  alive(): boolean;
  /** Everything the process printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Resident memory of the server process in MB (from /proc). */
  rssMb(): number;
  /**
   * Whether the server is still alive once what a request set off has run its course: a crash from
   * a socket error lands turns of the event loop after the reply, so we wait for 20 more round
   * trips through that loop (states, not time) before judging.
   */
  settled(): Promise<boolean>;
  /** SIGTERM and wait; the data folder stays (see `dispose`). */
  stop(): Promise<Exit>;
  /** SIGKILL and wait: a crash the console did not choose. */
  kill9(): Promise<Exit>;
  /** stop, then remove the data folder unless it was given by the caller. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** An existing data folder (a restart); default: a fresh temp folder removed on dispose. */
  readonly dataDir?: string;
  /** Remove the given data folder on dispose (a restart of a server whose folder is the test's own). */
  readonly ownsDataDir?: boolean;
  /** Create the first admin from the environment (default true). */
  readonly admin?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

/** A built-renderer stand-in, so static serving (and its path handling) is exercised too. */
function staticDir(): string {
  const dir = path.join(os.tmpdir(), 'taskdeck-hostile-static');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Taskdeck</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-hostile-'));
}

function spawnServer(dataDir: string, o: StartOptions): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env };
  delete env.TASKDECK_ADMIN_USER;
  delete env.TASKDECK_ADMIN_PASSWORD;
  if (o.admin !== false) Object.assign(env, { TASKDECK_ADMIN_USER: ADMIN.user_name, TASKDECK_ADMIN_PASSWORD: ADMIN.password });
  const args = ['--import', 'tsx', ENTRY, '--port', '0', '--data-dir', dataDir, '--static-dir', staticDir()];
  return spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Start `taskdeck serve` from source; resolves once it prints the URL it serves. */
export async function startServer(o: StartOptions = {}): Promise<ServerProcess> {
  const ownDir = o.dataDir === undefined || o.ownsDataDir === true;
  const dataDir = o.dataDir ?? freshDataDir();
  const child = spawnServer(dataDir, o);
  let out = '';
  const collect = (b: Buffer): void => {
    // Bounded: a server that logs 10,000 errors must not make the test itself run out of memory.
    out = (out + b.toString()).slice(-200_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = exitOf(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    const onData = (): void => {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`server exited while starting (code ${e.code}, signal ${e.signal}):\n${out}`));
    });
  });
  const signalAndWait = async (sig: NodeJS.Signals): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    // A server too busy (or too broken) to honour SIGTERM is killed: a test must never hang on it.
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  };
  return {
    url,
    dataDir,
    pid: child.pid!,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => out,
    rssMb: () => rssMbOf(child.pid!),
    async settled() {
      const alive = (): boolean => child.exitCode === null && child.signalCode === null;
      for (let i = 0; i < 20 && alive(); i++) {
        const answered = await rawRequest(url, { method: 'GET', path: '/api/v1/health', timeoutMs: 10_000 }).then(() => true, () => false);
        // No answer: the process is going down; its exit event follows (bounded, in case it hangs instead).
        if (!answered) await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
      }
      return alive();
    },
    stop: () => signalAndWait('SIGTERM'),
    kill9: () => signalAndWait('SIGKILL'),
    async dispose() {
      await signalAndWait('SIGTERM');
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Start the server on a data folder that must be refused: resolves with its exit and output (it must not serve). */
export async function startExpectingRefusal(dataDir: string, o: StartOptions = {}): Promise<{ exit: Exit; output: string; served: boolean }> {
  const child = spawnServer(dataDir, o);
  let out = '';
  let served = false;
  const onData = (b: Buffer): void => {
    out += b.toString();
    // A server that serves was not refused: end it so the test can report it.
    if (!served && /serving http:/.test(out)) {
      served = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // Neither serving nor exiting is a hang, not a refusal: end it and let the test say so.
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  const exit = await exitOf(child);
  clearTimeout(timer);
  return { exit, output: out, served };
}

export function rssMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Open file descriptors of a process whose target matches (e.g. /^socket:/). */
export function openFds(pid: number, match: RegExp): number {
  let n = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (match.test(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

/**
 * Before each test of a suite: a server that crashed is counted and started again on the same data,
 * and the suite's client pointed at it, so one crash fails only the test that caused it.
 */
export async function revivedIfCrashed(server: ServerProcess, stats: { figures: { crashes: number } }, api: { retarget(url: string): void }): Promise<ServerProcess> {
  if (await server.settled()) return server;
  stats.figures.crashes++;
  const revived = await startServer({ dataDir: server.dataDir, ownsDataDir: true });
  api.retarget(revived.url);
  return revived;
}
