/**
 * Scheduler bench: 10,000 cron tasks (500 with --quick) on a fake executor and the real store and
 * timers. Measures fire lag (slot time → launch), checks every slot in the window fired exactly
 * once, and the CPU used while nothing is due. Ends with `RESULT {json}`; targets are reported only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TaskInput } from '../shared/domain/tasks';
import { EventBus } from '../main/core/event-bus';
import { slotsBetween } from '../main/core/domain/schedule';
import { TaskScheduler, type TaskLauncher } from '../main/core/scheduler/task-scheduler';
import type { LaunchSpec } from '../main/core/services/runs-service';
import { openStore } from '../main/core/store/store';
import { percentile, round } from './bench-util';

const quick = process.argv.includes('--quick');
const tasks = quick ? 500 : 10_000;
const windowMs = quick ? 6_000 : 65_000;
const idleMs = quick ? 2_000 : 10_000;
const clock = { now: () => new Date() };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-sched-'));
const store = openStore(path.join(dir, 'taskdeck.db'));
const launches: { task: number; slot: string | null; at: number }[] = [];
const fake: TaskLauncher = {
  launch: (_actor: string, spec: LaunchSpec) => {
    launches.push({ task: spec.task!.id, slot: spec.slot, at: Date.now() });
    return { run_id: `r${launches.length}` };
  },
  cancelRun: async () => {},
};

/** One bound host, so dispatch really picks hosts; the fake executor never connects to it. */
function bindingId(): number {
  const now = new Date().toISOString();
  const host = store.hosts.insert({ name: 'bench-host', host: '127.0.0.1:22', username: 'bench', machine_id: 1, auth_kind: 'agent', status: 'Enabled' }, now);
  const group = store.groups.insert({ name: 'bench', description: '', tag: '' }, now);
  return store.groups.insertBinding({ name: 'bench', group_id: group.id, executor_id: host.id, weight: 1 }, now).id;
}

function seed(cron: (i: number) => string): number[] {
  const now = new Date().toISOString();
  const ids: number[] = [];
  const binding = bindingId();
  store.tx(() => {
    for (let i = 0; i < tasks; i++) {
      const row = store.tasks.insert(
        TaskInput.parse({ name: `t${ids.length}-${Math.random().toString(36).slice(2, 8)}`, command: 'true', cron_expression: cron(i), overlap_policy: 'allow', binding_ids: [binding] }),
        'bench',
        now,
      );
      store.tasks.setRuntime(row.id, { stage: 'Started', started_at: now });
      ids.push(row.id);
    }
  });
  return ids;
}

try {
  // Busy phase. Full: 10,000 tasks each firing once a minute, spread over the seconds (~167 fires/s).
  // Quick: 500 tasks every 5 or 10 seconds.
  const ids = seed((i) => (quick ? `${i % 5}/${i % 2 ? 5 : 10} * * * * *` : `${i % 60} * * * * *`));
  const t0 = new Date();
  const scheduler = new TaskScheduler(store, fake, new EventBus(clock, () => {}), clock, () => {}, { timers: true, gate: () => null, authority: () => null });
  const cpu0 = process.cpuUsage();
  const recover0 = performance.now();
  scheduler.start();
  const recoverMs = performance.now() - recover0;
  const startedAt = Date.now();
  await new Promise((r) => setTimeout(r, windowMs));
  scheduler.dispose();
  const t1 = new Date(t0.getTime() + windowMs - 1000); // slots safely inside the window
  const cpuBusy = process.cpuUsage(cpu0);

  const bySlot = new Map<string, number>();
  for (const l of launches) bySlot.set(`${l.task}@${l.slot}`, (bySlot.get(`${l.task}@${l.slot}`) ?? 0) + 1);
  let expected = 0;
  let missing = 0;
  for (const id of ids) {
    const t = store.tasks.get(id)!;
    for (const s of slotsBetween(t.cron_expression, 'UTC', t0, t1)) {
      expected++;
      if (!bySlot.has(`${id}@${s.toISOString()}`)) missing++;
    }
  }
  const duplicates = [...bySlot.values()].filter((n) => n > 1).length;
  // Slots due while start() recovered every task are late by the recovery time: reported apart.
  const lags = scheduler.lags.filter((l) => l.slotMs >= startedAt).map((l) => l.lagMs);

  // Idle phase: hourly tasks, nothing due; CPU over the wait should be near zero.
  store.db.exec("UPDATE tasks SET cron_expression = '0 0 * * * *'");
  const idle = new TaskScheduler(store, fake, new EventBus(clock, () => {}), clock, () => {}, { timers: true, gate: () => null, authority: () => null });
  idle.start();
  const cpuIdle0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, idleMs));
  const cpuIdle = process.cpuUsage(cpuIdle0);
  idle.dispose();
  store.close();

  const cpuPct = (u: NodeJS.CpuUsage, ms: number): number => ((u.user + u.system) / 1000 / ms) * 100;
  const result = {
    quick, tasks, window_s: windowMs / 1000, startup_recovery_ms: round(recoverMs), fires: launches.length, expected_slots: expected, missing_slots: missing, duplicate_slots: duplicates,
    lag_ms_p50: round(percentile(lags, 50)), lag_ms_p99: round(percentile(lags, 99)), lag_ms_max: round(Math.max(...lags)),
    busy_cpu_pct: round(cpuPct(cpuBusy, windowMs)), idle_cpu_pct: round(cpuPct(cpuIdle, idleMs)),
    targets: { lag_p99_under_100ms: percentile(lags, 99) < 100, exactly_once: missing === 0 && duplicates === 0, idle_cpu_near_zero: cpuPct(cpuIdle, idleMs) < 1 },
  };
  console.log(`${tasks} tasks, ${windowMs / 1000}s: ${launches.length} fires, ${expected} slots expected, ${missing} missing, ${duplicates} duplicated`);
  console.log(`start-up recovery of ${tasks} started tasks: ${result.startup_recovery_ms} ms`);
  console.log(`fire lag p50 ${result.lag_ms_p50} ms  p99 ${result.lag_ms_p99} ms  max ${result.lag_ms_max} ms   (target p99 < 100 ms)`);
  console.log(`CPU while firing ${result.busy_cpu_pct}%   idle between fires ${result.idle_cpu_pct}%   (target near 0)`);
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
