import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditCategory } from '../../shared/domain/audit-categories';
import { auditStore } from './audit-store';

test('the audit list asks for every category but scheduler fires and sign-ins, until they are picked', () => {
  assert.deepEqual(auditStore.getState().query(), { action: undefined, target_type: undefined, actor: undefined, category: 'changes,runs,approvals,security,system,other' });
  auditStore.setState({ categories: [...AuditCategory.options] });
  assert.equal(auditStore.getState().query().category, undefined, 'all of them: no filter, so actions this console does not know yet show too');
  auditStore.setState({ categories: [], actor: 'dora' });
  assert.deepEqual(auditStore.getState().query(), { action: undefined, target_type: undefined, actor: 'dora', category: '' });
});
