import type { Client, ClientChannel } from 'ssh2';
import { LineSplitter, type CutGuard, type LineBlock } from '../domain/log-lines';
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
  /** Where a long line may be cut: never inside a run secret, so the sink masks each piece whole. */
  readonly guard?: CutGuard;
  /** The run's secrets masked in text from the host that is not output (a failed upload's or start's stderr); absent: it has none. */
  mask?(text: string): string;
}

/**
 * Stream one run's channel into lines: stdout and stderr split apart, this run's markers taken
 * out of both, byte offsets kept for resuming a detached run. Resolves when the channel or its
 * connection closes, or once a tied run reported `done` and the end of its stderr: then the
 * channel is left open and paused, ready for the next command (`reusable`).
 */
export function pumpChannel(client: Client, ch: ClientChannel, nonce: string, sink: PumpSink, budget: TurnBudget, start = { out: 0, err: 0 }): Promise<PumpOutcome> {
  const out = new LineSplitter('stdout', sink.guard);
  const err = new LineSplitter('stderr', sink.guard);
  let outcome: PumpOutcome | null = null;
  const offsets = (): { out: number; err: number } => ({ out: start.out + out.consumed - markers.markerBytes, err: start.err + err.consumed });

  /** A tied run's `done`: its status, and whether the end of its stderr has come too. */
  let done: number | null = null;
  let errEnded = false;
  const markers = new MarkerFilter(nonce, (mk) => {
    if (mk.kind === 'pgid') sink.pgid(mk.value);
    else if (mk.kind === 'done') done = mk.value;
    else if (mk.kind === 'exit') {
      outcome = { kind: 'exit', code: mk.value };
      // The wrapper has ended; the channel closes once the command's background jobs let go of its output.
      ch.end(TIED_DONE);
    } else if (mk.kind === 'lost') outcome = { kind: 'lost' };
    else if (mk.kind === 'error') outcome = { kind: 'error', message: mk.value };
  });
  const errMarkers = new MarkerFilter(nonce, (mk) => {
    if (mk.kind === 'end') errEnded = true;
  });
  return new Promise((resolve) => {
    let finished = false;
    const handle = (c: Chunk): void => {
      if (c.err) {
        const lines = errMarkers.take(err.push(c.data));
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
        if (complete()) return;
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
      if (complete()) return;
      if (budget.spent(go)) hold();
      else budget.drained();
    };
    const onOut = (data: Buffer): void => arrive({ err: false, data });
    const onErr = (data: Buffer): void => arrive({ err: true, data });
    const onClose = (): void => finish('the remote session closed before the run reported its end');
    /** The run is over: the rest of its lines go out, then the outcome. */
    const end = (o: PumpOutcome): void => {
      finished = true;
      client.off('close', onClientClose);
      letGo();
      const tail = [...markers.end(out.end()), ...errMarkers.end(err.end())];
      if (tail.length) sink.lines(tail, offsets());
      resolve(o);
    };
    /** Once the run is `done` and its output all handled, let the channel go, open, for the next command. */
    const complete = (): boolean => {
      if (done === null || !errEnded || waiting.length || finished) return false;
      ch.off('data', onOut);
      ch.stderr.off('data', onErr);
      ch.off('close', onClose);
      ch.pause();
      ch.stderr.pause();
      budget.drained();
      end({ kind: 'exit', code: done, reusable: true });
      return true;
    };
    const finish = (fallback: string): void => {
      if (finished) return;
      for (const c of waiting.splice(0)) handle(c);
      // A run that reported `done` ended, even if the channel closed before the end of its stderr came.
      end(outcome ?? (done !== null ? { kind: 'exit', code: done } : { kind: 'closed', message: fallback }));
    };
    const onClientClose = (): void => finish('the SSH connection to the host was lost during the run');
    client.on('close', onClientClose);
    ch.on('data', onOut);
    ch.stderr.on('data', onErr);
    ch.on('close', onClose);
    // A channel that ran a command before was left paused.
    ch.resume();
    ch.stderr.resume();
  });
}
