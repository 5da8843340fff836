import type { Client, ClientChannel } from 'ssh2';
import { LineSplitter, type LineBlock } from '../domain/log-lines';
import { MarkerFilter } from '../domain/marker-filter';
import { TIED_DONE } from '../domain/remote-script';
import type { PumpOutcome } from '../domain/run-outcome';
import { holdReading } from './ssh-connect';
import type { TurnBudget } from './turn-budget';

export type { PumpOutcome };

interface Chunk {
  readonly err: boolean;
  readonly data: Buffer;
}

export interface PumpSink {
  lines(blocks: readonly LineBlock[], offsets: { out: number; err: number }): void;
  pgid(pgid: number): void;
}

/**
 * Stream one run's channel into lines: stdout and stderr split apart, this run's markers taken
 * out of stdout, byte offsets kept for resuming a detached run. Resolves when the channel or its
 * connection closes.
 */
export function pumpChannel(client: Client, ch: ClientChannel, nonce: string, sink: PumpSink, budget: TurnBudget, start = { out: 0, err: 0 }): Promise<PumpOutcome> {
  const out = new LineSplitter('stdout');
  const err = new LineSplitter('stderr');
  let outcome: PumpOutcome | null = null;
  const offsets = (): { out: number; err: number } => ({ out: start.out + out.consumed - markers.markerBytes, err: start.err + err.consumed });

  const markers = new MarkerFilter(nonce, (mk) => {
    if (mk.kind === 'pgid') sink.pgid(mk.value);
    else if (mk.kind === 'exit') {
      outcome = { kind: 'exit', code: mk.value };
      ch.end(TIED_DONE); // a tied run's watcher ends quietly, and the channel can close
    } else if (mk.kind === 'lost') outcome = { kind: 'lost' };
    else outcome = { kind: 'error', message: mk.value };
  });
  return new Promise((resolve) => {
    let done = false;
    const handle = (c: Chunk): void => {
      if (c.err) {
        const lines = err.push(c.data);
        if (lines.length) sink.lines(lines, offsets());
        return;
      }
      const lines = markers.take(out.push(c.data));
      if (lines.length || outcome) sink.lines(lines, offsets());
    };
    // Out of turn, output waits here in the order it came, stdout and stderr in one line: pausing
    // the two streams apart would let an error overtake the output written before it. The
    // connection stops being read meanwhile, so what waits is at most what one read brought. A chunk
    // that comes once the turn is used up waits unhandled too: a poll that reads hundreds of
    // connections then costs their decryption only (handling each first chunk tripled the loop's lag).
    const waiting: Chunk[] = [];
    let release: (() => void) | null = null;
    const hold = (): void => {
      release ??= holdReading(client);
    };
    const letGo = (): void => {
      release?.();
      release = null;
    };
    const go = (): void => {
      if (!waiting.length) {
        letGo();
        budget.resumedEmpty();
        return;
      }
      for (let c = waiting.shift(); c; c = waiting.shift()) {
        handle(c);
        if (budget.spent(go)) return;
      }
      letGo();
      budget.drained();
    };
    const arrive = (c: Chunk): void => {
      if (release || budget.spent(go)) {
        waiting.push(c);
        hold();
        return;
      }
      handle(c);
      if (budget.spent(go)) hold();
      else budget.drained();
    };
    const finish = (fallback: string): void => {
      if (done) return;
      done = true;
      client.off('close', onClientClose);
      for (const c of waiting.splice(0)) handle(c);
      letGo();
      const tail = [...markers.end(out.end()), ...err.end()];
      if (tail.length) sink.lines(tail, offsets());
      resolve(outcome ?? { kind: 'closed', message: fallback });
    };
    const onClientClose = (): void => finish('the SSH connection to the host was lost during the run');
    client.on('close', onClientClose);
    ch.on('data', (data: Buffer) => arrive({ err: false, data }));
    ch.stderr.on('data', (data: Buffer) => arrive({ err: true, data }));
    ch.on('close', () => finish('the remote session closed before the run reported its end'));
  });
}
