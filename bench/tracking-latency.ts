/**
 * Tracking's cost on one-host latency, A/B in one process: sequential one-host runs of `true` on a
 * core tracking runs as jobs and on one not, alternating blocks, with the process's CPU time per run beside. For profiling (`node --cpu-prof`),
 * not part of the suite: `node --import tsx bench/tracking-latency.ts [samples] [blocks]`.
 */
import { startBed } from './bench-bed';
import { latencySamples, startTaskdeck } from './bench-taskdeck';
import { percentile } from './bench-util';

async function main(): Promise<void> {
  const samples = Number(process.argv[2] ?? 100);
  const blocks = Number(process.argv[3] ?? 4);
  const bed = await startBed(1);
  const on = await startTaskdeck(bed);
  const off = await startTaskdeck(bed, { trackRuns: false });
  const times = { on: [] as number[], off: [] as number[] };
  /** CPU time of this process (Taskdeck's threads, not sshd's) per run: what a loaded machine's scheduling sways less than wall time. */
  const cpu = { on: 0, off: 0 };
  try {
    for (let b = 0; b < blocks; b++) {
      for (const [name, td] of (b % 2 ? [['off', off], ['on', on]] : [['on', on], ['off', off]]) as [keyof typeof times, typeof on][]) {
        const c0 = process.cpuUsage();
        times[name].push(...(await latencySamples(td, samples)));
        const c = process.cpuUsage(c0);
        cpu[name] += (c.user + c.system) / 1000;
      }
    }
  } finally {
    await on.dispose();
    await off.dispose();
    await bed.dispose();
  }
  const p = (xs: number[], q: number): string => percentile(xs, q).toFixed(2);
  // latencySamples makes samples + 1 runs (one to warm the connection).
  const perRun = (ms: number): string => (ms / (blocks / 2) / (samples + 1)).toFixed(3);
  console.log(`latency on p50 ${p(times.on, 50)} p90 ${p(times.on, 90)} | off p50 ${p(times.off, 50)} p90 ${p(times.off, 90)} | ratio p50 ${(percentile(times.on, 50) / percentile(times.off, 50)).toFixed(3)}`);
  console.log(`cpu per run on ${perRun(cpu.on)} ms | off ${perRun(cpu.off)} ms | ratio ${(cpu.on / cpu.off).toFixed(3)}`);
}

void main();
