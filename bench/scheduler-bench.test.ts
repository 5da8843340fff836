import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runQuick } from './run-quick';

test('scheduler bench --quick: every slot in the window fired exactly once; figures reported', () => {
  const r = runQuick('scheduler-bench.ts', 120_000);
  assert.equal(r.missing_slots, 0);
  assert.equal(r.duplicate_slots, 0);
  assert.ok((r.fires as number) >= (r.expected_slots as number));
  for (const k of ['lag_ms_p50', 'lag_ms_p99', 'idle_cpu_pct']) assert.equal(typeof r[k], 'number', k);
});
