/** Small helpers shared by the SSH bench: bounded child processes, percentiles, the table. */
import { spawn, type SpawnOptions } from 'node:child_process';

export interface ProcResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
}

/** Run a program to completion, SIGKILLed (by its pid) after `timeoutMs`; never throws for a non-zero exit. */
export function runProc(cmd: string, args: readonly string[], opts: SpawnOptions & { timeoutMs: number; input?: string }): Promise<ProcResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { ...opts, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdin?.on('error', () => {}); // a child that exits before reading its input is not our failure
    child.stdin?.end(opts.input);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + err.message, ms: performance.now() - t0, timedOut });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - t0, timedOut });
    });
  });
}

/** Nearest-rank percentile of a sample, `p` in 0..100. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (sample: readonly number[]): number => percentile(sample, 50);

/** Round for the report: 2 decimals below 10, 1 below 1000, whole numbers above. */
export function round(n: number | null): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  const places = Math.abs(n) < 10 ? 100 : Math.abs(n) < 1000 ? 10 : 1;
  return Math.round(n * places) / places;
}

export interface Row {
  readonly what: string;
  readonly value: number | string | null;
  readonly unit: string;
  readonly note?: string;
}

/** A plain-text table, columns padded to their widest cell. */
export function formatTable(rows: readonly Row[]): string {
  const cells = [['measurement', 'value', 'unit', 'note'], ...rows.map((r) => [r.what, r.value === null ? '—' : String(r.value), r.unit, r.note ?? ''])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]): string => row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Resolve after `ms` (for bounded polling loops only). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
