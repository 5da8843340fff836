import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runQuick } from './run-quick';

test('jobs bench --quick runs, reports every figure and goal, and expires exactly the roots past their TTL', () => {
  const r = runQuick('jobs-bench.ts', 120_000);
  assert.equal(r.quick, true);
  for (const k of ['list_first_page_ms_p50', 'list_first_page_ms_p95', 'status_recursive_ms_p50', 'expiry_seconds', 'expiry_max_stall_ms', 'fill_seconds']) assert.equal(typeof r[k], 'number', k);
  assert.equal(r.list_first_page_rows, 1000, 'a full first page (the default limit)');
  assert.equal(r.tree_nodes, 200, 'task_status_recursive returns the whole tree');
  assert.equal(r.expired, 5000, 'half the finished roots were past the TTL');
  assert.equal(r.roots_left, 5000 + 100 + 1, 'the unexpired, the running and the tree stay');
  const held = r.held as Record<string, unknown>;
  for (const k of ['list_first_page', 'status_recursive', 'expiry_max_stall']) assert.equal(typeof held[k], 'boolean', k);
});
