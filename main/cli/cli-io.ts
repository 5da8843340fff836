import { createInterface } from 'node:readline/promises';

/** Everything the CLI touches outside itself, so tests can run it in-process and under a pseudo-terminal alike. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal: tables and colour there, raw JSON when piped. */
  readonly stdoutIsTTY: boolean;
  /** Whether stdin is a terminal: prompts are possible. */
  readonly stdinIsTTY: boolean;
  readonly columns: number;
  out(text: string): void;
  /** Text as it is, no newline added (a stream's pieces). */
  write(text: string): void;
  err(text: string): void;
  /** All of stdin as text (a password piped in). */
  readStdin(): Promise<string>;
  /** Ask on the terminal; true only for y / yes. */
  confirm(question: string): Promise<boolean>;
  /** Ask on the terminal for a typed answer (a typed confirmation); the text as typed. */
  ask(question: string): Promise<string>;
  /** Read a password without echo. */
  password(message: string): Promise<string>;
  /** For commands that follow until told to stop: Ctrl-C aborts the signal instead of ending the process, until disposed. */
  watchInterrupt(): { readonly signal: AbortSignal; dispose(): void };
}

/** The real process: stdout, stderr, stdin and the terminal. */
export function processIo(): CliIo {
  // `taskdeck … | head`: the reader left, so the output is no longer wanted; end quietly, as Unix tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  return {
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    // COLUMNS wins so that a width can be fixed (tests, `COLUMNS=200 taskdeck … | less -S`).
    columns: Number(process.env.COLUMNS) || process.stdout.columns || 80,
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    write: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    async confirm(question) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
      } finally {
        rl.close();
      }
    },
    async ask(question) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    async password(message) {
      const { default: password } = await import('@inquirer/password');
      return password({ message }, { output: process.stderr });
    },
    watchInterrupt() {
      const abort = new AbortController();
      const onSigint = (): void => abort.abort();
      process.on('SIGINT', onSigint);
      return { signal: abort.signal, dispose: () => void process.off('SIGINT', onSigint) };
    },
  };
}
