import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OpName, OpOutput } from '../shared/api/contract';
import type { Instance } from '../shared/domain/instances';
import type { SshdFixture } from '../e2e/fixtures/sshd';
import { createCore, type Core, type CoreOptions } from '../main/core/create-core';

/** A real core on a temp data folder, signed in as admin, for integration tests. */
export interface Harness {
  readonly core: Core;
  readonly dir: string;
  call<K extends OpName>(op: K, input: unknown): Promise<OpOutput<K>>;
  /** Resolves when the instance satisfies `pred`, checked at once and on every event of that instance (status or log). */
  waitInstance(id: string, pred: (i: Instance) => boolean, timeoutMs?: number): Promise<Instance>;
  /** Add a host on the fixture and pin its key (as a user accepting it would). */
  trustedHost(sshd: SshdFixture, name: string, address: string, machineId: number): Promise<number>;
  restart(extra?: Partial<CoreOptions>): Promise<Harness>;
  dispose(removeDir?: boolean): Promise<void>;
}

export async function startHarness(opts: Partial<CoreOptions> = {}, reuseDir?: string): Promise<Harness> {
  const dir = reuseDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-it-'));
  const core = await createCore({
    dataDir: dir, healthIntervalMs: 0, connectTimeoutMs: 5000, graceSeconds: 1, log: process.env.TASKDECK_TEST_LOG ? undefined : () => {},
    initialAdmin: { user_name: 'admin', password: 'adminpass1' }, ...opts,
  }).catch((err: unknown) => {
    // A core that refuses to start (a test of bad options) leaves no folder behind; a reused one is the caller's.
    if (reuseDir === undefined) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const login = await core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined);
  assert.ok(login.ok);
  const token = login.data.token;
  const h: Harness = {
    core,
    dir,
    async call(op, input) {
      const r = await core.dispatch(op, input, token);
      if (!r.ok) throw new Error(`${op}: ${r.body.error.code}: ${r.body.error.message}`);
      return r.data;
    },
    waitInstance(id, pred, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (i: Instance): boolean => {
          if (!pred(i)) return false;
          sub.dispose();
          clearTimeout(timer);
          resolve(i);
          return true;
        };
        const sub = core.events.onDidEmit((e) => {
          if (e.type === 'instance.changed' && e.data.instance.id === id) check(e.data.instance);
          else if (e.type === 'instance.log' && e.data.id === id) check(core.services.runs.get(id));
        });
        const timer = setTimeout(() => {
          sub.dispose();
          reject(new Error(`instance ${id} did not reach the expected state within ${timeoutMs} ms: ${JSON.stringify(core.services.runs.get(id))}`));
        }, timeoutMs);
        check(core.services.runs.get(id));
      });
    },
    async trustedHost(sshd, name, address, machineId) {
      const host = await h.call('hosts.create', { name, host: `${address}:${sshd.port}`, username: sshd.user, machine_id: machineId, auth: { kind: 'key', private_key_path: sshd.clientKeyPath } });
      await h.call('hosts.accept-key', { id: host.id, fingerprint: sshd.hostKeyFingerprint() }).catch(async () => {
        const t = await h.call('hosts.test', { id: host.id });
        await h.call('hosts.accept-key', { id: host.id, fingerprint: t.host_key.fingerprint });
      });
      return host.id;
    },
    async restart(extra = {}) {
      await core.dispose();
      return startHarness({ ...opts, ...extra }, dir);
    },
    async dispose(removeDir = true) {
      await core.dispose();
      if (removeDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
