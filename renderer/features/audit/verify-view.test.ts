import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditVerify } from '../../../shared/domain/audit';
import { verifyView } from './verify-view';

const intact: AuditVerify = { ok: true, checked: 9, first_broken_id: null, problem: null, anchored: 9, reanchored_id: null, message: 'Audit chain intact: 9 entries checked, 9 anchored.' };

test('each problem verify reports is named, with its message; a re-anchored chain is a warning, not a success', () => {
  assert.deepEqual(verifyView(intact), { type: 'success', title: intact.message, description: null });
  const cut = verifyView({ ...intact, ok: false, checked: 6, problem: 'tail_cut', message: 'The audit log has 6 entries, but its anchor vouches for 9' });
  assert.deepEqual(cut, { type: 'error', title: 'Audit entries removed from the end', description: 'The audit log has 6 entries, but its anchor vouches for 9' });
  assert.equal(verifyView({ ...intact, ok: false, problem: 'rewritten', first_broken_id: 3, message: 'm' }).title, 'Audit log rewritten');
  const seam = verifyView({ ...intact, reanchored_id: 5, message: 'intact; re-anchored at entry #5' });
  assert.deepEqual([seam.type, seam.description], ['warning', 'intact; re-anchored at entry #5']);
});
