import { z } from 'zod';
import { Description, Id, Name, Tag, Timestamp } from './common';

export const hostStatuses = ['NotEnabled', 'Enabled', 'Abnormal'] as const;
export const HostStatus = z.enum(hostStatuses);
export type HostStatus = z.infer<typeof HostStatus>;

/** `address:port`, no spaces; IPv6 in brackets. */
export const HostAddress = z
  .string()
  .trim()
  .min(1, 'host must not be empty')
  .max(255, 'host must be at most 255 characters')
  .regex(/^\S+$/, 'host must not contain spaces')
  .refine((v) => !v.startsWith('-'), 'host must not start with "-" (a tool would read it as an option)')
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, 'host must be address:port, e.g. 10.0.0.5:22')
  .refine((v) => {
    const port = Number(v.slice(v.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'host port must be between 1 and 65535');

export const MachineId = z.coerce
  .number({ error: 'machine_id must be a number' })
  .int('machine_id must be an integer')
  .min(0, 'machine_id must be between 0 and 1023')
  .max(1023, 'machine_id must be between 0 and 1023');

/** A login name: no shell syntax, quotes or spaces, never an option. */
export const SshUser = z
  .string()
  .trim()
  .min(1, 'username must not be empty')
  .max(64, 'username must be at most 64 characters')
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._@-]*$/, 'username has characters SSH does not allow');

/** Auth as written by a client. Secrets go in; they never come back out. */
export const HostAuthInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('key'),
    private_key_path: z.string().trim().min(1).max(4096).optional(),
    private_key: z.string().min(1).max(65536).optional(),
    passphrase: z.string().max(1024).optional(),
  }).refine((a) => Boolean(a.private_key_path) !== Boolean(a.private_key), {
    message: 'key auth needs exactly one of private_key_path or private_key',
  }),
  z.object({ kind: z.literal('agent') }),
  z.object({ kind: z.literal('password'), password: z.string().min(1, 'password must not be empty').max(1024) }),
]);
export type HostAuthInput = z.infer<typeof HostAuthInput>;

/** Auth as shown: which kind, whether a secret is stored, never the secret. */
export const HostAuthView = z.object({
  kind: z.enum(['key', 'agent', 'password']),
  private_key_path: z.string().optional(),
  has_private_key: z.boolean(),
  has_passphrase: z.boolean(),
  has_password: z.boolean(),
});
export type HostAuthView = z.infer<typeof HostAuthView>;

export const hostKeyStatuses = ['pending', 'trusted', 'mismatch', 'unknown'] as const;
export const HostKeyView = z.object({
  status: z.enum(hostKeyStatuses).describe('unknown: never contacted; pending: seen, not accepted'),
  pinned_fingerprint: z.string().nullable(),
  seen_fingerprint: z.string().nullable(),
  key_type: z.string().nullable(),
  pinned_at: Timestamp.nullable(),
});
export type HostKeyView = z.infer<typeof HostKeyView>;

/** The database client that reads a database change's script on stdin, e.g. `psql -v ON_ERROR_STOP=1 -f -`. */
export const ClientCommand = z.string().trim().max(4096, 'client_command must be at most 4096 characters');

export const Host = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  tag: z.string(),
  host: z.string(),
  username: z.string(),
  machine_id: z.number().int(),
  auth: HostAuthView,
  jump_host_id: Id.nullable(),
  client_command: z.string().describe('database_change tasks without their own client command send their script on stdin to this'),
  status: HostStatus,
  status_reason: z.string().nullable(),
  host_key: HostKeyView,
  last_checked_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Host = z.infer<typeof Host>;

export const HostCreate = z.object({
  name: Name,
  description: Description.default(''),
  tag: Tag.default(''),
  host: HostAddress,
  username: SshUser,
  machine_id: MachineId,
  auth: HostAuthInput,
  jump_host_id: Id.nullable().optional(),
  client_command: ClientCommand.default(''),
  status: z.enum(['NotEnabled', 'Enabled']).default('Enabled'),
});
export type HostCreate = z.infer<typeof HostCreate>;

/** Partial update; an omitted `auth` keeps the stored secret. */
export const HostUpdate = z.object({
  id: Id,
  name: Name.optional(),
  description: Description.optional(),
  tag: Tag.optional(),
  host: HostAddress.optional(),
  username: SshUser.optional(),
  machine_id: MachineId.optional(),
  auth: HostAuthInput.optional(),
  jump_host_id: Id.nullable().optional(),
  client_command: ClientCommand.optional(),
  status: z.enum(['NotEnabled', 'Enabled']).optional(),
});
export type HostUpdate = z.infer<typeof HostUpdate>;

export const HostListQuery = z.object({
  q: z.string().trim().max(128).optional(),
  status: HostStatus.optional(),
  tag: z.string().trim().max(64).optional(),
});

export const HostTestResult = z.object({
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  host_key: z.object({
    fingerprint: z.string().nullable(),
    key_type: z.string().nullable(),
    status: z.enum(['pending', 'trusted', 'mismatch']).nullable(),
    expected: z.string().nullable(),
  }),
  elapsed_ms: z.number(),
  server_banner: z.string().nullable(),
});
export type HostTestResult = z.infer<typeof HostTestResult>;

export const Fingerprint = z
  .string()
  .trim()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'fingerprint must look like SHA256:<43 base64 characters>');

export const HostKeyAccept = z.object({
  id: Id,
  fingerprint: Fingerprint,
  repin: z.boolean().default(false).describe('required to replace a pinned key that changed'),
});

export const SshConfigImport = z.object({
  content: z.string().max(1_000_000, 'config must be under 1 MB'),
  dry_run: z.boolean().default(false),
  default_username: SshUser.optional(),
});
export const SshConfigImportResult = z.object({
  created: z.array(z.object({ name: z.string(), host: z.string(), id: Id.nullable() })),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const Group = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  tag: z.string(),
  binding_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Group = z.infer<typeof Group>;
export const GroupCreate = z.object({ name: Name, description: Description.default(''), tag: Tag.default('') });
export const GroupUpdate = z.object({ id: Id, name: Name.optional(), description: Description.optional(), tag: Tag.optional() });

export const Weight = z.coerce.number({ error: 'weight must be a number' }).int('weight must be an integer').min(1, 'weight must be at least 1').max(1000, 'weight must be at most 1000');

export const Binding = z.object({
  id: Id,
  name: z.string(),
  group_id: Id,
  group_name: z.string(),
  executor_id: Id,
  executor_name: z.string(),
  executor_host: z.string(),
  weight: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Binding = z.infer<typeof Binding>;
export const BindingCreate = z.object({ name: Name, group_id: Id, executor_id: Id, weight: Weight.default(1) });
export const BindingUpdate = z.object({ id: Id, name: Name.optional(), group_id: Id.optional(), executor_id: Id.optional(), weight: Weight.optional() });
export const BindingListQuery = z.object({ group_id: Id.optional(), executor_id: Id.optional() });
