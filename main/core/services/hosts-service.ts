import fs from 'node:fs';
import os from 'node:os';
import { AppError, notFound } from '../../../shared/api/errors';
import { describeZodError } from '../../../shared/api/zod-issues';
import { HostCreate, type Host, type HostAuthInput, type HostTestResult, type HostUpdate } from '../../../shared/domain/hosts';
import type { Clock } from '../clock';
import { parseSshConfig } from '../domain/ssh-config-import';
import { Emitter, type Signal } from '../emitter';
import type { EventBus } from '../event-bus';
import { connectSsh, hostFailure, parsePrivateKey, SshConnectError, type SshTarget } from '../executors/ssh-connect';
import type { SecretBox } from '../secrets/secret-box';
import { type HostFilter, type HostRow, type HostWrite, toHost } from '../store/hosts-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { JobTracker } from './job-tracker';
import { beginImportJob, recordImportOutcome } from './ssh-import-job';
import type { Logger } from '../logger';

/** What an import stored (ids null in a preview) and what it skipped, with why. */
type ImportResult = { created: { name: string; host: string; id: number | null }[]; skipped: { name: string; reason: string }[] };

export interface HostsServiceOptions {
  readonly connectTimeoutMs: number;
  /** SSH agent socket for agent auth (SSH_AUTH_SOCK of the host process). */
  readonly agentSocket: string | undefined;
}

/** Hosts (executor processors): inventory, encrypted credentials, host-key trust, connection tests. */
export class HostsService {
  private readonly didUpdateHost: Emitter<Host>;
  /** A user changed a host (address, client command, …): what was approved to run on it may no longer be what would run. */
  readonly onDidUpdateHost: Signal<Host>;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly opts: HostsServiceOptions,
    log: Logger,
    private readonly jobs: JobTracker,
  ) {
    this.didUpdateHost = new Emitter<Host>('hosts.onDidUpdateHost', log);
    this.onDidUpdateHost = this.didUpdateHost.event;
  }

  list(f: HostFilter): Host[] {
    return this.store.hosts.list(f).map(toHost);
  }

  get(id: number): Host {
    return toHost(this.row(id));
  }

  create(actor: string, input: HostCreate): Host {
    checkPastedKey(input.auth);
    const host = this.store.tx(() => {
      if (input.jump_host_id) this.row(input.jump_host_id, 'jump host');
      const row = this.store.hosts.insert(
        {
          name: input.name, description: input.description, tag: input.tag, host: input.host, username: input.username,
          machine_id: input.machine_id, jump_host_id: input.jump_host_id ?? null, client_command: input.client_command, status: input.status, ...this.authColumns(input.auth),
        },
        this.now(),
      );
      this.audit.record(actor, 'host.created', 'host', row.id, { name: row.name, host: row.host, auth: row.auth_kind });
      return toHost(row);
    });
    this.events.emit('host.changed', { host });
    return host;
  }

  update(actor: string, input: HostUpdate): Host {
    if (input.auth) checkPastedKey(input.auth);
    const host = this.store.tx(() => {
      const before = this.row(input.id);
      if (input.jump_host_id) {
        if (input.jump_host_id === input.id) throw new AppError('validation', 'jump_host_id: a host cannot be its own jump host', { field: 'jump_host_id' });
        this.row(input.jump_host_id, 'jump host');
      }
      const w: HostWrite = {};
      for (const k of ['name', 'description', 'tag', 'host', 'username', 'machine_id', 'jump_host_id', 'client_command', 'status'] as const) {
        if (input[k] !== undefined) (w as Record<string, unknown>)[k] = input[k];
      }
      if (input.status === 'Enabled' || input.status === 'NotEnabled') w.status_reason = null;
      if (input.auth) Object.assign(w, this.authColumns(input.auth));
      const moved = input.host !== undefined && input.host !== before.host;
      // A new address is a new machine as far as trust goes: its key must be verified again.
      if (moved) Object.assign(w, { host_key_pinned: null, host_key_seen: null, host_key_type: null, host_key_pinned_at: null });
      const row = this.store.hosts.update(input.id, w, this.now())!;
      this.audit.record(actor, 'host.updated', 'host', row.id, {
        fields: Object.keys(w).filter((k) => !k.startsWith('secret_')),
        ...(moved ? { host_from: before.host, host_to: row.host, host_key_cleared: before.host_key_pinned } : {}),
      });
      return toHost(row);
    });
    this.didUpdateHost.fire(host);
    this.events.emit('host.changed', { host });
    return host;
  }

  delete(actor: string, id: number): void {
    this.store.tx(() => {
      const row = this.row(id);
      const dependents = this.store.hosts.jumpDependents(id);
      if (dependents.length) throw new AppError('conflict', `${row.name} is the jump host of ${dependents.join(', ')}; change those first`);
      this.store.hosts.delete(id);
      this.audit.record(actor, 'host.deleted', 'host', id, { name: row.name, host: row.host });
    });
    this.events.emit('host.deleted', { id });
  }

  /** Connect for real: verify the host key first, and only then authenticate. */
  async test(actor: string, id: number): Promise<HostTestResult> {
    const row = this.row(id);
    const started = Date.now();
    try {
      const target = this.target(row);
      const { client, key } = await connectSsh(target, { readyTimeoutMs: this.opts.connectTimeoutMs });
      client.end();
      this.recordContact(row, { fingerprint: key.fingerprint, keyType: key.keyType, ok: true, reason: null });
      return { ok: true, host_key: { fingerprint: key.fingerprint, key_type: key.keyType, status: 'trusted', expected: row.host_key_pinned }, elapsed_ms: Date.now() - started, server_banner: null };
    } catch (err) {
      if (!(err instanceof SshConnectError)) throw err;
      const k = err.presentedKey;
      this.recordContact(row, { fingerprint: k?.fingerprint ?? null, keyType: k?.keyType ?? null, ok: false, reason: err.message, code: err.code, actor });
      return {
        ok: false,
        error: { code: err.code, message: err.message },
        host_key: { fingerprint: k?.fingerprint ?? null, key_type: k?.keyType ?? null, status: k?.verdict ?? null, expected: row.host_key_pinned },
        elapsed_ms: Date.now() - started,
        server_banner: null,
      };
    }
  }

  /** Pin the fingerprint the host last presented. Replacing a different pinned key needs `repin`. */
  acceptKey(actor: string, id: number, fingerprint: string, repin: boolean): Host {
    const host = this.store.tx(() => {
      const row = this.row(id);
      if (row.host_key_pinned === fingerprint) return toHost(row);
      if (row.host_key_seen !== fingerprint) {
        throw new AppError('conflict', `${fingerprint} is not the key ${row.name} last presented (${row.host_key_seen ?? 'none yet'}); test the host again and compare`);
      }
      if (row.host_key_pinned && !repin) {
        throw new AppError('host_key_mismatch', `host key for ${row.name} changed: expected ${row.host_key_pinned}, got ${fingerprint}; re-pin explicitly if the change is expected`);
      }
      const updated = this.store.hosts.update(id, {
        host_key_pinned: fingerprint, host_key_pinned_at: this.now(),
        ...(row.status === 'Abnormal' ? { status: 'Enabled', status_reason: null } : {}),
      }, this.now())!;
      this.audit.record(actor, row.host_key_pinned ? 'host.key_repinned' : 'host.key_accepted', 'host', id, {
        name: row.name, host: row.host, fingerprint, previous: row.host_key_pinned,
      });
      return toHost(updated);
    });
    // A pinned key is part of what a portable request approves: a re-pin voids open requests there.
    this.didUpdateHost.fire(host);
    this.events.emit('host.changed', { host });
    return host;
  }

  /** Record what one contact learned: the key presented, reachability, and a changed key as an audited failure. */
  recordContact(row: HostRow, c: { fingerprint: string | null; keyType: string | null; ok: boolean; reason: string | null; code?: string; actor?: string }): void {
    const host = this.store.tx(() => {
      const fresh = this.store.hosts.get(row.id);
      if (!fresh) return null;
      const w: HostWrite = { last_checked_at: this.now() };
      if (c.fingerprint) Object.assign(w, { host_key_seen: c.fingerprint, host_key_type: c.keyType });
      const mismatch = c.code === 'host_key_mismatch';
      const unreachable = c.code === 'ssh_connect';
      if (fresh.status !== 'NotEnabled') {
        if (mismatch || unreachable) Object.assign(w, { status: 'Abnormal', status_reason: c.reason });
        else if (c.ok || c.fingerprint) Object.assign(w, { status: 'Enabled', status_reason: null });
      }
      if (mismatch && fresh.host_key_seen !== c.fingerprint) {
        this.audit.record(c.actor ?? 'system', 'host.key_mismatch', 'host', row.id, { name: row.name, host: row.host, expected: fresh.host_key_pinned, presented: c.fingerprint });
      }
      const updated = this.store.hosts.update(row.id, w, this.now(), false)!;
      const changed = updated.status !== fresh.status || updated.host_key_seen !== fresh.host_key_seen || updated.status_reason !== fresh.status_reason;
      return changed ? toHost(updated) : null;
    });
    if (host) this.events.emit('host.changed', { host });
  }

  /**
   * Hosts from an OpenSSH config, each through the same schema as `create`: an entry that would
   * not be accepted there (a port out of range, an option for a host name, shell syntax in a user
   * name, a name too long) is skipped with the reason, in the preview too, and never stored.
   * An import (not a preview) is a job with one step per entry, stored or skipped and why.
   */
  importSshConfig(actor: string, content: string, dryRun: boolean, defaultUsername: string | undefined): ImportResult {
    const parsed = parseSshConfig(content, os.homedir());
    if (dryRun) return this.storeImported(actor, parsed, true, defaultUsername);
    const job = beginImportJob(this.jobs, actor, parsed.candidates.length + parsed.skipped.length);
    let outcome: ImportResult;
    try {
      outcome = this.storeImported(actor, parsed, false, defaultUsername);
    } catch (err) {
      job.end('failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
    recordImportOutcome(job, outcome);
    for (const c of outcome.created) if (c.id) this.events.emit('host.changed', { host: this.get(c.id) });
    return outcome;
  }

  private storeImported(actor: string, parsed: ReturnType<typeof parseSshConfig>, dryRun: boolean, defaultUsername: string | undefined): ImportResult {
    const created: { name: string; host: string; id: number | null }[] = [];
    const skipped = [...parsed.skipped];
    this.store.tx(() => {
      const used = this.store.hosts.usedMachineIds();
      let next = 0;
      const ids = new Map<string, number>();
      for (const c of parsed.candidates) {
        const username = c.username ?? defaultUsername;
        if (!username) { skipped.push({ name: c.name, reason: 'no User in the config and no default user name given' }); continue; }
        while (used.has(next)) next++;
        if (next > 1023) { skipped.push({ name: c.name, reason: 'no free machine_id left (0–1023)' }); continue; }
        const checked = HostCreate.safeParse({
          name: c.name, description: 'imported from OpenSSH config', tag: 'ssh-config', host: c.host, username, machine_id: next,
          auth: c.identityFile ? { kind: 'key', private_key_path: c.identityFile } : { kind: 'agent' },
        });
        if (!checked.success) { skipped.push({ name: c.name, reason: describeZodError(checked.error).message }); continue; }
        const input = checked.data;
        if (this.store.hosts.byName(input.name)) { skipped.push({ name: input.name, reason: 'a host with this name exists' }); continue; }
        used.add(next);
        if (dryRun) { created.push({ name: input.name, host: input.host, id: null }); continue; }
        const row = this.store.hosts.insert(
          {
            name: input.name, description: input.description, tag: input.tag, host: input.host, username: input.username,
            machine_id: input.machine_id, status: input.status, jump_host_id: null, client_command: input.client_command, ...this.authColumns(input.auth),
          },
          this.now(),
        );
        ids.set(c.name, row.id);
        created.push({ name: input.name, host: input.host, id: row.id });
      }
      for (const c of parsed.candidates) {
        const id = ids.get(c.name);
        const jump = c.proxyJump && (ids.get(c.proxyJump) ?? this.store.hosts.byName(c.proxyJump)?.id);
        if (id && jump && jump !== id) this.store.hosts.update(id, { jump_host_id: jump }, this.now());
      }
      if (!dryRun && created.length) this.audit.record(actor, 'host.imported', 'host', null, { names: created.map((c) => c.name) });
    });
    return { created, skipped };
  }

  /** An SSH target with secrets decrypted in memory, its jump chain resolved. */
  target(row: HostRow, depth = 0): SshTarget {
    return { ...this.route(row, depth), auth: this.decryptAuth(row) };
  }

  /**
   * What a key probe needs: it stops at the host key, so the host's own secrets are not decrypted
   * (a jump host's are: the way there authenticates).
   */
  probeTarget(row: HostRow): SshTarget {
    return { ...this.route(row, 0), auth: { kind: 'agent', socket: undefined } };
  }

  private route(row: HostRow, depth: number): Omit<SshTarget, 'auth'> {
    if (depth > 4) throw new AppError('validation', `${row.name}: jump hosts nest deeper than 4 or loop`);
    const jumpRow = row.jump_host_id ? this.store.hosts.get(row.jump_host_id) : undefined;
    return {
      name: row.name,
      address: row.host,
      username: row.username,
      pinnedFingerprint: row.host_key_pinned,
      ...(jumpRow ? { jump: this.target(jumpRow, depth + 1) } : {}),
    };
  }

  private decryptAuth(row: HostRow): SshTarget['auth'] {
    switch (row.auth_kind) {
      case 'agent':
        return { kind: 'agent', socket: this.opts.agentSocket };
      case 'password':
        return { kind: 'password', password: row.secret_password ? this.secrets.open(row.secret_password) : '' };
      case 'key': {
        let privateKey: string | Buffer;
        if (row.secret_private_key) privateKey = this.secrets.open(row.secret_private_key);
        else {
          try {
            privateKey = fs.readFileSync(row.private_key_path ?? '');
          } catch (err) {
            throw hostFailure('ssh_auth', row, `cannot read private key ${row.private_key_path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
          }
        }
        return { kind: 'key', privateKey, ...(row.secret_passphrase ? { passphrase: this.secrets.open(row.secret_passphrase) } : {}) };
      }
    }
  }

  private authColumns(a: HostAuthInput): HostWrite {
    const none = { private_key_path: null, secret_private_key: null, secret_passphrase: null, secret_password: null };
    switch (a.kind) {
      case 'agent':
        return { ...none, auth_kind: 'agent' };
      case 'password':
        return { ...none, auth_kind: 'password', secret_password: this.secrets.seal(a.password) };
      case 'key':
        return {
          ...none,
          auth_kind: 'key',
          private_key_path: a.private_key_path ?? null,
          secret_private_key: a.private_key ? this.secrets.seal(a.private_key) : null,
          secret_passphrase: a.passphrase ? this.secrets.seal(a.passphrase) : null,
        };
    }
  }

  private row(id: number, what = 'host'): HostRow {
    const row = this.store.hosts.get(id);
    if (!row) throw notFound(what, id);
    return row;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** A refused entry's reason, naming each field as the API's validation errors do. */
/** A pasted key that could never authenticate is refused when it is given, not at the first connection. */
function checkPastedKey(auth: HostAuthInput): void {
  if (auth.kind !== 'key' || !auth.private_key) return;
  const key = parsePrivateKey(auth.private_key, auth.passphrase || undefined);
  if (typeof key !== 'string') return;
  const field = /passphrase/.test(key) ? 'auth.passphrase' : 'auth.private_key';
  const message = `the private key cannot be used: ${key}`;
  throw new AppError('validation', `${field}: ${message}`, { fields: [{ field, message }] });
}
