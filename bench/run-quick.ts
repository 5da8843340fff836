import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Run a bench script with --quick and return its parsed `RESULT {json}` (the last line), failing loudly otherwise. */
export function runQuick(script: string, timeoutMs: number): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), '--quick'], { encoding: 'utf8', timeout: timeoutMs, cwd: path.join(import.meta.dirname, '..') });
  if (r.status !== 0) throw new Error(`${script} --quick exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('RESULT ')) throw new Error(`${script} did not end with RESULT: ${last}`);
  return JSON.parse(last.slice(7)) as Record<string, unknown>;
}
