import type { Db } from './database';

export interface HourStatusCount { hour: number; status: number; n: number }

/** Aggregations for the daily dashboard: one range scan of the created_time index per query. */
export class DashboardRepo {
  constructor(private readonly db: Db) {}

  /** Counts per (hour since `fromMs`, status) for instances created in [from, to). */
  hourly(from: string, to: string, fromMs: number): HourStatusCount[] {
    return this.db
      .prepare(`SELECT CAST((unixepoch(created_time, 'subsec') * 1000 - ?) / 3600000 AS INTEGER) AS hour, status, count(*) AS n
                FROM instances WHERE created_time >= ? AND created_time < ? GROUP BY hour, status`)
      .all(fromMs, from, to) as HourStatusCount[];
  }

  scheduled(from: string, to: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM instances WHERE created_time >= ? AND created_time < ? AND trigger IN ('schedule','retry')").get(from, to) as { n: number }).n;
  }

  topFailedTasks(from: string, to: string, limit: number): { task_id: number | null; name: string; failed: number }[] {
    return this.db
      .prepare(`SELECT task_id, coalesce(json_extract(task_snapshot, '$.name'), '(ad hoc)') AS name, count(*) AS failed FROM instances
                WHERE created_time >= ? AND created_time < ? AND status IN (3, 4) GROUP BY task_id ORDER BY failed DESC LIMIT ?`)
      .all(from, to, limit) as never;
  }

  topFailedHosts(from: string, to: string, limit: number): { host_id: number | null; name: string; failed: number }[] {
    return this.db
      .prepare(`SELECT host_id, json_extract(host_snapshot, '$.name') AS name, count(*) AS failed FROM instances
                WHERE created_time >= ? AND created_time < ? AND status IN (3, 4) GROUP BY host_id ORDER BY failed DESC LIMIT ?`)
      .all(from, to, limit) as never;
  }
}
