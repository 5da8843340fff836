/**
 * Figures a hostile test file reports to the runner: one JSON line appended to HOSTILE_STATS_FILE
 * (when the runner set it), summed into the RESULT line.
 */
import fs from 'node:fs';

export interface Figures {
  requests: number;
  status5xx: number;
  crashes: number;
  maxRssMb: number;
  kills: number;
  restartsOk: number;
  [k: string]: number;
}

export class Stats {
  readonly figures: Figures = { requests: 0, status5xx: 0, crashes: 0, maxRssMb: 0, kills: 0, restartsOk: 0 };
  readonly byStatus = new Map<number, number>();

  constructor(readonly file: string) {}

  request(status: number): void {
    this.figures.requests++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) this.figures.status5xx++;
  }

  rss(mb: number): void {
    this.figures.maxRssMb = Math.max(this.figures.maxRssMb, mb);
  }

  add(key: string, n = 1): void {
    this.figures[key] = (this.figures[key] ?? 0) + n;
  }

  /** Append this file's figures for the runner (a no-op when run alone). */
  flush(): void {
    const target = process.env.HOSTILE_STATS_FILE;
    const line = { file: this.file, ...this.figures, by_status: Object.fromEntries(this.byStatus) };
    if (target) fs.appendFileSync(target, JSON.stringify(line) + '\n');
    else console.log(`# ${JSON.stringify(line)}`);
  }
}
