import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { sshdAvailable } from '../e2e/fixtures/sshd';

const BENCH = path.join(import.meta.dirname, 'ssh-bench.ts');
const TIMEOUT_MS = 170_000;

/** Run the quick bench to its end (bounded) and return its exit code and output. */
function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BENCH, '--quick'], { cwd: path.join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test('the quick SSH bench runs end to end and reports every Taskdeck figure', { skip: !sshdAvailable() && 'openssh-server is not installed', timeout: TIMEOUT_MS + 10_000 }, async () => {
  const { code, stdout, stderr } = await runQuickBench();
  assert.equal(code, 0, `bench exited ${code}\n${stderr.slice(-3000)}`);
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  assert.match(last, /^RESULT \{/, `last line was: ${last}`);
  const result = JSON.parse(last.slice('RESULT '.length));
  assert.equal(result.quick, true);
  const t = result.taskdeck;
  for (const key of ['cold_ms', 'warm_ms', 'latency_p50_ms', 'latency_p99_ms', 'latency_nodelay_p50_ms', 'bulk_ms', 'bulk_mb_per_s', 'bulk_peak_rss_mb', 'stream_lag_p99_ms', 'stream_ms']) {
    assert.equal(typeof t[key], 'number', `taskdeck.${key} is ${JSON.stringify(t[key])}; reasons: ${JSON.stringify(result.reasons)}`);
    assert.ok(t[key] > 0, `taskdeck.${key} = ${t[key]}`);
  }
  assert.equal(t.bulk_lines_stored, t.bulk_lines_expected, 'every line of the bulk output is stored');
  // A peer is measured or null with the reason, never silently missing.
  for (const [key, reasonKeys] of Object.entries({ pssh_ms: ['pssh'], ansible_raw_warm_ms: ['ansible_warm', 'ansible-core'], openssh_cm_warm_ms: ['openssh_warm'] })) {
    const v = result.peers[key];
    assert.ok(typeof v === 'number' || reasonKeys.some((k) => typeof result.reasons[k] === 'string'), `peers.${key} is ${v} with no reason`);
  }
  for (const v of Object.values(result.targets)) assert.ok(v === null || typeof v === 'boolean');
});
