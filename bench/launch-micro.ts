/**
 * What a run costs Taskdeck itself, without SSH: runs on N hosts that are not enabled, so each
 * instance is stored, refused by the run driver and ended — the launch transaction, the events,
 * the ends, and the job tree (tracking on) or not (off). Reports the wall time to the last end
 * and the process's CPU time per run, which a loaded machine sways less.
 * `node --import tsx bench/launch-micro.ts [hosts] [runs]`. A measurement, never enforced.
 */
import { InstanceStatus } from '../shared/domain/instances';
import { isFinished } from '../shared/domain/jobs';
import { startHarness, type Harness } from '../testing/core-harness';
import { median } from './bench-util';

const hostCount = Number(process.argv[2] ?? 50);
const runs = Number(process.argv[3] ?? 40);

async function side(trackRuns: boolean): Promise<{ wall: number[]; cpu: number[]; launch: number[] }> {
  const h = await startHarness({ trackRuns });
  try {
    const ids: number[] = [];
    for (let i = 0; i < hostCount; i++) {
      const host = await h.call('hosts.create', { name: `m-${i}`, host: `127.0.0.1:${1000 + i}`, username: 'x', machine_id: i, auth: { kind: 'agent' }, status: 'NotEnabled' });
      ids.push(host.id);
    }
    const out = { wall: [] as number[], cpu: [] as number[], launch: [] as number[] };
    for (let r = 0; r < runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const ended = allEnded(h, hostCount);
      const run = await h.call('runs.create', { targets: { host_ids: ids }, command: 'echo hi' });
      const t1 = performance.now();
      await ended;
      const t2 = performance.now();
      // The job tree is written a moment behind the runs: its cost is part of the run's.
      if (trackRuns) await jobEnded(h, run.run_id);
      const c = process.cpuUsage(c0);
      if (r >= 3) {
        out.launch.push(t1 - t0);
        out.wall.push(t2 - t0);
        out.cpu.push((c.user + c.system) / 1000);
      }
    }
    return out;
  } finally {
    await h.dispose();
  }
}

function allEnded(h: Harness, n: number): Promise<void> {
  let left = n;
  return new Promise((resolve) => {
    const sub = h.core.events.onDidEmit((e) => {
      if (e.type === 'instance.changed' && e.data.instance.status !== InstanceStatus.Running && --left === 0) {
        sub.dispose();
        resolve();
      }
    });
  });
}

function jobEnded(h: Harness, id: string): Promise<void> {
  const done = (): boolean => isFinished(h.core.services.store.jobs.get(id)?.state ?? 'created');
  return new Promise((resolve) => {
    if (done()) return resolve();
    const sub = h.core.events.onDidEmit((e) => {
      if (e.type === 'job.changed' && e.data.root_id === id && done()) {
        sub.dispose();
        resolve();
      }
    });
  });
}

async function main(): Promise<void> {
  for (const trackRuns of [true, false, true, false]) {
    const s = await side(trackRuns);
    console.log(`tracking ${trackRuns ? 'on ' : 'off'} hosts=${hostCount}: launch p50 ${median(s.launch).toFixed(2)} ms, last end p50 ${median(s.wall).toFixed(2)} ms, cpu per run p50 ${median(s.cpu).toFixed(2)} ms`);
  }
}

void main();
