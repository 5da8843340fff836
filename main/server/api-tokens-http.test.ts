import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiToken } from '../../shared/domain/tokens';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { Core } from '../core/create-core';
import { createHash } from 'node:crypto';
import type { Logger } from '../core/logger';

interface ErrorAnswer { error: { code: string; message: string; details?: { scope?: string; permission?: string } } }

describe('API tokens for plug-ins over the real HTTP server (security level 0)', () => {
  let s: ServerHarness;
  let core: Core;
  let admin: string;
  let nowMs = Date.parse('2026-03-01T10:00:00Z');
  const logs: string[] = [];
  const log: Logger = (level, message, fields) => logs.push(JSON.stringify({ level, message, fields }));

  before(async () => {
    s = await startServerHarness({ core: { securityLevel: '0', clock: { now: () => new Date(nowMs) }, log }, server: { log } });
    ({ core, admin } = s);
    assert.equal((await req('POST', '/users', { user_name: 'dev', password: 'devpass123', roles: ['developer'] }, admin)).status, 201);
  });
  after(() => s.dispose());

  const req: ServerHarness['api'] = (...a) => s.api(...a);

  async function createToken(input: Record<string, unknown>): Promise<{ token: ApiToken; secret: string }> {
    const r = await req('POST', '/tokens', input, admin);
    assert.equal(r.status, 201, await r.clone().text());
    return (await r.json()) as { token: ApiToken; secret: string };
  }

  async function refusal(r: Response, status: number, code: string): Promise<ErrorAnswer['error']> {
    const body = (await r.json()) as ErrorAnswer;
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(body.error.code, code, body.error.message);
    return body.error;
  }

  test('an admin creates a token: the secret is answered once, `<id>.<secret>`, and never listed', async () => {
    const { token, secret } = await createToken({ name: 'ci reader', scopes: ['read'], owner: 'dev', expires_in_days: 30 });
    assert.match(secret, /^tok_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    assert.equal(secret.split('.')[0], token.id);
    assert.equal(token.owner, 'dev');
    assert.equal(token.created_by, 'admin');
    assert.equal(token.expires_at, new Date(nowMs + 30 * 86_400_000).toISOString());
    assert.equal(token.last_used_at, null);
    const listed = await (await req('GET', '/tokens', undefined, admin)).text();
    assert.ok(listed.includes('ci reader'));
    assert.ok(!listed.includes(secret.split('.')[1]!), 'the list never carries the secret');
    assert.ok(!listed.includes(createHash('sha256').update(secret).digest('hex')), 'nor its hash');
  });

  test('hostile creates: a lower role, a scope past the owner\'s role, an approve scope, a bad expiry, an unknown owner', async () => {
    const devToken = ((await (await req('POST', '/auth/login', { user_name: 'dev', password: 'devpass123' })).json()) as { token: string }).token;
    await refusal(await req('POST', '/tokens', { name: 'mine', scopes: ['read'], expires_in_days: 1 }, devToken), 403, 'forbidden');
    await refusal(await req('GET', '/tokens', undefined, devToken), 403, 'forbidden');
    const past = await refusal(await req('POST', '/tokens', { name: 'x', scopes: ['read', 'hosts'], owner: 'dev', expires_in_days: 1 }, admin), 400, 'validation');
    assert.match(past.message, /do not grant the scope hosts/);
    const approve = await refusal(await req('POST', '/tokens', { name: 'x', scopes: ['approve'], expires_in_days: 1 }, admin), 400, 'validation');
    assert.match(approve.message, /^scopes/);
    await refusal(await req('POST', '/tokens', { name: 'x', scopes: ['read'], expires_in_days: 0 }, admin), 400, 'validation');
    await refusal(await req('POST', '/tokens', { name: 'x', scopes: ['read'], expires_in_days: 400 }, admin), 400, 'validation');
    await refusal(await req('POST', '/tokens', { name: 'x', scopes: ['read'], owner: 'nobody', expires_in_days: 1 }, admin), 400, 'validation');
    await refusal(await req('POST', '/tokens', { name: 'x', scopes: [], expires_in_days: 1 }, admin), 400, 'validation');
    await refusal(await req('POST', '/tokens/not-an-id/revoke', {}, admin), 400, 'validation');
    await refusal(await req('POST', '/tokens/tok_0000000000000000/revoke', {}, admin), 404, 'not_found');
  });

  test('a token reads within its scope and its last use is kept; past its scope it gets 403 naming the scope', async () => {
    const { token, secret } = await createToken({ name: 'poller', scopes: ['read'], owner: 'admin', expires_in_days: 7 });
    assert.equal((await req('GET', '/hosts', undefined, secret)).status, 200);
    const lastUse = async (): Promise<string | null> => ((await (await req('GET', '/tokens', undefined, admin)).json()) as ApiToken[]).find((t) => t.id === token.id)!.last_used_at;
    const first = new Date(nowMs).toISOString();
    assert.equal(await lastUse(), first);
    nowMs += 30_000; // kept to the minute: a read 30 s later writes nothing
    assert.equal((await req('GET', '/hosts', undefined, secret)).status, 200);
    assert.equal(await lastUse(), first);
    nowMs += 31_000;
    const me = (await (await req('GET', '/auth/me', undefined, secret)).json()) as { user: { user_name: string }; permissions: string[] };
    assert.equal(await lastUse(), new Date(nowMs).toISOString());
    // The token acts as its owner (an admin) with only what its scopes allow.
    assert.equal(me.user.user_name, 'admin');
    assert.deepEqual(me.permissions, ['read']);
    const e = await refusal(await req('POST', '/hosts', { name: 'h9', host: '10.0.0.9:22', username: 'u', machine_id: 9, auth: { kind: 'agent' } }, secret), 403, 'forbidden');
    assert.match(e.message, /the API token poller lacks the scope hosts/);
    assert.equal(e.details?.scope, 'hosts');
    // The owner is an admin: what stops the token is its scope, not the user.
    const audit = await (await req('GET', '/audit?limit=5', undefined, admin)).text();
    assert.match(audit, /token\.refused/);
    // A token cannot manage tokens, even an admin's with every scope: users:admin is no scope.
    const wide = await createToken({ name: 'wide', scopes: ['read', 'runs', 'tasks', 'jobs-inject', 'hosts', 'groups'], expires_in_days: 7 });
    const nested = await refusal(await req('POST', '/tokens', { name: 'nested', scopes: ['read'], expires_in_days: 1 }, wide.secret), 403, 'forbidden');
    assert.match(nested.message, /API tokens never hold the permission users:admin/);
  });

  test('a token never approves, whatever its owner may do', async () => {
    const { secret } = await createToken({ name: 'approver bot', scopes: ['read', 'runs', 'tasks', 'jobs-inject', 'hosts', 'groups'], owner: 'admin', expires_in_days: 7 });
    // Approving needs only `read` plus the node's role, which the admin owner may hold: the operation itself is a person's.
    const e = await refusal(await req('POST', '/requests/1/approve', { comment: 'lgtm' }, secret), 403, 'forbidden');
    assert.match(e.message, /API tokens never approve the current node/);
    for (const p of ['/requests/1/reject', '/requests/1/cancel', '/requests/1/execute']) await refusal(await req('POST', p, {}, secret), 403, 'forbidden');
    await refusal(await req('POST', '/requests/batch-approve', { ids: [1] }, secret), 403, 'forbidden');
    // A person holding the same role gets past the token rule (to the request that does not exist).
    assert.equal((await req('POST', '/requests/1/approve', { comment: 'lgtm' }, admin)).status, 404);
  });

  test('a state-changing request is audited with the token\'s name; the owner stays the actor of what it did', async () => {
    const { token, secret } = await createToken({ name: 'inventory sync', scopes: ['read', 'hosts'], expires_in_days: 7 });
    const r = await req('POST', '/hosts', { name: 'synced-1', host: '10.0.0.21:22', username: 'ops', machine_id: 21, auth: { kind: 'agent' } }, secret);
    assert.equal(r.status, 201);
    const audit = (await (await req('GET', '/audit?limit=10', undefined, admin)).json()) as { actor: string; action: string; target_id: string | null; details: Record<string, unknown> }[];
    const used = audit.find((a) => a.action === 'token.used' && a.target_id === token.id);
    assert.deepEqual(used?.details, { token: 'inventory sync', operation: 'hosts.create' });
    assert.equal(used?.actor, 'admin');
    assert.ok(audit.some((a) => a.action === 'host.created' && a.actor === 'admin'));
  });

  test('a revoked token gets 401 token_revoked; revoking twice is a 409', async () => {
    const { token, secret } = await createToken({ name: 'to revoke', scopes: ['read'], owner: 'dev', expires_in_days: 7 });
    assert.equal((await req('GET', '/hosts', undefined, secret)).status, 200);
    const revoked = (await (await req('POST', `/tokens/${token.id}/revoke`, {}, admin)).json()) as ApiToken;
    assert.equal(revoked.revoked_by, 'admin');
    const e = await refusal(await req('GET', '/hosts', undefined, secret), 401, 'token_revoked');
    assert.match(e.message, /to revoke was revoked/);
    await refusal(await req('POST', `/tokens/${token.id}/revoke`, {}, admin), 409, 'conflict');
    // The name is free again once the token holding it is revoked.
    await createToken({ name: 'to revoke', scopes: ['read'], owner: 'dev', expires_in_days: 7 });
  });

  test('an expired token gets 401 token_expired; a guessed secret for a real id gets 401', async () => {
    const { token, secret } = await createToken({ name: 'short lived', scopes: ['read'], owner: 'dev', expires_in_days: 1 });
    const forged = `${token.id}.${'A'.repeat(43)}`;
    await refusal(await req('GET', '/hosts', undefined, forged), 401, 'unauthorized');
    assert.equal((await req('GET', '/hosts', undefined, secret)).status, 200);
    nowMs += 86_400_000;
    try {
      const e = await refusal(await req('GET', '/hosts', undefined, secret), 401, 'token_expired');
      assert.match(e.message, /short lived expired/);
    } finally {
      nowMs -= 86_400_000;
    }
  });

  test('a token whose owner is disabled is refused; the owner\'s lost role narrows the token at once', async () => {
    const { secret } = await createToken({ name: 'dev runner', scopes: ['read', 'runs'], owner: 'dev', expires_in_days: 7 });
    const dev = ((await (await req('GET', '/users', undefined, admin)).json()) as { id: number; user_name: string }[]).find((u) => u.user_name === 'dev')!;
    assert.equal((await req('PUT', `/users/${dev.id}`, { roles: ['viewer'] }, admin)).status, 200);
    const e = await refusal(await req('POST', '/runs', { targets: { host_ids: [1] }, command: 'true' }, secret), 403, 'forbidden');
    assert.match(e.message, /dev, who owns the API token dev runner, lacks the permission runs:execute/);
    assert.equal((await req('PUT', `/users/${dev.id}`, { disabled: true }, admin)).status, 200);
    await refusal(await req('GET', '/hosts', undefined, secret), 401, 'unauthorized');
    assert.equal((await req('PUT', `/users/${dev.id}`, { disabled: false, roles: ['developer'] }, admin)).status, 200);
  });

  test('the secret is nowhere but in the answer: not in the audit, the logs, any list, nor the database files', async () => {
    const { secret } = await createToken({ name: 'leak check', scopes: ['read', 'hosts'], expires_in_days: 7 });
    const part = secret.split('.')[1]!;
    await req('POST', '/hosts', { name: 'leak-host', host: '10.0.0.22:22', username: 'ops', machine_id: 22, auth: { kind: 'agent' } }, secret);
    await req('GET', '/hosts', undefined, secret);
    await req('POST', '/hosts', { name: 'bad host' }, secret); // a 400 is logged nowhere with the credential either
    for (const p of ['/audit?limit=500', '/tokens', '/users', '/auth/me']) {
      assert.ok(!(await (await req('GET', p, undefined, admin)).text()).includes(part), `${p} must not carry the secret`);
    }
    assert.ok(!logs.join('\n').includes(part), 'the logs must not carry the secret');
    core.services.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(s.h.dir).filter((f) => f.startsWith('taskdeck.db'));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(s.h.dir, f))));
    assert.ok(!bytes.includes(Buffer.from(part)), 'the database files must not hold the secret');
    assert.ok(bytes.includes(Buffer.from(createHash('sha256').update(secret).digest('hex'))), 'they hold its hash');
  });

  test('a token signing out revokes itself', async () => {
    const { secret } = await createToken({ name: 'self revoke', scopes: ['read'], owner: 'dev', expires_in_days: 7 });
    assert.equal((await req('POST', '/auth/logout', {}, secret)).status, 200);
    await refusal(await req('GET', '/hosts', undefined, secret), 401, 'token_revoked');
  });
});
