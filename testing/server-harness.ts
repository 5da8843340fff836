import assert from 'node:assert/strict';
import type { CoreOptions } from '../main/core/create-core';
import type { Core } from '../main/core/create-core';
import { type RunningServer, type ServerOptions, startHttpServer } from '../main/server/http-server';
import { startHarness, type Harness } from './core-harness';

/** A fresh core (startHarness) behind the real HTTP server, with admin signed in over HTTP. */
export interface ServerHarness {
  readonly h: Harness;
  readonly core: Core;
  readonly server: RunningServer;
  /** admin's session token, from a sign-in over HTTP. */
  readonly admin: string;
  /** A request to `/api/v1${p}`: `body` sent as JSON, `token` as the bearer. */
  api(method: string, p: string, body?: unknown, token?: string): Promise<Response>;
  /** Sign in over HTTP: the session token (a refused sign-in fails the test). */
  login(user_name: string, password: string): Promise<string>;
  /** A user admin makes with `roles`, signed in over HTTP: their session token. */
  signUp(user_name: string, password: string, roles: readonly string[]): Promise<string>;
  /** Closes the server, then the core, and removes its data folder. */
  dispose(): Promise<void>;
}

export interface ServerHarnessOptions {
  readonly core?: Partial<CoreOptions>;
  readonly server?: Omit<ServerOptions, 'port'>;
}

export async function startServerHarness(o: ServerHarnessOptions = {}): Promise<ServerHarness> {
  const h = await startHarness(o.core);
  const server = await startHttpServer(h.core, { port: 0, ...o.server }).catch(async (err: unknown) => {
    await h.dispose();
    throw err;
  });
  const api = (method: string, p: string, body?: unknown, token?: string): Promise<Response> =>
    fetch(`${server.url}/api/v1${p}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = async (user_name: string, password: string): Promise<string> => {
    const r = await api('POST', '/auth/login', { user_name, password });
    assert.equal(r.status, 200, `sign-in of ${user_name}: ${await r.clone().text()}`);
    return ((await r.json()) as { token: string }).token;
  };
  const admin = await login('admin', 'adminpass1');
  return {
    h, core: h.core, server, admin, api, login,
    async signUp(user_name, password, roles) {
      await h.call('users.create', { user_name, password, roles });
      return login(user_name, password);
    },
    async dispose() {
      await server.close();
      await h.dispose();
    },
  };
}
