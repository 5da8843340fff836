import { API_PREFIX } from '../../shared/api/contract';
import { readEvents } from '../../shared/api/http-transport';
import type { z } from 'zod';
import type { Instance, LogLine, LogWindow as LogWindowSchema } from '../../shared/domain/instances';
import type { CliClient } from './cli-client';
import { UsageError } from './cli-errors';
import { printResult } from './cli-output';
import type { CommandOverride } from './cli-program';

type LogWindow = z.infer<typeof LogWindowSchema>;

const RUNNING = 1;
const PAGE = 1000;

/** A log line as `log.txt` has it: system lines marked, the others as the command wrote them. */
function textOf(line: LogLine): string {
  return line.stream === 'system' ? `# taskdeck: ${line.text}` : line.text;
}

/**
 * Prints lines in order, once each, from `next` on. Windows read over REST fill what the event stream did not carry
 * (lines written before it was open, or dropped because the reader fell behind).
 */
class LogPrinter {
  next: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: CliClient,
    private readonly id: string,
    from: number,
  ) {
    this.next = from;
  }

  /** Read windows until the stored end. */
  catchUp(): Promise<void> {
    return this.queue(() => this.catchUpNow());
  }

  /** Lines that came as an event: printed when they join on, else a window is read for the gap. */
  offer(lines: readonly LogLine[]): Promise<void> {
    return this.queue(async () => {
      if (lines.length > 0 && lines[0]!.n > this.next) return this.catchUpNow();
      this.print(lines);
    });
  }

  private async catchUpNow(): Promise<void> {
    for (;;) {
      const w = (await this.client.call('instances.log', { id: this.id, from_line: this.next, limit: PAGE })) as LogWindow;
      this.print(w.lines);
      if (w.lines.length < PAGE) return;
    }
  }

  private print(lines: readonly LogLine[]): void {
    const fresh = lines.filter((l) => l.n >= this.next);
    if (fresh.length === 0) return;
    this.client.io.out(fresh.map(textOf).join('\n'));
    this.next = fresh[fresh.length - 1]!.n + 1;
  }

  private queue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work);
    return this.chain;
  }
}

/**
 * `instance log --id N [--from-line L] [--follow]`. Following listens on the event stream (`/api/v1/events`): lines
 * arrive as they are written, with no polling delay and no request per second while a run is quiet; it ends when the
 * instance does, or on Ctrl-C.
 */
async function follow(client: CliClient, id: string, from: number): Promise<void> {
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  const interrupt = client.io.watchInterrupt();
  interrupt.signal.addEventListener('abort', stop);
  try {
    const printer = new LogPrinter(client, id, from);
    // Open the stream first, so that nothing written between the catch-up and the subscription is missed.
    const res = await client.openStream(`${API_PREFIX}/events`, abort.signal);
    let ended = false;
    let failure: unknown;
    const fail = (err: unknown): void => {
      failure ??= err;
      stop();
    };
    // A stream that breaks is followed again below, like one the server closed.
    const reading = readEvents(res, (e) => {
      if (e.type === 'instance.log' && e.data.id === id) printer.offer(e.data.lines).catch(fail);
      if (e.type === 'instance.changed' && e.data.instance.id === id && e.data.instance.status !== RUNNING && !ended) {
        ended = true;
        printer.catchUp().then(stop, fail);
      }
    }).catch(() => {});
    const instance = (await client.call('instances.get', { id })) as Instance;
    await printer.catchUp();
    // It had ended already: the stored log, just printed, is the whole log.
    if (instance.status !== RUNNING) return;
    await reading;
    if (failure) throw failure;
    // The server closed the stream (it restarted, or dropped a slow reader) while the run went on: follow again.
    if (!abort.signal.aborted) return follow(client, id, printer.next);
  } finally {
    interrupt.signal.removeEventListener('abort', stop);
    interrupt.dispose();
    abort.abort();
  }
}

export function logOverride(): CommandOverride {
  return {
    extraOptions: (cmd) =>
      cmd.option('--follow', 'keep printing lines as they are written, until the instance ends (Ctrl-C stops)'),
    async run(client, run) {
      const from = (run.input.from_line as number | undefined) ?? 1;
      if (from < 1) throw new UsageError('--from-line must be at least 1');
      if (run.opts.follow) return follow(client, run.input.id as string, from);
      const window = (await client.call(run.name, run.input)) as LogWindow;
      // Lines are text: JSON or YAML only when asked for (`-o json`).
      if (run.opts.format === 'json' || run.opts.format === 'yaml') return printResult(window, run.facts, run.opts.format, client.io);
      if (window.lines.length) client.io.out(window.lines.map(textOf).join('\n'));
    },
  };
}
