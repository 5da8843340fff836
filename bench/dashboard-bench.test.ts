import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runQuick } from './run-quick';

test('dashboard bench --quick runs and reports every figure', () => {
  const r = runQuick('dashboard-bench.ts', 120_000);
  assert.equal(r.quick, true);
  for (const k of ['daily_ms_p50', 'daily_ms_p95', 'list_first_page_ms_p50', 'fill_seconds']) assert.equal(typeof r[k], 'number', k);
  assert.ok((r.day_total as number) > 0, 'the chosen day has instances');
});
