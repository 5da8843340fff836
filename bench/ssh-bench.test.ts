import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sshdAvailable } from '../e2e/fixtures/sshd';
import { runQuick } from './run-quick';

test('ssh bench --quick runs end to end and reports every Taskdeck figure', { skip: !sshdAvailable() && 'openssh-server is not installed' }, () => {
  const r = runQuick('ssh-bench.ts', 170_000) as {
    quick: boolean; taskdeck: Record<string, unknown>; floor: Record<string, unknown>; ratios: Record<string, unknown>; peers: Record<string, unknown>; targets: Record<string, unknown>; reasons: Record<string, string>;
  };
  assert.equal(r.quick, true);
  const t = r.taskdeck;
  for (const k of ['cold_ms', 'warm_ms', 'warm_unsettled_ms', 'latency_p50_ms', 'latency_p99_ms', 'bulk_ms', 'bulk_mb_per_s', 'bulk_peak_rss_mb', 'stream_lag_p99_ms', 'stream_ms']) {
    assert.equal(typeof t[k], 'number', `taskdeck.${k} is ${JSON.stringify(t[k])}; reasons: ${JSON.stringify(r.reasons)}`);
    // A lag is what the loop was late beyond its timer's resolution: none at all is a fair answer for the quick mode's 2 MiB.
    if (k === 'stream_lag_p99_ms') assert.ok((t[k] as number) >= 0, `taskdeck.${k} = ${String(t[k])}`);
    else assert.ok((t[k] as number) > 0, `taskdeck.${k} = ${String(t[k])}`);
  }
  assert.equal(t.bulk_lines_stored, t.bulk_lines_expected, 'every line of the bulk output is stored');
  // The floor is measured in the same run, and its ratios follow from it.
  const { floor, ratios } = r;
  for (const k of ['ssh2_cold_ms', 'ssh2_warm_ms', 'ssh2_bulk_ms', 'ssh2_bulk_mb_per_s']) {
    assert.equal(typeof floor[k], 'number', `floor.${k} is ${JSON.stringify(floor[k])}; reasons: ${JSON.stringify(r.reasons)}`);
    assert.ok((floor[k] as number) > 0, `floor.${k} = ${String(floor[k])}`);
  }
  assert.equal(floor.ssh2_bulk_bytes, t.bulk_bytes, 'the floor reads the same output Taskdeck stores');
  for (const k of ['taskdeck_cold_over_floor', 'taskdeck_warm_over_floor', 'taskdeck_bulk_over_floor']) assert.equal(typeof ratios[k], 'number', `ratios.${k}`);
  // A peer is measured, or null with the reason: never silently missing.
  for (const [k, why] of Object.entries({ pssh_ms: ['pssh'], ansible_raw_warm_ms: ['ansible_warm', 'ansible-core'], openssh_cm_warm_ms: ['openssh_warm'] })) {
    assert.ok(typeof r.peers[k] === 'number' || why.some((w) => typeof r.reasons[w] === 'string'), `peers.${k} is ${String(r.peers[k])} with no reason`);
  }
  for (const v of Object.values(r.targets)) assert.ok(v === null || typeof v === 'boolean');
});
