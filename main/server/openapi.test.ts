import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { API_PREFIX, operations, pathParams, type Operation, type OpName } from '../../shared/api/contract';
import { errorStatus, isErrorCode } from '../../shared/api/errors';
import { offline } from '../../testing/no-network';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from './http-server';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** Offline: no telemetry, no update check (redocly fetches nothing else for a local file and a local config). */
const REDOCLY_ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };

/** `redocly lint` with the repository's config, offline; the problems it reports as errors (none: an empty list). */
async function lint(file: string): Promise<{ ruleId: string; message: string; location: unknown }[]> {
  const dir = path.dirname(file);
  const net = offline(dir);
  const args = [...net.nodeArgs, path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format', 'json'];
  const r = await run(process.execPath, args, { env: { ...REDOCLY_ENV, ...net.env }, cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; code: number }) => e);
  assert.equal(net.attempts(), '', 'the linter tried to reach the network');
  const report = JSON.parse(r.stdout) as { problems: { ruleId: string; severity: string; message: string; location: unknown }[] };
  return report.problems.filter((p) => p.severity === 'error');
}

describe('the OpenAPI document', () => {
  let s: ServerHarness;
  let server: RunningServer;
  let dir: string;
  let admin: string;
  let viewer: string;
  let doc: Doc;

  before(async () => {
    s = await startServerHarness();
    ({ server, admin } = s);
    dir = s.h.dir;
    viewer = await s.signUp('vera', 'vera-pass-1', ['viewer']);
    doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Doc;
  });
  after(() => s.dispose());

  test('redocly lint (recommended-strict) finds no error in the live document', async () => {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const problems = await lint(file);
    assert.deepEqual(problems.map((p) => `${p.ruleId}: ${p.message} at ${JSON.stringify(p.location)}`), []);
  });

  test('the lint fails a document whose operations lack error answers (as it was before)', async () => {
    const bare = structuredClone(doc);
    for (const item of Object.values(bare.paths)) for (const o of Object.values(item)) for (const s of Object.keys(o.responses)) if (s.startsWith('4')) delete o.responses[s];
    const file = path.join(dir, 'bare.json');
    fs.writeFileSync(file, JSON.stringify(bare));
    const rules = new Set((await lint(file)).map((p) => p.ruleId));
    assert.ok(rules.has('operation-4xx-response'), [...rules].join(', '));
  });

  test('every contract operation is in it once, with its id, and 400/401/403 answers where they can happen', () => {
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length);
    for (const [name, op] of Object.entries(operations) as [OpName, Operation][]) {
      const o = doc.paths[API_PREFIX + op.path]?.[op.method.toLowerCase()];
      assert.equal(o?.operationId, name);
      const statuses = Object.keys(o.responses);
      if (op.permission) assert.ok(statuses.includes('401') && statuses.includes('403'), `${name}: ${statuses.join(' ')}`);
      if (op.method === 'POST' || op.method === 'PUT') assert.ok(statuses.includes('400') && statuses.includes('413'), `${name}: ${statuses.join(' ')}`);
    }
    const download = doc.paths[`${API_PREFIX}/instances/{id}/log.txt`]?.get as unknown as { responses: { 200: { content: Record<string, unknown> } } };
    assert.deepEqual(Object.keys(download.responses[200].content), ['text/plain']);
  });

  test('what the server answers a careless or hostile caller is an answer the document declares, with its Error body', async () => {
    const undocumented: string[] = [];
    for (const [name, op] of Object.entries(operations) as [OpName, Operation][]) {
      const declared = Object.keys(doc.paths[API_PREFIX + op.path]![op.method.toLowerCase()]!.responses);
      const hasBody = op.method === 'POST' || op.method === 'PUT';
      const url = (param: string): string => server.url + API_PREFIX + op.path.replace(/\{\w+\}/g, param);
      const tries: { what: string; init: RequestInit; param: string }[] = [
        { what: 'no token', init: {}, param: '1' },
        { what: 'a viewer', init: { headers: { authorization: `Bearer ${viewer}` } }, param: '1' },
        { what: 'a garbage id', init: { headers: { authorization: `Bearer ${admin}` } }, param: 'zz%20top' },
        { what: 'an unknown id', init: { headers: { authorization: `Bearer ${admin}` } }, param: '987654' },
        ...(hasBody
          ? [
              { what: 'a body that is not JSON', init: { headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: '{"x' }, param: '1' },
              { what: 'a body past the limit', init: { headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: `{"x":"${'a'.repeat(3 * 1024 * 1024)}"}` }, param: '1' },
            ]
          : []),
      ];
      for (const t of tries) {
        if (t.param !== '1' && !pathParams(op.path).length) continue;
        // Nothing that would change the fixture's sign-ins or end the admin's session.
        if (name === 'auth.logout' || name === 'auth.login' || name === 'system.setup') continue;
        const r = await fetch(url(t.param), { method: op.method, ...t.init }).catch((e: Error) => e);
        if (r instanceof Error) continue; // the server closed the socket on an oversized body before reading it: nothing to check
        if (r.status < 400) {
          await r.body?.cancel();
          continue;
        }
        if (!declared.includes(String(r.status))) undocumented.push(`${name} with ${t.what}: ${r.status}`);
        // The one Error schema: a known code whose status is the answer's, and a message.
        const body = (await r.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
        const code = body?.error?.code;
        if (!isErrorCode(code) || errorStatus[code] !== r.status || typeof body?.error?.message !== 'string') undocumented.push(`${name} with ${t.what}: ${r.status} ${JSON.stringify(body)}`);
      }
    }
    assert.deepEqual(undocumented, []);
  });
});
