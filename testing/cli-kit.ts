import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../main/cli/cli-io';
import { runCli } from '../main/cli/taskdeck-cli';
import type { RunningServer } from '../main/server/http-server';
import type { Harness } from './core-harness';
import { startServerHarness, type ServerHarnessOptions } from './server-harness';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface FakeTerminal {
  /** stdout and stdin are terminals (tables, prompts); default false: piped. */
  readonly tty?: boolean;
  readonly columns?: number;
  readonly stdin?: string;
  /** Answers to confirmation prompts, in order; the questions are kept in `asked`. */
  readonly answers?: readonly boolean[];
  /** Typed answers to questions that want text (a typed confirmation), in order; the questions are kept in `asked`. */
  readonly typed?: readonly string[];
  /** Passwords typed at prompts without echo, in order; the prompts are kept in `asked`. Without them a prompt fails the test. */
  readonly passwords?: readonly string[];
  /** Aborted to stand for Ctrl-C. */
  readonly interrupted?: AbortSignal;
}

/** The CLI in-process against `url`, with its config in its own temp folder (never the user's home). */
export class CliKit {
  readonly configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-cli-config-'));
  readonly asked: string[] = [];

  constructor(readonly url: string) {}

  get configFile(): string {
    return path.join(this.configHome, 'taskdeck', 'config.yaml');
  }

  async run(args: readonly string[], env: Record<string, string> = {}, term: FakeTerminal = {}): Promise<CliRun> {
    const { io, out, err } = this.io(env, term);
    const code = await runCli(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  /** A fake terminal (or pipe) whose output is kept. */
  io(env: Record<string, string> = {}, term: FakeTerminal = {}): { io: CliIo; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const answers = [...(term.answers ?? [])];
    let partial = false;
    const typed = [...(term.typed ?? [])];
    const passwords = term.passwords ? [...term.passwords] : undefined;
    const io: CliIo = {
      env: { XDG_CONFIG_HOME: this.configHome, TASKDECK_URL: this.url, NO_COLOR: '1', ...env },
      stdoutIsTTY: term.tty ?? false,
      stdinIsTTY: term.tty ?? false,
      columns: term.columns ?? 100,
      out: (t) => {
        partial = false;
        out.push(t.replace(/\n$/, ''));
      },
      // A stream's pieces, kept as lines: a piece without a newline at its end is continued by the next.
      write: (t) => {
        t.split('\n').forEach((piece, i) => (i === 0 && partial ? (out[out.length - 1] += piece) : out.push(piece)));
        partial = !t.endsWith('\n');
        if (!partial) out.pop();
      },
      err: (t) => err.push(t.replace(/\n$/, '')),
      readStdin: async () => term.stdin ?? '',
      confirm: async (q) => {
        this.asked.push(q);
        return answers.shift() ?? false;
      },
      ask: async (q) => {
        this.asked.push(q);
        return typed.shift() ?? '';
      },
      password: async (q) => {
        if (!passwords) throw new Error('no terminal in this test');
        this.asked.push(q);
        return passwords.shift() ?? '';
      },
      watchInterrupt: () => ({ signal: term.interrupted ?? new AbortController().signal, dispose: () => {} }),
    };
    return { io, out, err };
  }

  /** Sign in as admin into the default context. */
  async login(): Promise<void> {
    const r = await this.run(['login', '--user-name', 'admin'], { TASKDECK_PASSWORD: 'adminpass1' });
    if (r.code !== 0) throw new Error(`login failed: ${r.err}`);
  }

  dispose(): void {
    fs.rmSync(this.configHome, { recursive: true, force: true });
  }
}

/** A fresh core behind the real HTTP server (startServerHarness), and the CLI signed in to it as admin; `dispose` ends all three. */
export async function startCliServer(o: ServerHarnessOptions = {}): Promise<{ readonly h: Harness; readonly server: RunningServer; readonly cli: CliKit; dispose(): Promise<void> }> {
  const s = await startServerHarness(o);
  const cli = new CliKit(s.server.url);
  await cli.login();
  return {
    h: s.h, server: s.server, cli,
    async dispose() {
      await s.dispose();
      cli.dispose();
    },
  };
}
