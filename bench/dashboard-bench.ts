/**
 * Dashboard bench: a store with N instances over 30 days (1,000,000 by default; 20,000 with --quick),
 * then the daily aggregation and the first page of the instances list, timed over repeated runs.
 * Ends with `RESULT {json}`. A measurement, not a timed test: targets are reported, never enforced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceStatus } from '../shared/domain/instances';
import { Snowflake } from '../main/core/domain/snowflake';
import { DashboardService } from '../main/core/services/dashboard-service';
import { toInstance } from '../main/core/store/instances-repo';
import { openStore } from '../main/core/store/store';
import { percentile, round } from './bench-util';

const quick = process.argv.includes('--quick');
const total = quick ? 20_000 : 1_000_000;
const days = 30;
const end = Date.parse('2026-11-01T00:00:00Z');
const start = end - days * 86_400_000;
const statuses = [InstanceStatus.Finished, InstanceStatus.Finished, InstanceStatus.Finished, InstanceStatus.Finished, InstanceStatus.Finished, InstanceStatus.Finished, InstanceStatus.AbnormalEnding, InstanceStatus.TimeoutEnding, InstanceStatus.ManualCancellation, InstanceStatus.Unknown];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-dash-'));
try {
  const store = openStore(path.join(dir, 'taskdeck.db'));
  const ids = new Snowflake();
  const fill0 = performance.now();
  let rng = 42;
  const rand = (n: number): number => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) % n);
  const batch = 50_000;
  for (let done = 0; done < total; done += batch) {
    store.tx(() => {
      for (let i = done; i < Math.min(total, done + batch); i++) {
        const t = start + Math.floor((i / total) * (end - start));
        const host = rand(40);
        const task = rand(200);
        const status = statuses[rand(statuses.length)]!;
        store.instances.insert({
          id: ids.next(host, t), run_id: `r${i}`, task_id: task, attempt: 1, trigger: 'schedule', host_id: null,
          host_snapshot: `{"id":${host},"name":"host-${host}","host":"10.0.0.${host}:22"}`, command: 'pg_dump app', mode: 'tied', status,
          timeout_s: 0, log_limit_bytes: 1, log_policy: 'truncate', secrets: null, created_by: 'bench', created_time: new Date(t).toISOString(),
          task_snapshot: `{"name":"task-${task}"}`, slot: null,
        });
      }
    });
  }
  const fillMs = performance.now() - fill0;
  store.db.pragma('optimize');

  const dashboard = new DashboardService(store.dashboard, { now: () => new Date(end - 86_400_000) });
  const day = new Date(start + 15 * 86_400_000).toISOString().slice(0, 10);
  const time = (fn: () => unknown, n: number): number[] => Array.from({ length: n }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
  const daily = dashboard.daily(day, 'Europe/Berlin');
  const dailyMs = time(() => dashboard.daily(day, 'Europe/Berlin'), quick ? 5 : 20);
  const page = (): unknown => {
    const { rows, where, vals } = store.instances.list({ page: 1, per_page: 50 });
    return { items: rows.map(toInstance), total: store.instances.count(where, vals) };
  };
  const pageMs = time(page, quick ? 5 : 20);
  const filtered = (): unknown => store.instances.list({ status: InstanceStatus.AbnormalEnding, page: 1, per_page: 50 });
  const filteredMs = time(filtered, quick ? 5 : 20);
  store.close();

  const result = {
    quick, instances: total, days, fill_seconds: round(fillMs / 1000), day, day_total: daily.totals.total,
    daily_ms_p50: round(percentile(dailyMs, 50)), daily_ms_p95: round(percentile(dailyMs, 95)),
    list_first_page_ms_p50: round(percentile(pageMs, 50)), list_first_page_ms_p95: round(percentile(pageMs, 95)),
    list_filtered_ms_p50: round(percentile(filteredMs, 50)),
    targets: { daily_under_50ms: percentile(dailyMs, 50) < 50, list_under_100ms: percentile(pageMs, 50) < 100 },
  };
  console.log(`instances ${total} over ${days} days (filled in ${result.fill_seconds}s); day ${day} holds ${daily.totals.total}`);
  console.log(`daily aggregation       p50 ${result.daily_ms_p50} ms  p95 ${result.daily_ms_p95} ms   (target < 50 ms)`);
  console.log(`instances, first page   p50 ${result.list_first_page_ms_p50} ms  p95 ${result.list_first_page_ms_p95} ms   (target < 100 ms, with total count)`);
  console.log(`instances, by status    p50 ${result.list_filtered_ms_p50} ms`);
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
