import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sqlSubtypes, type Process } from '../../../shared/domain/processes';
import { ApiError } from '../../api/client';
import { formFieldOf, initialProcessValues, newLevel, placeProcessErrors, toProcessInput } from './process-form-model';

const strict: Process = {
  id: 4, name: 'Payments', task_type: 'database_change', enabled: false, remarks: 'four eyes', created_by: 'admin', created_at: '2024-05-01T10:00:00Z', updated_at: '2024-05-01T10:00:00Z',
  validity: { approval_hours: 2, wait_hours: 3, execution_hours: 4 },
  association: { host_ids: [1], group_ids: [7] },
  risk_levels: [
    { level: 1, sql_subtypes: ['SELECT', 'INSERT'], max_statements: 10, approval_nodes: [{ role: 'dba' }] },
    { level: 2, sql_subtypes: ['UPDATE', 'DELETE', 'SELECT', 'INSERT'], max_statements: null, approval_nodes: [{ role: 'dba' }, { role: 'admin' }] },
  ],
};

test('a process goes through the form and back unchanged (subtypes in canonical order)', () => {
  const input = toProcessInput(initialProcessValues(strict));
  assert.equal(input.name, 'Payments');
  assert.equal(input.enabled, false);
  assert.deepEqual(input.association, { host_ids: [1], group_ids: [7] });
  assert.deepEqual(input.validity, strict.validity);
  assert.deepEqual(input.risk_levels?.[1], { level: 2, sql_subtypes: ['UPDATE', 'DELETE', 'INSERT', 'SELECT'], max_statements: null, approval_nodes: [{ role: 'dba' }, { role: 'admin' }] });
});

test('a new process: one level, all statements, an admin approves, all hosts, 24 hours', () => {
  const input = toProcessInput({ ...initialProcessValues(undefined, 'command'), name: '  Ops  ' });
  assert.equal(input.name, 'Ops');
  assert.deepEqual(input.association, { all: true });
  assert.deepEqual(input.validity, { approval_hours: 24, wait_hours: 24, execution_hours: 24 });
  assert.deepEqual(input.risk_levels, [{ level: 1, sql_subtypes: [...sqlSubtypes], max_statements: null, approval_nodes: [{ role: 'admin' }] }]);
});

test('only database changes keep several levels and their statement limits', () => {
  const v = { ...initialProcessValues(strict), task_type: 'command' as const };
  const input = toProcessInput(v);
  assert.equal(input.risk_levels?.length, 1);
  assert.deepEqual(input.risk_levels?.[0]?.sql_subtypes, [...sqlSubtypes]);
  assert.equal(input.risk_levels?.[0]?.max_statements, null);
});

test('a new level goes above the highest, starting from the last level\'s nodes', () => {
  const levels = initialProcessValues(strict).risk_levels;
  const next = newLevel(levels);
  assert.equal(next.level, 3);
  assert.deepEqual(next.approval_nodes, [{ role: 'dba' }, { role: 'admin' }]);
  next.approval_nodes[0]!.role = 'changed';
  assert.equal(levels[1]!.approval_nodes[0]!.role, 'dba', 'nodes are copied, not shared');
  assert.equal(newLevel([{ ...next, level: 10 }, { ...next, level: 1 }]).level, 2, 'past 10: the lowest free level');
});

test('server field paths land on form fields', () => {
  assert.deepEqual(formFieldOf('name'), ['name']);
  assert.deepEqual(formFieldOf('validity.wait_hours'), ['validity', 'wait_hours']);
  assert.deepEqual(formFieldOf('risk_levels'), ['risk_levels']);
  assert.deepEqual(formFieldOf('risk_levels.1.max_statements'), ['risk_levels', 1, 'max_statements']);
  assert.deepEqual(formFieldOf('risk_levels.1.sql_subtypes.2'), ['risk_levels', 1, 'sql_subtypes']);
  assert.deepEqual(formFieldOf('risk_levels.0.approval_nodes'), ['risk_levels', 0, 'approval_nodes']);
  assert.deepEqual(formFieldOf('risk_levels.0.approval_nodes.1.role'), ['risk_levels', 0, 'approval_nodes', 1, 'role']);
  assert.deepEqual(formFieldOf('association'), ['association', 'host_ids']);
  assert.equal(formFieldOf('created_by'), null);
});

test('validation errors go on fields, the first per field; a name conflict goes on the name; the rest is left over', () => {
  const v = new ApiError('validation', 'x', 400, {
    fields: [
      { field: 'risk_levels.0.approval_nodes.1.role', message: 'role must not be empty' },
      { field: 'risk_levels.0.approval_nodes.1.role', message: 'role must be lower-case' },
      { field: 'surprise', message: 'odd' },
    ],
  });
  const placed = placeProcessErrors(v);
  assert.deepEqual(placed.fields, [{ name: ['risk_levels', 0, 'approval_nodes', 1, 'role'], errors: ['role must not be empty'] }]);
  assert.equal(placed.leftover, 'surprise: odd');
  const conflict = placeProcessErrors(new ApiError('conflict', 'a process with this name already exists', 409, { field: 'name' }));
  assert.deepEqual(conflict, { fields: [{ name: ['name'], errors: ['a process with this name already exists'] }], leftover: null });
  assert.deepEqual(placeProcessErrors(new ApiError('forbidden', 'needs processes:write', 403)), { fields: [], leftover: 'needs processes:write' });
});
