/**
 * The world a hostile test attacks: users of every role (and a custom role named `constructor`),
 * hosts, a group and binding, and a task per owner, created over the API like a user would.
 */
import net from 'node:net';
import type { SshdFixture } from '../e2e/fixtures/sshd';
import { Api } from './api-client';
import { ADMIN } from './server-process';
import { waitFor } from '../testing/wait';

// The one polling helper and silent peer, for the hostile tests that took them from here.
export { waitFor } from '../testing/wait';
export { silentPeer } from '../testing/silent-peer';

export const PASSWORD = 'hostile-pass-1';
/** Actors by the role they hold; `constructor` holds viewer and the custom role of that name (a custom role alone grants nothing, so its user could not even read). */
export const ROLE_USERS = { admin: 'admin', dba: 'dba1', developer: 'dev1', developer2: 'dev2', viewer: 'viewer1', constructor: 'ctor1' } as const;
export type Actor = keyof typeof ROLE_USERS;

export interface World {
  readonly api: Api;
  readonly userIds: Readonly<Record<string, number>>;
  /** Host ids by purpose: `ssh` (the loopback sshd, key pinned), `refused` (nothing listens), `silent` (accepts, never speaks). */
  readonly hosts: Readonly<Record<string, number>>;
  readonly groupId: number;
  readonly bindingIds: readonly number[];
  /** Task names by owner actor. */
  readonly tasks: Readonly<Record<string, string>>;
}

/** A loopback port where nothing listens (connections are refused). */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface InstanceView { id: string; status: number; status_name: string; created_by: string; log_lines: number }

/** Wait for an instance to leave Running (status 1). */
export function waitForInstanceEnd(api: Api, as: string, id: string, timeoutMs = 60_000): Promise<InstanceView> {
  return waitFor(`instance ${id} to end`, async () => {
    const i = await api.call<InstanceView>(as, 'GET', `/instances/${id}`);
    return i.status === 1 ? undefined : i;
  }, timeoutMs);
}

export interface WorldOptions {
  /** The loopback sshd: adds the `ssh` host with its key pinned, and points the binding at it. */
  readonly sshd?: SshdFixture;
  /** Port of a silent peer: adds the `silent` host. */
  readonly silentPort?: number;
  /** Key file for hosts that must never reach a real server. */
  readonly dummyKeyPath?: string;
}

async function createUsers(api: Api): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  const roles: Record<Actor, string[]> = { admin: [], dba: ['dba'], developer: ['developer'], developer2: ['developer'], viewer: ['viewer'], constructor: ['viewer', 'constructor'] };
  for (const [actor, user] of Object.entries(ROLE_USERS) as [Actor, string][]) {
    if (actor === 'admin') continue;
    const u = await api.call<{ id: number }>('admin', 'POST', '/users', { user_name: user, password: PASSWORD, roles: roles[actor] });
    ids[actor] = u.id;
  }
  return ids;
}

/** Sign every actor in; an actor whose sign-in fails (a bug under test) is left without a token and named. */
export async function signInAll(api: Api): Promise<string[]> {
  const failed: string[] = [];
  for (const [actor, user] of Object.entries(ROLE_USERS)) {
    if (actor === 'admin') continue;
    try {
      await api.login(user, PASSWORD, actor);
    } catch {
      failed.push(actor);
    }
  }
  return failed;
}

async function createHosts(api: Api, o: WorldOptions): Promise<Record<string, number>> {
  const hosts: Record<string, number> = {};
  const key = o.dummyKeyPath ?? o.sshd?.clientKeyPath ?? '/nonexistent/key';
  const add = async (name: string, address: string, machineId: number, keyPath = key): Promise<number> =>
    (await api.call<{ id: number }>('admin', 'POST', '/hosts', { name, host: address, username: o.sshd?.user ?? 'root', machine_id: machineId, auth: { kind: 'key', private_key_path: keyPath } })).id;
  if (o.sshd) {
    hosts.ssh = await add('ssh', `127.0.0.1:${o.sshd.port}`, 1, o.sshd.clientKeyPath);
    const probe = await api.call<{ host_key: { fingerprint: string } }>('admin', 'POST', `/hosts/${hosts.ssh}/test`, {});
    await api.call('admin', 'POST', `/hosts/${hosts.ssh}/host-key/accept`, { fingerprint: probe.host_key.fingerprint });
  }
  hosts.refused = await add('refused', `127.0.0.1:${await refusedPort()}`, 2);
  if (o.silentPort !== undefined) hosts.silent = await add('silent', `127.0.0.1:${o.silentPort}`, 3);
  return hosts;
}

/** A harmless task owned by `actor`, Stopped, targeting the binding. */
export async function createTask(api: Api, actor: string, name: string, bindingIds: readonly number[], command = 'echo hostile'): Promise<string> {
  await api.call(actor, 'POST', '/tasks', { name, command, binding_ids: bindingIds, frequency: { mode: 'once' } });
  return name;
}

/** Build the world on a server whose first admin exists. */
export async function buildWorld(url: string, o: WorldOptions = {}): Promise<World> {
  const api = new Api(url);
  await api.login(ADMIN.user_name, ADMIN.password, 'admin');
  const userIds = await createUsers(api);
  const signInFailures = await signInAll(api);
  if (signInFailures.length) console.error(`# hostile world: sign-in failed for ${signInFailures.join(', ')}`);
  const hosts = await createHosts(api, o);
  const groupId = (await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'hostile-group' })).id;
  const target = hosts.ssh ?? hosts.refused!;
  const bindingIds = [(await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'hostile-binding', group_id: groupId, executor_id: target, weight: 1 })).id];
  const tasks: Record<string, string> = {};
  for (const actor of ['admin', 'dba', 'developer', 'developer2'] as const) {
    if (!api.token(actor)) continue;
    tasks[actor] = await createTask(api, actor, `task-of-${actor}`, bindingIds);
  }
  return { api, userIds, hosts, groupId, bindingIds, tasks };
}
