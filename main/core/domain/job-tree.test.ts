import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../../shared/api/errors';
import { fromOvirtStatus, jobStates, ovirtStatuses, toOvirtStatus, toScyllaState, type JobState } from '../../../shared/domain/jobs';
import { ancestors, bfs, checkAddChild, checkTransition, expiryCutoffs, foldDecision, foldInto, isExpired, planEnd } from './job-tree';
import { JobIdGenerator, RANDOM_POOL_BYTES, timeOfJobId, uuidv7 } from './job-id';

const code = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as AppError).code;
  }
};
const node = (state: JobState, id = 'n1') => ({ id, description: 'backup', state });

test('transitions: a finished node never changes', () => {
  const cases: [JobState, JobState, string][] = [
    ['created', 'running', 'ok'],
    ['created', 'done', 'ok'],
    ['created', 'aborted', 'ok'],
    ['running', 'done', 'ok'],
    ['running', 'failed', 'ok'],
    ['running', 'unknown', 'ok'],
    ['running', 'running', 'conflict'],
    ['running', 'created', 'conflict'],
    ...jobStates.filter((s) => s !== 'created' && s !== 'running').flatMap((from) => jobStates.map((to): [JobState, JobState, string] => [from, to, 'conflict'])),
  ];
  for (const [from, to, want] of cases) assert.equal(code(() => checkTransition(node(from), to)), want, `${from} -> ${to}`);
  assert.throws(() => checkTransition(node('done'), 'failed'), /"backup" \(n1\) already ended FINISHED/);
});

test('a step under a finished parent is refused', () => {
  for (const s of jobStates) assert.equal(code(() => checkAddChild(node(s))), s === 'created' || s === 'running' ? 'ok' : 'conflict', s);
  assert.throws(() => checkAddChild(node('aborted')), /already ended ABORTED; a step cannot be added/);
});

test('ending with unfinished steps: refused naming them, or with force aborted deepest first', () => {
  const open = [node('running', 'a'), node('created', 'b'), node('running', 'c')];
  assert.deepEqual(planEnd(node('running'), [], false), []);
  const err = (() => { try { planEnd(node('running'), open, false); } catch (e) { return e as AppError; } })();
  assert.equal(err?.code, 'conflict');
  assert.match(err!.message, /has unfinished steps: "backup" \(a\), "backup" \(b\), "backup" \(c\)/);
  assert.deepEqual((err!.details as { unfinished: string[] }).unfinished, ['a', 'b', 'c']);
  assert.deepEqual(planEnd(node('running'), open, true).map((n) => n.id), ['c', 'b', 'a']);
  const many = Array.from({ length: 12 }, (_, i) => node('running', `s${i}`));
  assert.throws(() => planEnd(node('running'), many, false), /and 2 more/);
});

test('folding: dropped unless it or a descendant failed; roots never fold', () => {
  const cases: [string | null, JobState, boolean, string][] = [
    [null, 'done', false, 'none'],
    [null, 'failed', true, 'none'],
    ['p', 'running', false, 'none'],
    ['p', 'created', true, 'none'],
    ['p', 'done', false, 'drop'],
    ['p', 'done', true, 'keep'],
    ['p', 'failed', true, 'keep'],
    ['p', 'aborted', true, 'keep'],
    ['p', 'unknown', true, 'keep'],
  ];
  for (const [parent_id, state, has_failure, want] of cases) assert.equal(foldDecision({ parent_id, state, has_failure }), want, `${parent_id} ${state} ${has_failure}`);
  // FINALIZING holds the work's summary: kept when done, as any step is when it failed; a root never folds.
  const finalizing: [string | null, JobState, string][] = [['p', 'done', 'keep'], ['p', 'failed', 'keep'], ['p', 'running', 'none'], [null, 'done', 'none']];
  for (const [parent_id, state, want] of finalizing) assert.equal(foldDecision({ parent_id, state, has_failure: state === 'failed', step_type: 'FINALIZING' }), want, `FINALIZING ${parent_id} ${state}`);
  assert.equal(foldDecision({ parent_id: 'p', state: 'done', has_failure: false, step_type: 'EXECUTING' }), 'drop', 'other step types still fold away');
  const zero = { done: 0, failed: 0, aborted: 0, unknown: 0 };
  assert.deepEqual(foldInto(foldInto(foldInto(zero, 'done'), 'done'), 'aborted'), { done: 2, failed: 0, aborted: 1, unknown: 0 });
  assert.deepEqual(foldInto(zero, 'running'), zero);
});

test('TTL: a finished auto-cleared root expires ttl after it ends, user_ttl when a user started it', () => {
  const ttls = { ttlSeconds: 86_400, userTtlSeconds: 3600 };
  const ended = 1_000_000_000;
  const root = { parent_id: null, state: 'done' as JobState, ended_ms: ended as number | null, auto_cleared: true, user_started: false };
  const cases: [Partial<typeof root>, number, boolean][] = [
    [{}, ended + 86_400_000 - 1, false],
    [{}, ended + 86_400_000, true],
    [{ user_started: true }, ended + 3_600_000 - 1, false],
    [{ user_started: true }, ended + 3_600_000, true],
    [{ state: 'failed' }, ended + 86_400_000, true],
    [{ state: 'running', ended_ms: null }, ended * 10, false],
    [{ auto_cleared: false }, ended * 10, false],
    [{ parent_id: 'p' } as never, ended * 10, false],
  ];
  for (const [patch, now, want] of cases) assert.equal(isExpired({ ...root, ...patch }, now, ttls), want, `${JSON.stringify(patch)} at +${now - ended}`);
  assert.deepEqual(expiryCutoffs(10_000, { ttlSeconds: 5, userTtlSeconds: 1 }), { taskEndedBy: 5000, userEndedBy: 9000 });
});

test('BFS order of a subtree', () => {
  const n = (id: string, parent_id: string | null) => ({ id, parent_id });
  const nodes = [n('r', null), n('a', 'r'), n('b', 'r'), n('a1', 'a'), n('b1', 'b'), n('a2', 'a'), n('x', null)];
  assert.deepEqual(bfs('r', nodes).map((x) => x.id), ['r', 'a', 'b', 'a1', 'a2', 'b1']);
  assert.deepEqual(bfs('a', nodes).map((x) => x.id), ['a', 'a1', 'a2']);
  assert.deepEqual(bfs('nope', nodes), []);
});

test('ancestors of a node, nearest first; none for a root; a broken chain stops where it breaks', () => {
  const n = (id: string, parent_id: string | null) => ({ id, parent_id });
  const nodes = [n('r', null), n('a', 'r'), n('a1', 'a'), n('orphan', 'gone')];
  assert.deepEqual(ancestors(nodes[2]!, nodes).map((x) => x.id), ['a', 'r']);
  assert.deepEqual(ancestors(nodes[0]!, nodes), []);
  assert.deepEqual(ancestors(nodes[3]!, nodes), []);
  const loop = [n('x', 'y'), n('y', 'x')];
  assert.equal(ancestors(loop[0]!, loop).length, 64, 'bounded even over a corrupt cycle');
});

test('state mappings: oVirt round-trips, Scylla shows aborted and unknown as failed', () => {
  for (const s of ovirtStatuses) assert.equal(toOvirtStatus(fromOvirtStatus(s)), s);
  assert.deepEqual(jobStates.map(toOvirtStatus), ['STARTED', 'STARTED', 'FINISHED', 'FAILED', 'ABORTED', 'UNKNOWN']);
  assert.deepEqual(jobStates.map(toScyllaState), ['created', 'running', 'done', 'failed', 'failed', 'failed']);
});

test('job ids: UUIDv7, time readable, strictly increasing within a millisecond and when the clock steps back', () => {
  const id = uuidv7(0x0123456789ab, 0xabc, Buffer.alloc(8, 0xff));
  assert.equal(id, '01234567-89ab-7abc-bfff-ffffffffffff');
  assert.equal(timeOfJobId(id), 0x0123456789ab);
  assert.equal(timeOfJobId('not-an-id'), null);
  const gen = new JobIdGenerator();
  const ids = [gen.next(5000), gen.next(5000), gen.next(4000), ...Array.from({ length: 5000 }, () => gen.next(6000)), gen.next(7000)];
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`);
  assert.equal(timeOfJobId(ids[0]!), 5000);
  assert.equal(new Set(ids).size, ids.length);
});

test('job ids: random bits come from a pool, one CSPRNG call per 512 ids, and no bytes go into two ids', () => {
  const draws: number[] = [];
  const gen = new JobIdGenerator((n) => {
    draws.push(n);
    return randomBytes(n);
  });
  const ids = Array.from({ length: 1025 }, () => gen.next(1000));
  assert.deepEqual(draws, [RANDOM_POOL_BYTES, RANDOM_POOL_BYTES, RANDOM_POOL_BYTES]);
  // The last 8 bytes (variant bits aside) are the id's random part: distinct for every id.
  assert.equal(new Set(ids.map((id) => id.slice(19))).size, ids.length);
  let n = 0;
  const counting = new JobIdGenerator((size) => Buffer.from(Array.from({ length: size }, () => n++ & 0xff)));
  // Consecutive ids take consecutive pool bytes: 00..07, then 08..0f (the variant keeps the top two bits of the first).
  assert.deepEqual([counting.next(1), counting.next(1)].map((id) => id.slice(19).replace('-', '')), ['8001020304050607', '88090a0b0c0d0e0f']);
});

test('uuidv7 lays out time, version, counter, variant and random bytes as RFC 9562 does (checked against a byte-buffer layout)', () => {
  const reference = (ms: number, counter: number, random: Uint8Array): string => {
    const b = Buffer.alloc(16);
    b.writeUIntBE(ms, 0, 6);
    b[6] = 0x70 | ((counter >> 8) & 0x0f);
    b[7] = counter & 0xff;
    b.set(random.subarray(0, 8), 8);
    b[8] = 0x80 | (b[8]! & 0x3f);
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 0, max: 0xfff }), fc.uint8Array({ minLength: 8, maxLength: 8 }), (ms, counter, random) => {
    const id = uuidv7(ms, counter, random);
    assert.equal(id, reference(ms, counter, random));
    assert.equal(timeOfJobId(id), ms);
  }), { numRuns: 500 });
});
