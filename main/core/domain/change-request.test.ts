import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import { requestStates, type ExecutionStrategy, type RequestState } from '../../../shared/domain/processes';
import { approve, cancel, expire, finishExecution, isDue, isTerminal, openRequest, reject, startExecution, type Actor, type ChangeRequest } from './change-request';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
/** The fake clock: `h(1.5)` is an hour and a half after T0. */
const h = (hours: number): Date => new Date(T0 + hours * 3_600_000);
const ms = (d: Date, delta: number): Date => new Date(d.getTime() + delta);

const requester: Actor = { user_name: 'rita', roles: ['developer'] };
const dba: Actor = { user_name: 'dan', roles: ['dba'] };
const dba2: Actor = { user_name: 'dora', roles: ['dba'] };
const admin: Actor = { user_name: 'ada', roles: ['admin'] };
const both: Actor = { user_name: 'bo', roles: ['dba', 'admin'] };
const stranger: Actor = { user_name: 'sam', roles: ['developer'] };
const validity = { approval_hours: 2, wait_hours: 3, execution_hours: 4 };

const open = (roles: string[] = ['dba'], strategy: ExecutionStrategy = { kind: 'manual' }): ChangeRequest =>
  openRequest({ requester: 'rita', approval_nodes: roles.map((role) => ({ role })), validity, strategy }, h(0));

/** What an action did: the new state, or the error code it threw. */
const outcome = (f: () => ChangeRequest): string => {
  try {
    return f().state;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
};

test('state × action: every pair', () => {
  const actions = ['approve', 'reject', 'cancel', 'start', 'finish ok', 'finish failed', 'expire'] as const;
  const run: Record<(typeof actions)[number], (r: ChangeRequest) => ChangeRequest> = {
    approve: (r) => approve(r, dba, 'ok', h(1)),
    reject: (r) => reject(r, dba, 'no', h(1)),
    cancel: (r) => cancel(r, requester, h(1)),
    start: (r) => startExecution(r, h(1), 'abc', 'abc'),
    'finish ok': (r) => finishExecution(r, true),
    'finish failed': (r) => finishExecution(r, false),
    expire: (r) => expire(r, h(1)),
  };
  const c = 'conflict';
  const table: Record<RequestState, readonly string[]> = {
    APPROVING: ['WAIT_FOR_EXECUTION', 'REJECTED', 'CANCELLED', c, c, c, 'APPROVING'],
    WAIT_FOR_EXECUTION: [c, c, 'CANCELLED', 'EXECUTING', c, c, 'WAIT_FOR_EXECUTION'],
    EXECUTING: [c, c, c, c, 'EXECUTION_SUCCEEDED', 'EXECUTION_FAILED', 'EXECUTING'],
    REJECTED: [c, c, c, c, c, c, 'REJECTED'],
    APPROVAL_EXPIRED: [c, c, c, c, c, c, 'APPROVAL_EXPIRED'],
    WAIT_FOR_EXECUTION_EXPIRED: [c, c, c, c, c, c, 'WAIT_FOR_EXECUTION_EXPIRED'],
    EXECUTION_SUCCEEDED: [c, c, c, c, c, c, 'EXECUTION_SUCCEEDED'],
    EXECUTION_FAILED: [c, c, c, c, c, c, 'EXECUTION_FAILED'],
    EXECUTION_EXPIRED: [c, c, c, c, c, c, 'EXECUTION_EXPIRED'],
    CANCELLED: [c, c, c, c, c, c, 'CANCELLED'],
    PRE_CHECK_FAILED: [c, c, c, c, c, c, 'PRE_CHECK_FAILED'],
  };
  // Deadlines well after h(1), so only the state decides.
  const base: ChangeRequest = { ...open(), wait_deadline: h(10).toISOString(), execution_deadline: h(10).toISOString() };
  for (const state of requestStates) {
    actions.forEach((action, k) => assert.equal(outcome(() => run[action]({ ...base, state })), table[state][k], `${state} × ${action}`));
    assert.equal(isTerminal(state), !['APPROVING', 'WAIT_FOR_EXECUTION', 'EXECUTING'].includes(state), `isTerminal(${state})`);
  }
});

test('approval expiry on a fake clock', () => {
  const r = open();
  assert.equal(r.approval_deadline, h(2).toISOString());
  assert.equal(expire(r, h(2)), r, 'at the deadline it is still valid: the same object comes back');
  assert.equal(approve(r, dba, null, h(2)).state, 'WAIT_FOR_EXECUTION');
  const late = ms(h(2), 1);
  for (const f of [() => expire(r, late), () => approve(r, dba, null, late), () => reject(r, dba, null, late), () => cancel(r, requester, late)]) {
    const got = f();
    assert.equal(got.state, 'APPROVAL_EXPIRED');
    assert.equal(got.reason, `approval was not finished by ${h(2).toISOString()}`);
  }
  // Expiry is a fact, so it beats the approver checks.
  assert.equal(approve(r, requester, null, late).state, 'APPROVAL_EXPIRED');
});

test('wait expiry (manual) and execution expiry on a fake clock', () => {
  const approved = approve(open(), dba, 'fine', h(1));
  assert.deepEqual(
    { state: approved.state, wait: approved.wait_deadline, exec: approved.execution_deadline, at: approved.execute_at, node: approved.current_node },
    { state: 'WAIT_FOR_EXECUTION', wait: h(4).toISOString(), exec: null, at: null, node: 1 },
  );
  assert.equal(isDue(approved, h(3)), false, 'manual requests are never due by themselves');
  assert.equal(startExecution(approved, ms(h(4), 1), 'x', 'x').state, 'WAIT_FOR_EXECUTION_EXPIRED');
  assert.equal(expire(approved, ms(h(4), 1)).reason, `the approved request was not started by ${h(4).toISOString()}`);

  const running = startExecution(approved, h(4), 'x', 'x');
  assert.equal(running.state, 'EXECUTING');
  assert.equal(running.execution_deadline, h(8).toISOString(), 'a run has execution_hours from its start');
  assert.equal(expire(running, h(8)), running);
  const overran = expire(running, ms(h(8), 1));
  assert.equal(overran.state, 'EXECUTION_EXPIRED');
  assert.equal(outcome(() => finishExecution(overran, true)), 'conflict', 'a run that reports after expiry does not revive the request');
  assert.equal(finishExecution(running, true).state, 'EXECUTION_SUCCEEDED');
});

test('scheduled (at): due at its time, within an execution window from approval', () => {
  const r = open(['dba'], { kind: 'at', at: h(5).toISOString() });
  const approved = approve(r, dba, null, h(1));
  assert.deepEqual(
    { wait: approved.wait_deadline, exec: approved.execution_deadline, at: approved.execute_at },
    { wait: null, exec: h(5).toISOString(), at: h(5).toISOString() },
  );
  assert.equal(isDue(approved, ms(h(5), -1)), false);
  assert.equal(isDue(approved, h(5)), true);
  assert.throws(() => startExecution(approved, h(4), 'x', 'x'), (e: AppError) => e.code === 'conflict' && /scheduled for/.test(e.message));
  const running = startExecution(approved, h(5), 'x', 'x');
  assert.equal(running.execution_deadline, h(5).toISOString(), 'the window set at approval still bounds the run');
  // Taskdeck was down at the scheduled time and came back after the window closed.
  const missed = expire(approved, h(6));
  assert.equal(missed.state, 'EXECUTION_EXPIRED');
  assert.equal(isDue(approved, h(6)), false);

  const wide = approve(open(['dba'], { kind: 'at', at: h(3).toISOString() }), dba, null, h(1));
  assert.equal(startExecution(wide, h(4), 'x', 'x').state, 'EXECUTING', 'a late start inside the window still runs');
  assert.throws(() => open(['dba'], { kind: 'at', at: h(0).toISOString() }), /strategy.at must be in the future/);
});

test('auto: due as soon as it is approved', () => {
  const approved = approve(open(['dba'], { kind: 'auto' }), dba, null, h(1));
  assert.equal(approved.execute_at, h(1).toISOString());
  assert.equal(approved.wait_deadline, h(4).toISOString(), 'if nothing picks it up, it still expires');
  assert.equal(isDue(approved, h(1)), true);
  assert.equal(isDue(approved, ms(h(4), 1)), false);
});

test('self-approval and wrong role are forbidden, with messages a user can act on', () => {
  const r = open(['dba']);
  const self = { ...requester, roles: ['dba'] };
  assert.throws(() => approve(r, self, null, h(1)), (e: AppError) => e.code === 'forbidden' && e.message === 'you cannot approve your own request');
  assert.throws(() => reject(r, self, null, h(1)), (e: AppError) => e.code === 'forbidden' && e.message === 'you cannot reject your own request; cancel it instead');
  assert.throws(() => approve(r, admin, null, h(1)), (e: AppError) => e.code === 'forbidden' && e.message === 'approval node 1 of 1 needs the dba role; you have admin');
  assert.throws(() => reject(r, { user_name: 'nobody', roles: [] }, null, h(1)), /needs the dba role; you have no roles/);
});

test('four eyes: user names are compared case-insensitively (Admin is admin)', () => {
  const r = openRequest({ requester: 'admin', approval_nodes: [{ role: 'admin' }, { role: 'admin' }], validity, strategy: { kind: 'manual' } }, h(0));
  assert.throws(() => approve(r, { user_name: 'Admin', roles: ['admin'] }, null, h(1)), (e: AppError) => e.code === 'forbidden' && e.message === 'you cannot approve your own request');
  assert.throws(() => reject(r, { user_name: 'ADMIN', roles: ['admin'] }, null, h(1)), (e: AppError) => e.code === 'forbidden');
  const once = approve(r, { user_name: 'ada', roles: ['admin'] }, null, h(1));
  assert.throws(() => approve(once, { user_name: 'Ada', roles: ['admin'] }, null, h(1)), /you already approved node 1/);
  // The requester under another spelling may still cancel; a developer who is not the requester may not.
  assert.equal(cancel(open(), { user_name: 'RITA', roles: ['developer'] }, h(1)).state, 'CANCELLED');
  assert.throws(() => cancel(open(), stranger, h(1)), /only the requester or an admin can cancel/);
});

test('nodes are decided in order, each by a different person', () => {
  let r = open(['dba', 'admin', 'dba']);
  assert.throws(() => approve(r, admin, null, h(1)), /approval node 1 of 3 needs the dba role/);
  r = approve(r, both, '  looks right ', h(1));
  assert.equal(r.state, 'APPROVING');
  assert.equal(r.current_node, 1);
  assert.deepEqual(r.nodes[0], { role: 'dba', approver: 'bo', decision: 'approved', comment: 'looks right', decided_at: h(1).toISOString() });
  assert.equal(r.nodes[1]!.decision, 'pending');
  assert.throws(() => approve(r, both, null, h(1)), (e: AppError) => e.code === 'forbidden' && e.message === 'you already approved node 1 of this request; node 2 needs another admin');
  assert.throws(() => approve(r, dba, null, h(1)), /approval node 2 of 3 needs the admin role/);
  r = approve(r, admin, '', h(1.5));
  assert.equal(r.nodes[1]!.comment, null);
  r = approve(r, dba2, null, h(1.75));
  assert.equal(r.state, 'WAIT_FOR_EXECUTION');
  assert.equal(r.wait_deadline, h(4.75).toISOString(), 'the wait starts at the last approval');
});

test('reject records the decision and says why', () => {
  const r = reject(approve(open(['dba', 'admin']), dba, null, h(1)), admin, 'not in business hours', h(1.5));
  assert.equal(r.state, 'REJECTED');
  assert.deepEqual(r.nodes.map((n) => [n.approver, n.decision]), [['dan', 'approved'], ['ada', 'rejected']]);
  assert.equal(r.reason, 'rejected by ada at approval node 2: not in business hours');
});

test('cancel: requester or admin, before the run', () => {
  const r = open();
  assert.equal(cancel(r, requester, h(1)).reason, 'cancelled by rita');
  assert.equal(cancel(approve(r, dba, null, h(1)), admin, h(1)).state, 'CANCELLED');
  assert.throws(() => cancel(r, stranger, h(1)), (e: AppError) => e.code === 'forbidden' && e.message === 'only the requester or an admin can cancel this request');
  const running = startExecution(approve(r, dba, null, h(1)), h(1), 'x', 'x');
  assert.throws(() => cancel(running, admin, h(1)), /EXECUTING; stop the run instead/);
});

test('pre-check: a task changed after approval does not run', () => {
  const approved = approve(open(), dba, null, h(1));
  const failed = startExecution(approved, h(2), 'hash-now', 'hash-approved');
  assert.equal(failed.state, 'PRE_CHECK_FAILED');
  assert.match(failed.reason ?? '', /the task changed after approval/);
  assert.ok(isTerminal(failed.state));
});
