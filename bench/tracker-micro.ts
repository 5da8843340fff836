/**
 * Tracker micro-bench: one run's job tree as RunJobs writes it (VALIDATING, EXECUTING, one child per
 * host started then ended, root progress per end, FINALIZING), timed on a real temp store.
 * `node --import tsx bench/tracker-micro.ts [hosts] [reps]`. A measurement, never enforced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobIdGenerator } from '../main/core/domain/job-id';
import { JobTracker } from '../main/core/services/job-tracker';
import { openStore } from '../main/core/store/store';
import { median } from './bench-util';

const hosts = Number(process.argv[2] ?? 200);
const reps = Number(process.argv[3] ?? 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-micro-'));
const store = openStore(path.join(dir, 'td.db'));
const tracker = new JobTracker(store, { now: () => new Date() }, new JobIdGenerator(), () => {});

function oneRun(): { ends: number; total: number } {
  const t0 = performance.now();
  const job = store.txLogs(() => tracker.begin({ module: 'runs', type: 'ad-hoc run', scope: 'run', owner: 'bench', user_started: true, description: 'bench', is_abortable: true, internal: false, running: true }));
  const { validating, executing, children } = store.txLogs(() => {
    const v = job.step({ description: 'validate', step_type: 'VALIDATING', running: true });
    const e = job.step({ description: 'run', step_type: 'EXECUTING' });
    const c = Array.from({ length: hosts }, (_, i) => tracker.addChild(e.id, { description: `host-${i}`, scope: 'host', instance_id: String(i), is_abortable: true }));
    return { validating: v, executing: e, children: c };
  });
  store.txLogs(() => {
    validating.end('done');
    tracker.start(executing.id);
    for (const c of children) tracker.start(c);
  });
  const t1 = performance.now();
  store.txLogs(() => children.forEach((c, i) => {
    tracker.end(c, 'done', null);
    tracker.progress(job.id, i + 1, hosts, 'hosts');
  }));
  const t2 = performance.now();
  store.txLogs(() => {
    executing.end('done');
    const f = tracker.addChild(job.id, { description: 'summary', step_type: 'FINALIZING', scope: 'run', running: true });
    tracker.end(f, 'done', null);
    job.end('done');
  });
  const t3 = performance.now();
  return { ends: t2 - t1, total: t3 - t0 };
}

const out = Array.from({ length: reps }, oneRun);
console.log(`hosts=${hosts} reps=${reps} ends+progress p50 ${median(out.map((o) => o.ends)).toFixed(2)} ms, whole tree p50 ${median(out.map((o) => o.total)).toFixed(2)} ms`);
store.close();
fs.rmSync(dir, { recursive: true, force: true });
