import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput, OpOutput } from '../../shared/api/contract';
import type { Host, HostTestResult } from '../../shared/domain/hosts';
import { call } from '../api/session-call';
import { coalesce } from '../lib/coalesce';
import { errorMessage } from '../lib/errors';

export interface HostsState {
  /** Every host, sorted by name. The whole inventory is small (machine_id caps it at 1024). */
  readonly hosts: readonly Host[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** Ids of hosts with a connection test under way. */
  readonly testing: Readonly<Record<number, true>>;
  load(): Promise<void>;
  /** Apply a host as the core now has it (from a response or a `host.changed` event). */
  upsert(host: Host): void;
  remove(id: number): void;
  create(input: OpInput<'hosts.create'>): Promise<Host>;
  update(input: OpInput<'hosts.update'>): Promise<Host>;
  delete(id: number): Promise<void>;
  test(id: number): Promise<HostTestResult>;
  acceptKey(id: number, fingerprint: string, repin: boolean): Promise<Host>;
  importSshConfig(input: OpInput<'hosts.import-ssh-config'>): Promise<OpOutput<'hosts.import-ssh-config'>>;
  reset(): void;
}

const byName = (a: Host, b: Host): number => a.name.localeCompare(b.name);

function withHost(hosts: readonly Host[], host: Host): Host[] {
  return [...hosts.filter((h) => h.id !== host.id), host].sort(byName);
}

export const hostsStore = createStore<HostsState>()((set, get) => {
  // Changes that arrive while a list request is in flight are replayed over its (older) answer.
  let replay: Map<number, Host | null> | null = null;

  const load = coalesce(async () => {
    replay = new Map();
    set({ loading: true });
    try {
      const list = await call('hosts.list', {});
      let hosts = [...list].sort(byName);
      for (const [id, h] of replay) hosts = h ? withHost(hosts, h) : hosts.filter((x) => x.id !== id);
      set({ hosts, loaded: true, loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    } finally {
      replay = null;
    }
  });

  return {
    hosts: [],
    loaded: false,
    loading: false,
    error: null,
    testing: {},
    load,
    upsert(host) {
      replay?.set(host.id, host);
      set({ hosts: withHost(get().hosts, host) });
    },
    remove(id) {
      replay?.set(id, null);
      set({ hosts: get().hosts.filter((h) => h.id !== id) });
    },
    async create(input) {
      const host = await call('hosts.create', input);
      get().upsert(host);
      return host;
    },
    async update(input) {
      const host = await call('hosts.update', input);
      get().upsert(host);
      return host;
    },
    async delete(id) {
      await call('hosts.delete', { id });
      get().remove(id);
    },
    async test(id) {
      set({ testing: { ...get().testing, [id]: true } });
      try {
        return await call('hosts.test', { id });
      } finally {
        const testing = { ...get().testing };
        delete testing[id];
        set({ testing });
      }
    },
    async acceptKey(id, fingerprint, repin) {
      const host = await call('hosts.accept-key', { id, fingerprint, repin });
      get().upsert(host);
      return host;
    },
    async importSshConfig(input) {
      const result = await call('hosts.import-ssh-config', input);
      if (!input.dry_run && result.created.length) void get().load();
      return result;
    },
    reset() {
      set({ hosts: [], loaded: false, loading: false, error: null, testing: {} });
    },
  };
});

export function useHosts<T>(selector: (s: HostsState) => T): T {
  return useStore(hostsStore, selector);
}

/** One host from the cache, or undefined. */
export function useHost(id: number): Host | undefined {
  return useStore(hostsStore, (s) => s.hosts.find((h) => h.id === id));
}
