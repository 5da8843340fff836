/**
 * Property-based fuzz of every operation in the contract, from its own input schema, over real
 * HTTP as every role: valid inputs, near-valid ones, hostile bodies and hostile path params.
 * The property: no unplanned 5xx, every error is {error:{code,message}}, the server stays alive.
 *
 * HOSTILE_SEED fixes the seed (printed either way); HOSTILE_FUZZ_RUNS is the number of runs per
 * operation and kind (quick form: 6); HOSTILE_FUZZ_OPS narrows to operations matching a regex.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { operations, pathParams, type OpName, type Operation } from '../shared/api/contract';
import { rawRequest, type RawRequest } from './api-client';
import { describeRequest, rawPath, replyProblem, requestFor } from './fuzz-requests';
import { arbitraryOf, hostileBodies, hostilePathParams, inputSchema, nearValidOf } from './schema-arbitrary';
import { revivedIfCrashed, startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, ROLE_USERS, refusedPort, type World } from './world';

const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.HOSTILE_FUZZ_RUNS ?? 6);
const ONLY = process.env.HOSTILE_FUZZ_OPS ? new RegExp(process.env.HOSTILE_FUZZ_OPS) : undefined;
console.log(`# contract fuzz: seed ${SEED}, ${RUNS} runs per operation and kind (HOSTILE_SEED=${SEED} to replay)`);

/**
 * Left out, and why:
 * - auth.logout: it revokes the token the fuzz signs in with for the rest of the run; logout is
 *   covered by main/server/http-server.test.ts and by the ownership suite's session checks.
 * - system.set-security-level: level 1 turns every later bearer request of the fuzz into a 401;
 *   it is covered by main/server/signed-requests-http.test.ts.
 */
const SKIP = new Set<OpName>(['auth.logout', 'system.set-security-level']);

/** Actors: every role, no token, and a forged token. */
const ACTORS = [...Object.keys(ROLE_USERS), 'anonymous', 'forged'].filter((a) => !process.env.HOSTILE_FUZZ_ACTORS || new RegExp(process.env.HOSTILE_FUZZ_ACTORS).test(a));

/** Check a property; on failure, one short message with the replay seed and path (no huge counterexample dump). */
async function holds<Ts extends [unknown, ...unknown[]]>(prop: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  const out = await fc.check(prop, { seed: SEED, numRuns, endOnFailure: true });
  if (out.failed) {
    const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(`${cause.slice(0, 4000)}\n(replay: HOSTILE_SEED=${SEED}, fast-check path ${out.counterexamplePath})`);
  }
}

describe('contract fuzz: every operation, every role, no 500 and no crash', () => {
  let server: ServerProcess;
  let world: World;
  let keyDir: string;
  let loopback: string[];
  let victimId: number;
  const stats = new Stats('contract-fuzz');

  before(async () => {
    server = await startServer();
    keyDir = fs.mkdtempSync(path.join(server.dataDir, 'keys-'));
    // A parseable key for the host that refuses connections, and garbage for a second one (issue item 1).
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keyDir, 'good')]);
    fs.writeFileSync(path.join(keyDir, 'garbage'), 'this is not a key\n');
    world = await buildWorld(server.url, { dummyKeyPath: path.join(keyDir, 'good') });
    const refused = await refusedPort();
    await world.api.call('admin', 'POST', '/hosts', { name: 'garbage-key', host: `127.0.0.1:${refused}`, username: 'root', machine_id: 9, auth: { kind: 'key', private_key_path: path.join(keyDir, 'garbage') } });
    victimId = (await world.api.call<{ id: number }>('admin', 'POST', '/users', { user_name: 'victim', password: 'victim-pass-1', roles: ['viewer'] })).id;
    // Fuzzed hosts only ever point at loopback ports nobody answers: no command generated here can run anywhere.
    loopback = [`127.0.0.1:${refused}`, `127.0.0.1:${await refusedPort()}`];
  });

  // One crash fails the operation that caused it; the next operation gets the server back (same data).
  beforeEach(async () => {
    server = await revivedIfCrashed(server, stats, world.api);
  });

  after(async () => {
    stats.rss(server.alive() ? server.rssMb() : 0);
    stats.flush();
    await server.dispose();
  });

  function tokenOf(actor: string): string | undefined {
    if (actor === 'anonymous') return undefined;
    if (actor === 'forged') return 'forged-token-0000000000000000';
    return world.api.token(actor);
  }

  /** Keep the fuzz inside its fixture: hosts stay on loopback, users it signs in as stay intact. */
  function sanitize(name: OpName, input: Record<string, unknown>, pick: number): Record<string, unknown> {
    const out = { ...input };
    if ((name === 'hosts.create' || name === 'hosts.update') && typeof out.host === 'string' && /:\d{1,5}$/.test(out.host)) out.host = loopback[pick % loopback.length];
    if (name === 'users.update' && Object.values(world.userIds).concat([1]).includes(out.id as number)) out.id = victimId;
    return out;
  }

  async function send(actor: string, r: RawRequest): Promise<void> {
    let reply;
    try {
      reply = await rawRequest(server.url, { ...r, timeoutMs: 30_000 });
    } catch (err) {
      throw new Error(`${describeRequest(actor, r)}: no answer (${(err as Error).message}); server ${server.alive() ? 'alive' : 'DEAD'}\n${server.output().slice(-3000)}`);
    }
    stats.request(reply.status);
    const problem = replyProblem(reply);
    if (problem) throw new Error(`${problem}: ${describeRequest(actor, r, reply)}`);
    if (!server.alive()) {
      throw new Error(`server died after ${describeRequest(actor, r, reply)}\n${server.output().slice(-3000)}`);
    }
  }

  function knownNames(): fc.Arbitrary<string | undefined> {
    return fc.option(fc.constantFrom(...Object.values(world.tasks)), { freq: 2 });
  }

  const entries = (Object.entries(operations) as [OpName, Operation][]).filter(([n]) => !SKIP.has(n) && (!ONLY || ONLY.test(n)));

  for (const [name, op] of entries) {
    test(`${name}: valid and near-valid inputs as every role`, async () => {
      const schema = inputSchema(op.input);
      const input = fc.oneof(arbitraryOf(schema), nearValidOf(schema)) as fc.Arbitrary<Record<string, unknown>>;
      await holds(
        fc.asyncProperty(input, fc.constantFrom(...ACTORS), knownNames(), fc.nat(), async (raw, actor, taskName, pick) => {
          const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
          const withName = taskName !== undefined && pathParams(op.path).includes('name') ? { ...value, name: taskName } : value;
          await send(actor, requestFor(op, sanitize(name, withName, pick), tokenOf(actor)));
        }),
        RUNS * 2,
      );
    });

    test(`${name}: hostile bodies and path params`, async () => {
      const params = pathParams(op.path).length > 0;
      const hasBody = op.method === 'POST' || op.method === 'PUT';
      const paramArb = params ? fc.constantFrom(...hostilePathParams) : fc.constant('');
      await holds(
        fc.asyncProperty(hostileBodies(), paramArb, fc.constantFrom('admin', 'viewer', 'anonymous'), async (b, param, actor) => {
          const token = tokenOf(actor);
          const p = params ? rawPath(op, param) : rawPath(op, '');
          const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(b.type ? { 'content-type': b.type } : {}) };
          const r: RawRequest = hasBody ? { method: op.method, path: p, headers, body: b.body } : { method: op.method, path: p, headers };
          await send(actor, r);
        }),
        RUNS,
      );
    });
  }

  test('without a token, an operation that needs one answers 401 before its body is read', async () => {
    for (const [name, op] of entries) {
      if (op.permission === null || !(op.method === 'POST' || op.method === 'PUT')) continue;
      const reply = await rawRequest(server.url, { method: op.method, path: rawPath(op, '1'), headers: { 'content-type': 'application/json' }, body: '{"not json' });
      stats.request(reply.status);
      assert.equal(reply.status, 401, `${name}: ${reply.status} ${reply.text}`);
    }
  });

  test('the server is still alive and answers health', async () => {
    assert.ok(server.alive(), server.output().slice(-3000));
    const h = await rawRequest(server.url, { method: 'GET', path: '/api/v1/health' });
    assert.equal(h.status, 200);
  });
});
