import type { OpInput } from '../../../shared/api/contract';
import type { Host, HostAuthView, HostStatus } from '../../../shared/domain/hosts';
import { t } from '../../i18n/i18n';

export type AuthKind = HostAuthView['kind'];
export type KeySource = 'path' | 'paste';

/** What the host form holds; `auth.*` names match the server's field paths so its errors land on them. */
export interface HostFormValues {
  name: string;
  description?: string;
  tag?: string;
  host: string;
  username: string;
  machine_id: number | null;
  enabled: boolean;
  jump_host_id?: number | null;
  /** The host's database client for database changes whose task sets none; empty for none. */
  client_command?: string;
  /** Edit only: whether the stored credentials are replaced. */
  replace_auth?: boolean;
  key_source?: KeySource;
  auth: { kind: AuthKind; private_key_path?: string; private_key?: string; passphrase?: string; password?: string };
}

/** Server field paths the form shows errors on. */
export const hostFormFields = [
  'name', 'description', 'tag', 'host', 'username', 'machine_id', 'jump_host_id', 'client_command', 'status',
  'auth.kind', 'auth.private_key_path', 'auth.private_key', 'auth.passphrase', 'auth.password',
] as const;

/** The lowest machine_id (0–1023) no host uses yet; null when all are taken. */
export function lowestUnusedMachineId(hosts: readonly Pick<Host, 'machine_id'>[]): number | null {
  const used = new Set(hosts.map((h) => h.machine_id));
  for (let id = 0; id <= 1023; id++) if (!used.has(id)) return id;
  return null;
}

export function initialValues(host: Host | undefined, hosts: readonly Host[]): HostFormValues {
  if (!host) {
    return { name: '', host: '', username: '', machine_id: lowestUnusedMachineId(hosts), enabled: true, jump_host_id: null, client_command: '', key_source: 'path', auth: { kind: 'key' } };
  }
  return {
    name: host.name,
    description: host.description,
    tag: host.tag,
    host: host.host,
    username: host.username,
    machine_id: host.machine_id,
    enabled: host.status !== 'NotEnabled',
    jump_host_id: host.jump_host_id,
    client_command: host.client_command,
    replace_auth: false,
    key_source: host.auth.has_private_key ? 'paste' : 'path',
    auth: { kind: host.auth.kind, private_key_path: host.auth.private_key_path },
  };
}

type AuthInput = NonNullable<OpInput<'hosts.create'>['auth']>;

function authInput(v: HostFormValues): AuthInput {
  const a = v.auth;
  switch (a.kind) {
    case 'agent':
      return { kind: 'agent' };
    case 'password':
      return { kind: 'password', password: a.password ?? '' };
    case 'key': {
      const passphrase = a.passphrase ? { passphrase: a.passphrase } : {};
      return v.key_source === 'paste'
        ? { kind: 'key', private_key: a.private_key ?? '', ...passphrase }
        : { kind: 'key', private_key_path: a.private_key_path?.trim() ?? '', ...passphrase };
    }
  }
}

function common(v: HostFormValues) {
  const status: Exclude<HostStatus, 'Abnormal'> = v.enabled ? 'Enabled' : 'NotEnabled';
  return {
    name: v.name,
    description: v.description ?? '',
    tag: v.tag ?? '',
    host: v.host,
    username: v.username,
    machine_id: v.machine_id ?? -1,
    jump_host_id: v.jump_host_id ?? null,
    client_command: v.client_command?.trim() ?? '',
    status,
  };
}

export function toCreateInput(v: HostFormValues): OpInput<'hosts.create'> {
  return { ...common(v), auth: authInput(v) };
}

/**
 * An update sends every plain field; `auth` only when the user chose to replace it, so stored secrets
 * stay. `status` is left out when it would only turn an Abnormal host back to Enabled by accident.
 */
export function toUpdateInput(host: Host, v: HostFormValues): OpInput<'hosts.update'> {
  const { status, ...rest } = common(v);
  const statusChanged = (host.status === 'NotEnabled') !== (status === 'NotEnabled');
  return { id: host.id, ...rest, ...(statusChanged ? { status } : {}), ...(v.replace_auth ? { auth: authInput(v) } : {}) };
}

/** "Private key stored", "Key file /home/me/.ssh/id_ed25519", "SSH agent", "Password stored". */
export function authSummary(auth: HostAuthView): string {
  switch (auth.kind) {
    case 'agent':
      return t('hosts.auth.agent');
    case 'password':
      return auth.has_password ? t('hosts.auth.passwordStored') : t('hosts.auth.passwordNone');
    case 'key': {
      const base = auth.has_private_key ? t('hosts.auth.keyStored') : t('hosts.auth.keyFile', { path: auth.private_key_path ?? '?' });
      return auth.has_passphrase ? t('hosts.auth.withPassphrase', { base }) : base;
    }
  }
}

/** OpenSSH's short name for a key type: ssh-ed25519 → ED25519, rsa-sha2-512 → RSA. */
export function keyTypeLabel(keyType: string | null | undefined): string {
  if (!keyType) return 'The';
  const t = keyType.toLowerCase();
  if (t.includes('ed25519')) return 'ED25519';
  if (t.includes('ed448')) return 'ED448';
  if (t.includes('ecdsa')) return 'ECDSA';
  if (t.includes('rsa')) return 'RSA';
  if (t.includes('dss')) return 'DSA';
  return keyType.replace(/^ssh-/, '').toUpperCase();
}

/** Case-insensitive match of the search box against what a user would type. */
export function matchesQuery(h: Host, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [h.name, h.host, h.description, h.tag, h.username].some((s) => s.toLowerCase().includes(needle));
}
