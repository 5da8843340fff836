import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runQuick } from './run-quick';

test('first-paint bench --quick loads the console in Chromium, reports every figure, and the sign-in screen loads under half the JS', () => {
  const r = runQuick('first-paint.ts', 240_000, 'tsx');
  assert.equal(r.quick, true);
  for (const k of ['signin_first_paint_ms', 'signin_fcp_ms', 'signin_ready_ms', 'signin_to_dashboard_ms', 'dashboard_first_paint_ms', 'dashboard_fcp_ms', 'dashboard_ready_ms']) {
    assert.equal(typeof r[k], 'number', k);
  }
  const signIn = r.signin_js_bytes as number;
  const bundle = r.bundle_js_bytes as number;
  assert.ok(signIn > 0 && signIn < bundle / 2, `the sign-in screen loads ${signIn} of ${bundle} bytes of JS: code-splitting by route keeps it under half`);
  assert.ok((r.dashboard_js_bytes_after_signin as number) > signIn, 'the console frame and the dashboard arrive after sign-in, not before');
  assert.deepEqual(r.held, { signin_js_under_half: true });
});
