import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Run a bench script with --quick and return its parsed `RESULT {json}` (the last line), failing loudly otherwise.
 * `tsx`: under the TypeScript loader, for a bench whose Node side is not what it measures (first-paint
 * measures the browser, against a `taskdeck serve` of its own); bundled otherwise.
 */
export function runQuick(script: string, timeoutMs: number, how: 'bundled' | 'tsx' = 'bundled'): Record<string, unknown> {
  // As `npm run bench:*` runs it: bundled, in a process of its own (scripts/run-bench.mjs).
  const root = path.join(import.meta.dirname, '..');
  const args = how === 'tsx' ? ['--import', 'tsx', path.join(import.meta.dirname, script)] : [path.join(root, 'scripts/run-bench.mjs'), script.replace(/\.ts$/, '')];
  const r = spawnSync(process.execPath, [...args, '--quick'], { encoding: 'utf8', timeout: timeoutMs, cwd: root });
  if (r.status !== 0) throw new Error(`${script} --quick exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('RESULT ')) throw new Error(`${script} did not end with RESULT: ${last}`);
  return JSON.parse(last.slice(7)) as Record<string, unknown>;
}
