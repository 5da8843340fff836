import type { Readable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { LineSplitter, type LineBlock } from '../domain/log-lines';
import { MarkerFilter } from '../domain/marker-filter';
import { TIED_DONE } from '../domain/remote-script';
import type { PumpOutcome } from '../domain/run-outcome';
import { transportOf } from './ssh-connect';
import type { TurnBudget } from './turn-budget';

export type { PumpOutcome };

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
    const onErr = (d: Buffer): void => {
      const lines = err.push(d);
      if (lines.length) sink.lines(lines, offsets());
    };
    const finish = (fallback: string): void => {
      if (done) return;
      done = true;
      client.off('close', onClientClose);
      // stderr may be paused by the budget with output still buffered: the channel's close waits only for stdout.
      for (let d: Buffer | null = ch.stderr.read(); d !== null; d = ch.stderr.read()) onErr(d);
      const tail = [...markers.end(out.end()), ...err.end()];
      if (tail.length) sink.lines(tail, offsets());
      resolve(outcome ?? { kind: 'closed', message: fallback });
    };
    const onClientClose = (): void => finish('the SSH connection to the host was lost during the run');
    client.on('close', onClientClose);
    // Out of turn, the connection stops being read too, not only this channel: else ssh2 would go
    // on decrypting what the host sends, up to the channel's 2 MB window, outside any turn.
    const transport = transportOf(client);
    const hold = (s: Readable): void => {
      s.pause();
      transport?.pause();
    };
    const go = (s: Readable) => (): void => {
      transport?.resume();
      s.resume();
      if (s.readableLength === 0) budget.resumedEmpty();
    };
    const goOut = go(ch);
    const goErr = go(ch.stderr);
    ch.on('data', (d: Buffer) => {
      const lines = markers.take(out.push(d));
      if (lines.length || outcome) sink.lines(lines, offsets());
      if (budget.spent(goOut)) hold(ch);
      else if (ch.readableLength === 0) budget.drained();
    });
    ch.stderr.on('data', (d: Buffer) => {
      onErr(d);
      if (budget.spent(goErr)) hold(ch.stderr);
      else if (ch.stderr.readableLength === 0) budget.drained();
    });
    ch.on('close', () => finish('the remote session closed before the run reported its end'));
  });
}
