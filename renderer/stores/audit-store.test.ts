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

test('the text and time filters go to the list and the export by their API names; blank text is no filter', () => {
  auditStore.setState({ categories: [...AuditCategory.options], actor: undefined, text: 'nightly', from: '2026-12-01T00:00:00.000Z', to: undefined });
  assert.deepEqual(auditStore.getState().query(), { action: undefined, target_type: undefined, actor: undefined, q: 'nightly', from: '2026-12-01T00:00:00.000Z' });
  auditStore.setState({ text: undefined, from: undefined });
  assert.equal('q' in auditStore.getState().query() || 'from' in auditStore.getState().query(), false);
});
