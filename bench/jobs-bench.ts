/**
 * Jobs bench: a real temp store with 100,000 finished and 1,000 running jobs (10,000 and 100 with
 * --quick), then the first page of list_module_tasks, task_status_recursive of a 1,000-node tree (200),
 * and TTL expiry of 50,000 roots (5,000) with the longest event-loop stall it causes.
 * Ends with `RESULT {json}`. A measurement, not a timed test: goals are reported, never enforced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { JobIdGenerator } from '../main/core/domain/job-id';
import { JobExpiry } from '../main/core/services/job-expiry';
import { JobTracker } from '../main/core/services/job-tracker';
import { JobsService } from '../main/core/services/jobs-service';
import type { JobInsert } from '../main/core/store/jobs-repo';
import { openStore, type Store } from '../main/core/store/store';
import { formatTable, percentile, round } from './bench-util';

const quick = process.argv.includes('--quick');
const finished = quick ? 10_000 : 100_000;
const running = quick ? 100 : 1_000;
const treeNodes = quick ? 200 : 1_000;
/** Half the finished roots ended past the TTL. */
const expiring = finished / 2;
const reps = quick ? 5 : 30;
const GOALS = { list_first_page_ms: 50, status_recursive_ms: 20, expiry_max_stall_ms: 50 } as const;

const now = Date.parse('2026-11-01T00:00:00Z');
const clock = { now: () => new Date(now) };
const modules = ['runs', 'tasks', 'system', 'approvals'];

function root(id: string, i: number, createdMs: number, endedMs: number | null): JobInsert {
  return {
    id, module: modules[i % modules.length]!, parent_id: null, root_id: id, sequence_number: i + 1, type: 'ad-hoc run', scope: 'run', step_type: null, number: 0,
    description: `uptime on host-${i % 40}`, action_type: '', owner: 'bench', state: endedMs === null ? 'running' : i % 10 === 0 ? 'failed' : 'done',
    external: 0, external_type: null, auto_cleared: 1, is_abortable: 0, internal: 0, user_started: 0,
    created_ms: createdMs, started_ms: createdMs, ended_ms: endedMs, updated_ms: endedMs ?? createdMs, error: null, instance_id: null,
  };
}

/** Finished roots first (oldest: half of them past the 24 h TTL), then the running ones. */
function fill(store: Store): void {
  const ids = new JobIdGenerator();
  const span = 3 * 86_400_000;
  const batch = 10_000;
  for (let done = 0; done < finished; done += batch) {
    store.txLogs(() => {
      for (let i = done; i < Math.min(finished, done + batch); i++) {
        // The first half ended 25–72 h ago (expired at a 24 h TTL), the second half within the last 23 h.
        const endedMs = i < expiring ? now - span + Math.floor((i / expiring) * (span - 25 * 3_600_000)) : now - 23 * 3_600_000 + Math.floor(((i - expiring) / (finished - expiring)) * 22 * 3_600_000);
        store.jobs.insert(root(ids.next(endedMs - 1000), i, endedMs - 1000, endedMs));
      }
    });
  }
  store.txLogs(() => {
    for (let i = 0; i < running; i++) store.jobs.insert(root(ids.next(now - 60_000 + i), finished + i, now - 60_000 + i, null));
  });
}

/** A tree of `n` running nodes through the tracker: a job, 10 steps, the rest spread under them. */
function tree(tracker: JobTracker, n: number): string {
  const job = tracker.begin({ module: 'runs', type: 'scheduled run', scope: 'run', description: `a run on ${n - 11} hosts`, owner: 'bench', user_started: false, is_abortable: true, internal: false, running: true });
  const steps = Array.from({ length: 10 }, (_, i) => job.step({ description: `batch ${i + 1}`, running: true }));
  for (let i = 0; i < n - 11; i++) steps[i % 10]!.step({ description: `host-${i}`, scope: 'host', running: true });
  return job.id;
}

function time(fn: () => unknown): number[] {
  fn(); // warm the statement cache
  return Array.from({ length: reps }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
}

/** Expire, measuring the loop meanwhile two ways: a histogram of timer delay, and the longest gap between setImmediate turns. */
async function expire(expiry: JobExpiry): Promise<{ removed: number; seconds: number; maxGapMs: number; histMaxMs: number; histP99Ms: number }> {
  const hist = monitorEventLoopDelay({ resolution: 1 });
  let maxGap = 0;
  let last = performance.now();
  let probing = true;
  const probe = (): void => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
    if (probing) setImmediate(probe);
  };
  hist.enable();
  setImmediate(probe);
  const t0 = performance.now();
  const removed = await expiry.run();
  const seconds = (performance.now() - t0) / 1000;
  probing = false;
  hist.disable();
  return { removed, seconds, maxGapMs: maxGap, histMaxMs: hist.max / 1e6, histP99Ms: hist.percentile(99) / 1e6 };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-jobs-'));
try {
  const store = openStore(path.join(dir, 'taskdeck.db'));
  const fill0 = performance.now();
  fill(store);
  const fillMs = performance.now() - fill0;
  const tracker = new JobTracker(store, clock, new JobIdGenerator(), () => {});
  const treeId = tree(tracker, treeNodes);
  store.db.pragma('optimize');
  const expiry = new JobExpiry(store, clock, () => {}, () => {}, { intervalMs: 0 });
  const jobs = new JobsService(store, tracker, expiry, clock, () => {});

  const firstPage = time(() => jobs.listModuleTasks('runs', false, undefined, 1000));
  const pageRows = jobs.listModuleTasks('runs', false, undefined, 1000).length;
  const smallPage = time(() => jobs.listModuleTasks('runs', false, undefined, 100));
  const recursive = time(() => jobs.statusRecursive(treeId));
  const treeSize = jobs.statusRecursive(treeId).length;
  const ex = await expire(expiry);
  const left = store.jobs.listRoots({ limit: finished + running + 10 }).length;
  await expiry.dispose();
  store.close();

  const p50 = (s: number[]): number => round(percentile(s, 50))!;
  const p95 = (s: number[]): number => round(percentile(s, 95))!;
  const stall = Math.max(ex.maxGapMs, ex.histMaxMs);
  const result = {
    quick, finished, running, fill_seconds: round(fillMs / 1000),
    list_first_page_rows: pageRows, list_first_page_ms_p50: p50(firstPage), list_first_page_ms_p95: p95(firstPage), list_page_100_ms_p50: p50(smallPage),
    tree_nodes: treeSize, status_recursive_ms_p50: p50(recursive), status_recursive_ms_p95: p95(recursive),
    expired: ex.removed, roots_left: left, expiry_seconds: round(ex.seconds), expiry_max_stall_ms: round(stall), expiry_gap_max_ms: round(ex.maxGapMs),
    expiry_delay_max_ms: round(ex.histMaxMs), expiry_delay_p99_ms: round(ex.histP99Ms),
    goals: GOALS,
    held: {
      list_first_page: percentile(firstPage, 50) < GOALS.list_first_page_ms,
      status_recursive: percentile(recursive, 50) < GOALS.status_recursive_ms,
      expiry_max_stall: stall < GOALS.expiry_max_stall_ms,
    },
  };
  console.log(`jobs: ${finished} finished + ${running} running roots (filled in ${result.fill_seconds} s), a ${treeSize}-node tree`);
  const goal = (ms: number, held: boolean): string => `goal < ${ms} ms: ${held ? 'held' : 'MISSED'}`;
  console.log(formatTable([
    { what: `list_module_tasks first page (${pageRows} rows), p50`, value: result.list_first_page_ms_p50, unit: 'ms', note: goal(GOALS.list_first_page_ms, result.held.list_first_page) },
    { what: 'list_module_tasks first page, p95', value: result.list_first_page_ms_p95, unit: 'ms' },
    { what: 'list_module_tasks, 100 rows, p50', value: result.list_page_100_ms_p50, unit: 'ms' },
    { what: `task_status_recursive (${treeSize} nodes), p50`, value: result.status_recursive_ms_p50, unit: 'ms', note: goal(GOALS.status_recursive_ms, result.held.status_recursive) },
    { what: 'task_status_recursive, p95', value: result.status_recursive_ms_p95, unit: 'ms' },
    { what: `TTL expiry of ${ex.removed} roots`, value: result.expiry_seconds, unit: 's' },
    { what: 'TTL expiry: longest event-loop stall', value: result.expiry_max_stall_ms, unit: 'ms', note: goal(GOALS.expiry_max_stall_ms, result.held.expiry_max_stall) },
  ]));
  console.log(`stall: longest setImmediate gap ${result.expiry_gap_max_ms} ms, timer delay max ${result.expiry_delay_max_ms} ms (p99 ${result.expiry_delay_p99_ms} ms)`);
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
