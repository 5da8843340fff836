import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import { ProcessInput, type Association, type RiskLevel, type SqlSubtype, type TaskTypeName } from '../../../shared/domain/processes';
import { chooseLevel, contentHash, matchProcess, normalisePriority, reorder, type ContentParts } from './process-matching';

const level = (n: number, sql_subtypes: SqlSubtype[], max_statements: number | null): RiskLevel => ({ level: n, sql_subtypes, max_statements, approval_nodes: [{ role: 'dba' }] });

test('chooseLevel: table of scripts against three levels', () => {
  // Given out of order on purpose: chooseLevel sorts.
  const levels = [
    level(3, ['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'CREATE', 'DROP', 'ALTER', 'OTHER'], null),
    level(1, ['SELECT'], null),
    level(2, ['SELECT', 'INSERT', 'UPDATE'], 10),
  ];
  const many = (n: number, s: SqlSubtype): SqlSubtype[] => Array.from({ length: n }, () => s);
  const cases: [name: string, subtypes: SqlSubtype[], want: number][] = [
    ['only reads', ['SELECT', 'SELECT'], 1],
    ['many reads, level 1 has no limit', many(500, 'SELECT'), 1],
    ['a write', ['SELECT', 'UPDATE'], 2],
    ['ten writes fit level 2', many(10, 'INSERT'), 2],
    ['eleven writes do not', many(11, 'INSERT'), 3],
    ['a drop', ['DROP'], 3],
    ['one statement of each kind', ['SELECT', 'DELETE'], 3],
    ['no statements', [], 1],
  ];
  for (const [name, subtypes, want] of cases) assert.equal(chooseLevel(levels, subtypes).level, want, name);
});

test('chooseLevel: nothing fits → the highest level; one level → that level', () => {
  assert.equal(chooseLevel([level(1, ['SELECT'], 1), level(2, ['SELECT'], 2)], ['DROP']).level, 2);
  assert.equal(chooseLevel([level(4, ['SELECT'], 1)], ['DROP', 'DROP']).level, 4);
  assert.throws(() => chooseLevel([], ['SELECT']), /at least one risk level/);
});

test('matchProcess: first enabled process of the type that covers every host', () => {
  const groups = new Map<number, number[]>([
    [1, [10]],
    [2, [10, 20]],
    [3, []],
  ]);
  const p = (name: string, task_type: TaskTypeName, association: Association, enabled = true) => ({ name, task_type, association, enabled });
  const processes = [
    p('disabled', 'database_change', { all: true }, false),
    p('hosts 1 and 3', 'database_change', { host_ids: [1, 3], group_ids: [] }),
    p('group 20', 'database_change', { host_ids: [], group_ids: [20] }),
    p('group 10 or host 3', 'database_change', { host_ids: [3], group_ids: [10] }),
    p('commands anywhere', 'command', { all: true }),
    p('db fallback', 'database_change', { all: true }),
  ];
  const cases: [name: string, type: TaskTypeName, hosts: number[], want: string | null][] = [
    ['disabled is skipped; by host id', 'database_change', [1], 'hosts 1 and 3'],
    ['all hosts listed', 'database_change', [3, 1], 'hosts 1 and 3'],
    ['by group', 'database_change', [2], 'group 20'],
    ['a process covering only some hosts does not match', 'database_change', [1, 2], 'group 10 or host 3'],
    ['mixed host id and group', 'database_change', [2, 3], 'group 10 or host 3'],
    ['an unknown host falls to all: true', 'database_change', [99], 'db fallback'],
    ['by type', 'command', [1], 'commands anywhere'],
    ['no process of the type', 'apply_permission', [1], null],
  ];
  for (const [name, type, host_ids, want] of cases) {
    assert.equal(matchProcess(processes, { type, host_ids, group_ids_of_host: groups })?.name ?? null, want, name);
  }
  assert.equal(matchProcess(processes.slice(0, 5), { type: 'database_change', host_ids: [99], group_ids_of_host: groups }), null);
});

test('reorder: drag and drop', () => {
  const cases: [from: number, to: number, want: number[]][] = [
    [0, 2, [20, 30, 10, 40]],
    [3, 0, [40, 10, 20, 30]],
    [1, 1, [10, 20, 30, 40]],
    [2, 3, [10, 20, 40, 30]],
  ];
  const ids = [10, 20, 30, 40];
  for (const [from, to, want] of cases) assert.deepEqual(reorder(ids, from, to), want, `${from} → ${to}`);
  assert.deepEqual(ids, [10, 20, 30, 40], 'the input is not changed');
  assert.throws(() => reorder(ids, 4, 0), (e: AppError) => e.code === 'validation' && /cannot move position 4 to 0: the list has 4 processes/.test(e.message));
  assert.throws(() => reorder(ids, 0, -1), AppError);
});

test('normalisePriority: a permutation, or what is wrong with it', () => {
  const cases: [requested: number[], want: number[] | string][] = [
    [[3, 1, 2], [3, 1, 2]],
    [[1, 2], 'missing 3'],
    [[1, 2, 3, 9], 'not of this type 9'],
    [[1, 2, 2, 3], 'listed twice 2'],
    [[2, 2, 7], 'missing 1, 3; not of this type 7; listed twice 2'],
  ];
  for (const [requested, want] of cases) {
    const got = normalisePriority([1, 2, 3], requested);
    if (typeof want === 'string') {
      assert.ok(got instanceof AppError && got.code === 'validation', `${requested}`);
      assert.equal(got.message, `priority must list each process of this type exactly once: ${want}`);
    } else {
      assert.deepEqual(got, want);
    }
  }
});

test('contentHash: canonical, and sensitive to every part', () => {
  const base = { type: 'database_change' as const, script: 'UPDATE t SET a = 1;', targets: [3, 1] };
  const h = contentHash(base);
  assert.match(h, /^[0-9a-f]{64}$/);
  const same: ContentParts[] = [
    { ...base, targets: [1, 3] },
    { ...base, targets: [1, 3, 3] },
    { ...base, command: null, client_command: undefined },
    { ...base, command: '' },
    { ...base, host_client_commands: {} },
    { ...base, host_client_commands: { 1: '', 3: '' } },
  ];
  for (const parts of same) assert.equal(contentHash(parts), h, JSON.stringify(parts));
  const different: ContentParts[] = [
    { ...base, script: 'UPDATE t SET a = 1; ' },
    { ...base, targets: [1] },
    { ...base, type: 'command' as const },
    { ...base, command: ' ' },
    { ...base, client_command: 'mysql -h db' },
    { type: 'database_change' as const, command: 'UPDATE t SET a = 1;', targets: [1, 3] },
    { ...base, host_client_commands: { 1: 'psql -f -' } },
  ];
  for (const parts of different) assert.notEqual(contentHash(parts), h, JSON.stringify(parts));
  // Host-level client commands: they count when the task has none, to the byte and per host; never when it has its own.
  const hosted = { ...base, host_client_commands: { 1: 'psql -f -', 3: 'mysql' } };
  assert.equal(contentHash({ ...hosted, host_client_commands: { 3: 'mysql', 1: 'psql -f -' } }), contentHash(hosted));
  assert.notEqual(contentHash({ ...hosted, host_client_commands: { 1: 'mysql', 3: 'psql -f -' } }), contentHash(hosted));
  assert.notEqual(contentHash({ ...hosted, host_client_commands: { 1: 'psql -f - ', 3: 'mysql' } }), contentHash(hosted));
  const own = { ...base, client_command: 'cat' };
  assert.equal(contentHash({ ...own, host_client_commands: { 1: 'psql -f -' } }), contentHash(own));
  const pinned = createHash('sha256').update('["taskdeck-content-v1","database_change",null,"UPDATE t SET a = 1;",null,[1,3]]').digest('hex');
  assert.equal(h, pinned, 'the canonical form is stable across releases: stored hashes must keep matching');
});

test('ProcessInput: defaults, sorting and the messages users see', () => {
  const ok = ProcessInput.parse({ name: ' nightly ', task_type: 'database_change', risk_levels: [{ level: 2, approval_nodes: [{ role: 'dba' }] }, { level: 1, sql_subtypes: ['SELECT'], approval_nodes: [{ role: 'admin' }] }] });
  assert.deepEqual(
    { name: ok.name, levels: ok.risk_levels.map((l) => l.level), validity: ok.validity, enabled: ok.enabled, remarks: ok.remarks, association: ok.association, max: ok.risk_levels[0]!.max_statements },
    { name: 'nightly', levels: [1, 2], validity: { approval_hours: 24, wait_hours: 24, execution_hours: 24 }, enabled: true, remarks: '', association: { all: true }, max: null },
  );
  const nodes = [{ role: 'dba' }];
  const cases: [input: object, path: string, message: string][] = [
    [{ name: '  ', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: nodes }] }, 'name', 'name must not be empty'],
    [{ name: 'x'.repeat(111), task_type: 'command', risk_levels: [{ level: 1, approval_nodes: nodes }] }, 'name', 'name must be at most 110 characters'],
    [{ name: 'p', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: nodes }, { level: 2, approval_nodes: nodes }] }, 'risk_levels', 'risk_levels: a command process has exactly one level; only database_change may have more'],
    [{ name: 'p', task_type: 'database_change', risk_levels: [{ level: 2, approval_nodes: nodes }, { level: 2, approval_nodes: nodes }] }, 'risk_levels', 'risk_levels must not repeat level 2'],
    [{ name: 'p', task_type: 'database_change', risk_levels: [] }, 'risk_levels', 'risk_levels needs at least one level'],
    [{ name: 'p', task_type: 'database_change', risk_levels: [{ level: 11, approval_nodes: nodes }] }, 'risk_levels.0.level', 'level must be between 1 and 10'],
    [{ name: 'p', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [] }] }, 'risk_levels.0.approval_nodes', 'approval_nodes needs at least one node'],
    [{ name: 'p', task_type: 'database_change', risk_levels: [{ level: 1, sql_subtypes: ['SELECT', 'SELECT'], approval_nodes: nodes }] }, 'risk_levels.0.sql_subtypes', 'sql_subtypes must not list a subtype twice'],
    [{ name: 'p', task_type: 'database_change', risk_levels: [{ level: 1, max_statements: 0, approval_nodes: nodes }] }, 'risk_levels.0.max_statements', 'max_statements must be at least 1'],
    [{ name: 'p', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: nodes }], validity: { wait_hours: 241 } }, 'validity.wait_hours', 'wait_hours must be between 1 and 240'],
    [{ name: 'p', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: nodes }], remarks: 'r'.repeat(201) }, 'remarks', 'remarks must be at most 200 characters'],
    [{ name: 'p', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: nodes }], association: { host_ids: [], group_ids: [] } }, 'association', 'association must name at least one host or group, or be {all: true}'],
  ];
  for (const [input, path, message] of cases) {
    const r = ProcessInput.safeParse(input);
    assert.ok(!r.success, message);
    assert.ok(r.error.issues.some((i) => i.path.join('.') === path && i.message === message), `${message}: got ${JSON.stringify(r.error.issues)}`);
  }
});
