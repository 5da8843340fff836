/**
 * Tracking A/B: the same runs on two cores in one process, one tracking runs as jobs and one not
 * (`trackRuns: false`: no job, no step, no abort handler). Reps alternate which core goes first,
 * so neither always meets a warmer machine. The goal: within 10% with tracking on.
 */
import { dropConnections, latencySamples, settle, streamingLag, timedRun, type Taskdeck } from './bench-taskdeck';
import { median, percentile } from './bench-util';

/**
 * Warm fan-outs per side and rep: a 50 ms figure on two shared cores swings by 5% between two
 * identical cores in one process (an A/A of 100 runs a side, both untracked); one sample a rep let
 * 7 reps put the ratio anywhere from 0.93 to 1.17. Each costs a tenth of a second.
 */
const WARM_PER_REP = 5;

export interface TrackingConfig {
  readonly hosts: number;
  readonly stream_hosts: number;
  readonly latency_samples: number;
  readonly stream_bytes_per_host: number;
  readonly reps: number;
}

interface Side {
  cold: number[];
  warm: number[];
  latency: number[];
  streamLagP99: number[];
}

export interface TrackingFigures {
  readonly on: Record<string, number | null>;
  readonly off: Record<string, number | null>;
  /** on / off: 1.10 is the limit. */
  readonly ratio: Record<string, number | null>;
}

export async function trackingAB(on: Taskdeck, off: Taskdeck, cfg: TrackingConfig, command: string, log: (m: string) => void): Promise<TrackingFigures> {
  const sides = new Map<Taskdeck, Side>([[on, empty()], [off, empty()]]);
  for (let rep = 0; rep < cfg.reps; rep++) {
    const order = rep % 2 === 0 ? [on, off] : [off, on];
    for (const td of order) {
      const s = sides.get(td)!;
      log(`tracking ${td === on ? 'on' : 'off'}, rep ${rep + 1}/${cfg.reps}`);
      dropConnections(td);
      s.cold.push(await ok(td, cfg.hosts, command));
      for (let i = 0; i < WARM_PER_REP; i++) {
        await settle(td);
        s.warm.push(await ok(td, cfg.hosts, command));
      }
      dropConnections(td);
      s.latency.push(...(await latencySamples(td, cfg.latency_samples)));
      const stream = await streamingLag(td, td.hostIds.slice(0, cfg.stream_hosts), cfg.stream_bytes_per_host);
      if (!stream.ok) throw new Error(`stream with tracking ${td === on ? 'on' : 'off'}: ${stream.failures.slice(0, 3).join('; ')}`);
      s.streamLagP99.push(stream.lagP99Ms);
    }
  }
  const figures = (s: Side): Record<string, number | null> => ({
    cold_ms: med(s.cold), warm_ms: med(s.warm), latency_p50_ms: s.latency.length ? percentile(s.latency, 50) : null, stream_lag_p99_ms: med(s.streamLagP99),
  });
  const a = figures(sides.get(on)!);
  const b = figures(sides.get(off)!);
  const ratio = Object.fromEntries(Object.keys(a).map((k) => [k, a[k] !== null && b[k] ? round(a[k]! / b[k]!) : null]));
  const shown = (f: Record<string, number | null>): Record<string, number | null> => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null ? null : Math.round(v * 100) / 100]));
  return { on: shown(a), off: shown(b), ratio };
}

async function ok(td: Taskdeck, hosts: number, command: string): Promise<number> {
  const r = await timedRun(td, td.hostIds.slice(0, hosts), command);
  if (r.failures.length) throw new Error(r.failures.slice(0, 3).join('; '));
  return r.ms;
}

function empty(): Side {
  return { cold: [], warm: [], latency: [], streamLagP99: [] };
}

function med(xs: number[]): number | null {
  return xs.length ? median(xs) : null;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
