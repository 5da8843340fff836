import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { canCancel, canExecute, currentDeadline, currentNodeText, deadlineRows, isUrgent, whyCannotDecide } from './request-model';

const base = {
  state: 'APPROVING' as const,
  can_approve: false,
  requester: 'dev',
  current_node: 0,
  nodes: [
    { role: 'dba', approver: null, decision: 'pending' as const, comment: null, decided_at: null },
    { role: 'admin', approver: null, decision: 'pending' as const, comment: null, decided_at: null },
  ],
  strategy: { kind: 'auto' as const },
  approval_deadline: '2024-05-02T10:00:00.000Z',
  wait_deadline: null,
  execution_deadline: null,
} satisfies Partial<ChangeRequestView>;

const dev = { user_name: 'dev', roles: ['developer'] };
const dora = { user_name: 'dora', roles: ['dba'] };
const admin = { user_name: 'admin', roles: ['admin'] };

test('why a user cannot approve, in words', () => {
  assert.equal(whyCannotDecide(base, dev), 'You requested this change; someone else must approve it.');
  assert.equal(whyCannotDecide(base, admin), 'Node 1 needs the dba role; you have admin.');
  assert.equal(whyCannotDecide({ ...base, nodes: base.nodes.slice(0, 1) }, admin), 'It needs the dba role; you have admin.');
  const second = { ...base, current_node: 1, nodes: [{ ...base.nodes[0]!, approver: 'dora', decision: 'approved' as const }, base.nodes[1]!] };
  assert.equal(whyCannotDecide(second, dora), 'Node 2 needs the admin role; you have dba.');
  assert.equal(whyCannotDecide({ ...second, nodes: [second.nodes[0]!, { ...second.nodes[1]!, role: 'dba' }] }, dora), 'You approved node 1; node 2 needs another dba.');
  assert.equal(whyCannotDecide({ ...base, can_approve: true }, dora), null, 'nothing to explain when they can');
  assert.equal(whyCannotDecide({ ...base, state: 'REJECTED' }, admin), null, 'nothing to decide');
});

test('cancel: requester or admin, while waiting; execute now: manual, approved', () => {
  assert.equal(canCancel(base, dev), true);
  assert.equal(canCancel(base, admin), true);
  assert.equal(canCancel(base, dora), false);
  assert.equal(canCancel({ ...base, state: 'EXECUTING' }, dev), false);
  assert.equal(canExecute({ ...base, state: 'WAIT_FOR_EXECUTION', strategy: { kind: 'manual' } }, dev), true);
  assert.equal(canExecute({ ...base, state: 'WAIT_FOR_EXECUTION', strategy: { kind: 'auto' } }, dev), false);
  assert.equal(canExecute({ ...base, state: 'WAIT_FOR_EXECUTION', strategy: { kind: 'manual' } }, dora), false);
});

test('the deadline that matters now, and the node that waits', () => {
  assert.deepEqual(currentDeadline(base), { label: 'Approve by', at: base.approval_deadline });
  assert.deepEqual(currentDeadline({ ...base, state: 'WAIT_FOR_EXECUTION', wait_deadline: 'w' }), { label: 'Start by', at: 'w' });
  assert.deepEqual(currentDeadline({ ...base, state: 'WAIT_FOR_EXECUTION', execution_deadline: 'e' }), { label: 'Run by', at: 'e' });
  assert.deepEqual(currentDeadline({ ...base, state: 'EXECUTING', execution_deadline: 'e' }), { label: 'Finish by', at: 'e' });
  assert.equal(currentDeadline({ ...base, state: 'CANCELLED' }), null);
  assert.equal(currentNodeText(base), 'Node 1 of 2 · dba');
  assert.equal(currentNodeText({ ...base, state: 'WAIT_FOR_EXECUTION', current_node: 2 }), null);
  const now = Date.parse('2024-05-02T09:30:00.000Z');
  assert.equal(isUrgent(base.approval_deadline, now), true);
  assert.equal(isUrgent(base.approval_deadline, now - 3_600_000), false);
});

test('a finished request shows no deadlines; a live one shows its three, counting down only the one that matters', () => {
  const live = { ...base, wait_deadline: '2024-05-03T10:00:00.000Z', execution_deadline: '2024-05-04T10:00:00.000Z' };
  assert.deepEqual(deadlineRows(live).map((d) => [d.key, d.active]), [['approve', true], ['start', false], ['finish', false]]);
  assert.deepEqual(deadlineRows({ ...live, state: 'EXECUTING' }).filter((d) => d.active).map((d) => d.key), ['finish']);
  assert.equal(deadlineRows({ ...live, strategy: { kind: 'at', at: '2024-05-05T10:00:00.000Z' } as never, wait_deadline: null }).find((d) => d.key === 'start')?.emptyKey, 'scheduled');
  for (const state of ['REJECTED', 'APPROVAL_EXPIRED', 'WAIT_FOR_EXECUTION_EXPIRED', 'EXECUTION_SUCCEEDED', 'EXECUTION_FAILED', 'EXECUTION_EXPIRED', 'CANCELLED', 'PRE_CHECK_FAILED'] as const) {
    assert.deepEqual(deadlineRows({ ...live, state }), [], state);
    assert.equal(currentDeadline({ ...live, state }), null, state);
  }
});
