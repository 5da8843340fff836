import { z } from 'zod';
import { AuditEntry, AuditExportQuery, AuditQuery, AuditVerify } from '../domain/audit';
import { IdParam, Ok } from '../domain/common';
import {
  Binding, BindingCreate, BindingListQuery, BindingUpdate, Group, GroupCreate, GroupUpdate, Host, HostCreate,
  HostKeyAccept, HostListQuery, HostTestResult, HostUpdate, SshConfigImport, SshConfigImportResult,
} from '../domain/hosts';
import { InstanceIdParam, InstancePage, InstanceQuery, Instance, LogQuery, LogWindow, RunCreate, RunListQuery, RunPage, RunResult } from '../domain/instances';
import type { Permission } from '../domain/roles';
import { CronPreview, CronPreviewResult, Task, TaskCreateResult, TaskDelete, TaskInput, TaskListQuery, TaskNameParam, TaskStart, TaskUpdate, TaskYaml, CheckResult } from '../domain/tasks';
import { Daily, DailyQuery } from '../domain/dashboard';
import { Process, ProcessInput, TaskTypeName } from '../domain/processes';
import { Grant, GrantCreate, GrantQuery, GrantRevoke } from '../domain/grants';
import { ApprovalPolicy, BatchApprove, BatchResult, ChangeRequestView, RequestDecision, RequestIdParam, RequestPage, RequestQuery } from '../domain/requests';
import { Id } from '../domain/common';
import {
  DrainResult, ExternalJobCreate, ExternalJobEnd, ExternalStepCreate, ExternalStepEnd, JobCorrelation, JobIdParam, JobListQuery, JobPage, JobView,
  ModuleList, ModuleParam, ModuleTasksQuery, StepIdParam, TaskIdParam, TaskStats, TaskStatus, TtlSet, TtlValue, WaitQuery,
} from '../domain/jobs';
import { BundleReport, BundleText, KeyFile, ReviewDecide, ReviewView, SigningKeyView, TrustAdd, TrustedKey } from '../domain/bundles';
import { NotificationPage, NotificationQuery, NotificationRead, NotificationReadResult, ReminderSettings } from '../domain/notifications';

import { AlertRule, AlertRuleCreate, AlertRuleQuery, AlertRuleUpdate, Channel, ChannelCreate, ChannelUpdate, Delivery, DeliveryQuery } from '../domain/alerts';
import { Login, LoginResult, PasswordChange, Setup, SetupState, User, UserCreate, UserUpdate } from '../domain/users';
import { ApiToken, ApiTokenCreated, SecurityLevel, SecurityLevelSet, TokenCreate, TokenIdParam } from '../domain/tokens';
import { RunPreview, RunPreviewInput, RunSettings, RunSettingsSet } from '../domain/run-safety';
import { UserPrefs, UserPrefsPatch } from '../domain/user-prefs';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One operation, declared once: IPC, REST, OpenAPI, the client and the CLI all come from it. */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly method: HttpMethod;
  /** REST path under /api/v1; `{name}` segments are filled from the input. */
  readonly path: string;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** `null`: no sign-in needed. */
  readonly permission: Permission | null;
  /** HTTP status on success. */
  readonly status?: 200 | 201;
  /** Largest request body read for it; default 2 MiB. Operations anyone may call keep it small. */
  readonly maxBodyBytes?: number;
  /** Only a person signed in may call it, never an API token: deciding and driving change requests (tokens never approve). */
  readonly personOnly?: true;
  /**
   * The answer is a body of this media type, not JSON, handed over a piece at a time at the reader's pace: REST sends
   * it chunked, IPC as acknowledged chunks. `output` describes the whole body; the handler returns {@link TextChunks}.
   */
  readonly stream?: StreamMediaType;
  /** How the `taskdeck` command line offers it; every operation declares one. */
  readonly cli?: CliFacts;
}

/**
 * Command-line facts (DM's dmctl): `taskdeck <resource> <verb> --flag value`. Flags come from the input schema, one per
 * field in kebab case, unless named here.
 */
export interface CliFacts {
  /** Singular, lower case (`task`); the plural is accepted too. Absent: a top-level command (`taskdeck login`). */
  readonly resource?: string;
  readonly verb: string;
  /** Flags that name the object, by input field (`{ name: 'task-name' }`); a positional is refused naming them. */
  readonly keys?: Readonly<Record<string, string>>;
  /** Input fields read whole from a file, by field: `{ content: 'config-file' }` reads `--config-file F` into `content`. */
  readonly fileFields?: Readonly<Record<string, string>>;
  /** Table columns (dotted paths reach into objects); `-o wide` adds `wide`. */
  readonly columns?: readonly string[];
  readonly wide?: readonly string[];
  /** The output field holding the table's rows when it is not the output itself or its `items`. */
  readonly rows?: string;
  /** Other names of the verb. */
  readonly aliases?: readonly string[];
  /** Destroys something: asks on a terminal unless `--yes`, refused without one. */
  readonly confirm?: boolean;
  /** The verb run when the resource is given alone (`taskdeck dashboard`). */
  readonly isDefault?: boolean;
  /** The output (or its field, by name) is a file `{ file_name, content }`: `--output FILE` writes it, else its content goes to stdout. */
  readonly fileOutput?: string;
  /** Secret input fields, never flags nor config files: asked without echo on a terminal, else one line each from stdin; by field, the prompt. */
  readonly prompted?: Readonly<Record<string, string>>;
  /**
   * Input fields that take an id (or a list of them) and may be given by name instead, by field: the list operation
   * whose items (`{ id, name }`) the CLI looks the name up in, by exact match (`{ id: 'hosts.list' }`: `--id pg-main-01`).
   */
  readonly lookup?: Readonly<Record<string, LookupList>>;
}

/** The list operations a CLI name is looked up in: each answers `{ id, name }` items, names unique. */
export type LookupList = 'hosts.list' | 'tasks.list';

/** Media types a stream operation answers with (always UTF-8 text). */
export type StreamMediaType = 'text/plain' | 'text/csv';

/** A stream operation's body as its handler yields it: pulled by the transport one piece at a time (backpressure). */
export type TextChunks = AsyncIterableIterator<string>;

/** An operation whose answer is streamed text (see {@link Operation.stream}). */
export type StreamOperation<I extends z.ZodType = z.ZodType> = Operation<I, z.ZodString> & {
  readonly stream: StreamMediaType;
  /** The name a saved copy gets, `{name}` segments filled from the input as in `path`. */
  readonly fileName: string;
};

/** The body limit of operations that need no sign-in: a name and a password fit many times over. */
const ANONYMOUS_BODY_BYTES = 16 * 1024;

function op<I extends z.ZodType, O extends z.ZodType>(o: Operation<I, O>): Operation<I, O> {
  return o;
}

function streamOp<I extends z.ZodType>(o: Omit<StreamOperation<I>, 'stream' | 'output'> & { readonly stream?: StreamMediaType }): StreamOperation<I> {
  return { ...o, output: z.string(), stream: o.stream ?? 'text/plain' };
}

const Empty = z.object({});
const Health = z.object({
  ok: z.literal(true),
  version: z.string(),
  time: z.string(),
  /** Whether the store can be written (false while its disk is full, with the error and since when). */
  store: z.object({ writable: z.boolean(), error: z.string().nullable(), since: z.string().nullable() }),
  /** 1: every request must be signed (see request-signing.ts); clients read it here, before they hold a credential. */
  security_level: z.union([z.literal(0), z.literal(1)]),
});
const BackupResult = z.object({ path: z.string(), bytes: z.number().int() });
const SessionInfo = z.object({ user: User, permissions: z.array(z.string()) });

export const operations = {
  'system.health': op({ method: 'GET', path: '/health', summary: 'Liveness; no sign-in needed', input: Empty, output: Health, permission: null, cli: { resource: 'system', verb: 'health' } }),
  'system.setup-state': op({ method: 'GET', path: '/setup', summary: 'Whether the first admin must still be created', input: Empty, output: SetupState, permission: null, cli: { resource: 'system', verb: 'setup-state' } }),
  'system.setup': op({ method: 'POST', path: '/setup', summary: 'Create the first admin (only while there are no users)', input: Setup, output: LoginResult, permission: null, status: 201, maxBodyBytes: ANONYMOUS_BODY_BYTES, cli: { resource: 'system', verb: 'setup' } }),
  'system.backup': op({ method: 'POST', path: '/backup', summary: 'Online backup of the database into the data folder', input: Empty, output: BackupResult, permission: 'system:admin', status: 201, cli: { resource: 'system', verb: 'backup' } }),

  'auth.login': op({ method: 'POST', path: '/auth/login', summary: 'Sign in; returns a bearer token', input: Login, output: LoginResult, permission: null, maxBodyBytes: ANONYMOUS_BODY_BYTES, cli: { verb: 'login' } }),
  'auth.logout': op({ method: 'POST', path: '/auth/logout', summary: 'Revoke the current token', input: Empty, output: Ok, permission: 'read', cli: { verb: 'logout' } }),
  'auth.me': op({ method: 'GET', path: '/auth/me', summary: 'The signed-in user and permissions', input: Empty, output: SessionInfo, permission: 'read', cli: { verb: 'whoami' } }),

  'users.list': op({ method: 'GET', path: '/users', summary: 'List users', input: Empty, output: z.array(User), permission: 'read', cli: { resource: 'user', verb: 'list', columns: ['id', 'user_name', 'nick_name', 'roles', 'disabled'], wide: ['email', 'mobile'] } }),
  'users.create': op({ method: 'POST', path: '/users', summary: 'Create a user', input: UserCreate, output: User, permission: 'users:admin', status: 201, cli: { resource: 'user', verb: 'create' } }),
  'users.update': op({ method: 'PUT', path: '/users/{id}', summary: 'Update a user', input: UserUpdate, output: User, permission: 'users:admin', cli: { resource: 'user', verb: 'update' } }),

  'roles.list': op({ method: 'GET', path: '/roles', summary: 'Built-in roles with their permissions, and custom roles in use (by users or approval nodes)', input: Empty, output: z.array(z.object({ name: z.string(), built_in: z.boolean(), permissions: z.array(z.string()), users: z.number().int() })), permission: 'read', cli: { resource: 'role', verb: 'list', columns: ['name', 'built_in', 'users', 'permissions'] } }),

  'hosts.list': op({ method: 'GET', path: '/hosts', summary: 'List hosts (executor processors)', input: HostListQuery, output: z.array(Host), permission: 'read', cli: { resource: 'host', verb: 'list', columns: ['id', 'name', 'host', 'username', 'status', 'tag'], wide: ['machine_id', 'host_key.status', 'status_reason', 'last_checked_at'] } }),
  'hosts.get': op({ method: 'GET', path: '/hosts/{id}', summary: 'One host', input: IdParam, output: Host, permission: 'read', cli: { resource: 'host', verb: 'get', aliases: ['show'], lookup: { id: 'hosts.list' } } }),
  'hosts.create': op({ method: 'POST', path: '/hosts', summary: 'Add a host; its key is pending until accepted', input: HostCreate, output: Host, permission: 'hosts:write', status: 201, cli: { resource: 'host', verb: 'create', lookup: { jump_host_id: 'hosts.list' } } }),
  'hosts.update': op({ method: 'PUT', path: '/hosts/{id}', summary: 'Edit a host; a new address clears its pinned key', input: HostUpdate, output: Host, permission: 'hosts:write', cli: { resource: 'host', verb: 'update', aliases: ['edit'], lookup: { id: 'hosts.list', jump_host_id: 'hosts.list' } } }),
  'hosts.delete': op({ method: 'DELETE', path: '/hosts/{id}', summary: 'Delete a host and its bindings', input: IdParam, output: Ok, permission: 'hosts:write', cli: { resource: 'host', verb: 'delete', confirm: true, lookup: { id: 'hosts.list' } } }),
  'hosts.test': op({ method: 'POST', path: '/hosts/{id}/test', summary: 'Connect: verify the host key, then authenticate', input: IdParam, output: HostTestResult, permission: 'hosts:write', cli: { resource: 'host', verb: 'test', lookup: { id: 'hosts.list' } } }),
  'hosts.accept-key': op({ method: 'POST', path: '/hosts/{id}/host-key/accept', summary: 'Pin the fingerprint last seen for this host', input: HostKeyAccept, output: Host, permission: 'hosts:trust', cli: { resource: 'host', verb: 'accept-key', lookup: { id: 'hosts.list' } } }),
  'hosts.import-ssh-config': op({ method: 'POST', path: '/hosts/import/ssh-config', summary: 'Create hosts from an OpenSSH config text', input: SshConfigImport, output: SshConfigImportResult, permission: 'hosts:write', cli: { resource: 'host', verb: 'import-ssh-config', fileFields: { content: 'config-file' } } }),

  'groups.list': op({ method: 'GET', path: '/groups', summary: 'List executor groups', input: Empty, output: z.array(Group), permission: 'read', cli: { resource: 'group', verb: 'list', columns: ['id', 'name', 'binding_count', 'tag', 'description'] } }),
  'groups.get': op({ method: 'GET', path: '/groups/{id}', summary: 'One group', input: IdParam, output: Group, permission: 'read', cli: { resource: 'group', verb: 'get' } }),
  'groups.create': op({ method: 'POST', path: '/groups', summary: 'Create a group', input: GroupCreate, output: Group, permission: 'groups:write', status: 201, cli: { resource: 'group', verb: 'create' } }),
  'groups.update': op({ method: 'PUT', path: '/groups/{id}', summary: 'Edit a group', input: GroupUpdate, output: Group, permission: 'groups:write', cli: { resource: 'group', verb: 'update' } }),
  'groups.delete': op({ method: 'DELETE', path: '/groups/{id}', summary: 'Delete a group and its bindings', input: IdParam, output: Ok, permission: 'groups:write', cli: { resource: 'group', verb: 'delete', confirm: true } }),

  'bindings.list': op({ method: 'GET', path: '/bindings', summary: 'List bindings of hosts to groups', input: BindingListQuery, output: z.array(Binding), permission: 'read', cli: { resource: 'binding', verb: 'list', columns: ['id', 'name', 'group_name', 'executor_name', 'executor_host', 'weight'], lookup: { executor_id: 'hosts.list' } } }),
  'bindings.create': op({ method: 'POST', path: '/bindings', summary: 'Bind a host to a group with a weight', input: BindingCreate, output: Binding, permission: 'groups:write', status: 201, cli: { resource: 'binding', verb: 'create', lookup: { executor_id: 'hosts.list' } } }),
  'bindings.update': op({ method: 'PUT', path: '/bindings/{id}', summary: 'Edit a binding (moving it moves its tasks)', input: BindingUpdate, output: Binding, permission: 'groups:write', cli: { resource: 'binding', verb: 'update', lookup: { executor_id: 'hosts.list' } } }),
  'bindings.delete': op({ method: 'DELETE', path: '/bindings/{id}', summary: 'Delete a binding', input: IdParam, output: Ok, permission: 'groups:write', cli: { resource: 'binding', verb: 'delete', confirm: true } }),

  'runs.create': op({ method: 'POST', path: '/runs', summary: 'Run a command on hosts, groups or bindings: one instance per host', input: RunCreate.extend(JobCorrelation.shape), output: RunResult, permission: 'runs:execute', status: 201, cli: { resource: 'run', verb: 'create', columns: ['id', 'host.name', 'status_name', 'exit_code'], rows: 'instances' } }),
  'instances.list': op({ method: 'GET', path: '/instances', summary: 'Task instances, newest first, filtered and paged', input: InstanceQuery, output: InstancePage, permission: 'read', cli: { resource: 'instance', verb: 'list', columns: ['id', 'task_name', 'host.name', 'status_name', 'exit_code', 'created_time'], wide: ['run_id', 'trigger', 'attempt', 'ended_time', 'error'], lookup: { host_id: 'hosts.list', task_id: 'tasks.list' } } }),
  'instances.get': op({ method: 'GET', path: '/instances/{id}', summary: 'One instance', input: InstanceIdParam, output: Instance, permission: 'read', cli: { resource: 'instance', verb: 'get' } }),
  'instances.cancel': op({ method: 'POST', path: '/instances/{id}/cancel', summary: 'End the remote process group (TERM, then KILL) and verify it is gone; whoever started it, an admin or a DBA', input: InstanceIdParam, output: Instance, permission: 'runs:execute', cli: { resource: 'instance', verb: 'cancel' } }),
  'instances.log': op({ method: 'GET', path: '/instances/{id}/log', summary: 'A window of log lines; `q` also finds matching line numbers', input: LogQuery, output: LogWindow, permission: 'read', cli: { resource: 'instance', verb: 'log' } }),

  'tasks.list': op({ method: 'GET', path: '/tasks', summary: 'List tasks (filter by stage, type, tag, text)', input: TaskListQuery, output: z.array(Task), permission: 'read', cli: { resource: 'task', verb: 'list', columns: ['name', 'stage', 'type', 'tag', 'running_instances', 'next_run_at'], wide: ['cron_expression', 'owner', 'last_run_at', 'approval.state'] } }),
  'tasks.get': op({ method: 'GET', path: '/tasks/{name}', summary: 'One task', input: TaskNameParam, output: Task, permission: 'read', cli: { resource: 'task', verb: 'describe', keys: { name: 'task-name' } } }),
  'tasks.create': op({ method: 'POST', path: '/tasks', summary: 'Create a task; it starts Stopped; returns its check result', input: TaskInput, output: TaskCreateResult, permission: 'tasks:write', status: 201, cli: { resource: 'task', verb: 'create' } }),
  'tasks.update': op({ method: 'PUT', path: '/tasks/{name}', summary: 'Edit a task (only while Stopped, else 409 naming the stage)', input: TaskUpdate, output: TaskCreateResult, permission: 'tasks:write', cli: { resource: 'task', verb: 'update', keys: { name: 'task-name' } } }),
  'tasks.delete': op({ method: 'DELETE', path: '/tasks/{name}', summary: 'Delete a task; refuses a Started one or one with running instances unless force=true', input: TaskDelete, output: Ok, permission: 'tasks:write', cli: { resource: 'task', verb: 'delete', keys: { name: 'task-name' }, confirm: true } }),
  'tasks.start': op({ method: 'POST', path: '/tasks/{name}/start', summary: 'Start: schedule the task (a one-off without cron runs at once); its owner, an admin or a DBA', input: TaskStart, output: Task, permission: 'tasks:write', cli: { resource: 'task', verb: 'start', keys: { name: 'task-name' } } }),
  'tasks.stop': op({ method: 'POST', path: '/tasks/{name}/stop', summary: 'Stop scheduling; running instances go on', input: TaskNameParam, output: Task, permission: 'tasks:write', cli: { resource: 'task', verb: 'stop', keys: { name: 'task-name' } } }),
  'tasks.run': op({ method: 'POST', path: '/tasks/{name}/run', summary: 'Run now, outside the schedule; its owner, an admin or a DBA', input: TaskStart.extend(JobCorrelation.shape), output: z.object({ run_id: z.string() }), permission: 'runs:execute', status: 201, cli: { resource: 'task', verb: 'run', keys: { name: 'task-name' } } }),
  'tasks.check': op({ method: 'POST', path: '/tasks/check', summary: 'Check a configuration without saving it', input: TaskInput, output: CheckResult, permission: 'read', cli: { resource: 'task', verb: 'check' } }),
  'tasks.export': op({ method: 'GET', path: '/tasks/{name}/export', summary: 'The task as YAML', input: TaskNameParam, output: TaskYaml, permission: 'read', cli: { resource: 'task', verb: 'get', keys: { name: 'task-name' } } }),
  'tasks.import': op({ method: 'POST', path: '/tasks/import', summary: 'Create a task from YAML', input: TaskYaml, output: TaskCreateResult, permission: 'tasks:write', status: 201, cli: { resource: 'task', verb: 'import', fileFields: { yaml: 'config-file' } } }),
  'tasks.slots': op({ method: 'GET', path: '/tasks/{name}/slots', summary: 'Recent schedule slots: fired, missed or skipped, with reasons', input: TaskNameParam, output: z.array(z.object({ slot: z.string(), outcome: z.string(), reason: z.string().nullable(), run_id: z.string().nullable() })), permission: 'read', cli: { resource: 'task', verb: 'slots', keys: { name: 'task-name' }, columns: ['slot', 'outcome', 'reason', 'run_id'] } }),
  'tasks.cron-preview': op({ method: 'GET', path: '/cron/preview', summary: 'Next runs of a cron expression in a time zone', input: CronPreview, output: CronPreviewResult, permission: 'read', cli: { resource: 'cron', verb: 'preview' } }),
  'dashboard.daily': op({ method: 'GET', path: '/dashboard/daily', summary: 'Daily status: instances per hour by status, totals, top failures', input: DailyQuery, output: Daily, permission: 'read', cli: { resource: 'dashboard', verb: 'daily', isDefault: true } }),

  'processes.list': op({ method: 'GET', path: '/processes', summary: 'Approval processes, in priority order per task type', input: z.object({ task_type: TaskTypeName.optional() }), output: z.array(Process), permission: 'read', cli: { resource: 'process', verb: 'list', columns: ['id', 'name', 'task_type', 'enabled', 'remarks'] } }),
  'processes.get': op({ method: 'GET', path: '/processes/{id}', summary: 'One process', input: IdParam, output: Process, permission: 'read', cli: { resource: 'process', verb: 'get' } }),
  'processes.create': op({ method: 'POST', path: '/processes', summary: 'Create a process; it goes last in its type\'s priority', input: ProcessInput, output: Process, permission: 'processes:write', status: 201, cli: { resource: 'process', verb: 'create' } }),
  'processes.update': op({ method: 'PUT', path: '/processes/{id}', summary: 'Replace a process', input: z.object({ id: Id }).and(ProcessInput), output: Process, permission: 'processes:write', cli: { resource: 'process', verb: 'update' } }),
  'processes.enable': op({ method: 'POST', path: '/processes/{id}/enable', summary: 'Enable a process', input: IdParam, output: Process, permission: 'processes:write', cli: { resource: 'process', verb: 'enable' } }),
  'processes.disable': op({ method: 'POST', path: '/processes/{id}/disable', summary: 'Disable a process: it is never matched', input: IdParam, output: Process, permission: 'processes:write', cli: { resource: 'process', verb: 'disable' } }),
  'processes.delete-many': op({ method: 'POST', path: '/processes/delete', summary: 'Delete several processes at once (all or nothing)', input: z.object({ ids: z.array(Id).min(1).max(500) }), output: Ok, permission: 'processes:write', cli: { resource: 'process', verb: 'delete', confirm: true } }),
  'processes.priority': op({ method: 'GET', path: '/processes/priority', summary: 'Priority order (process ids) of a task type', input: z.object({ task_type: TaskTypeName }), output: z.object({ task_type: TaskTypeName, ids: z.array(Id) }), permission: 'read', cli: { resource: 'process', verb: 'priority' } }),
  'processes.set-priority': op({ method: 'PUT', path: '/processes/priority', summary: 'Save the priority order of a task type (every id once)', input: z.object({ task_type: TaskTypeName, ids: z.array(Id).max(1000) }), output: z.object({ task_type: TaskTypeName, ids: z.array(Id) }), permission: 'processes:write', cli: { resource: 'process', verb: 'set-priority' } }),
  'processes.policy': op({ method: 'GET', path: '/settings/approvals', summary: 'Per task type: run or refuse a task no process matches', input: Empty, output: ApprovalPolicy, permission: 'read', cli: { resource: 'process', verb: 'policy' } }),
  'processes.set-policy': op({ method: 'PUT', path: '/settings/approvals', summary: 'Set the unmatched-task policy', input: ApprovalPolicy, output: ApprovalPolicy, permission: 'system:admin', cli: { resource: 'process', verb: 'set-policy' } }),

  'permissions.list': op({ method: 'GET', path: '/permissions', summary: 'Run permissions granted by approved applications (yours, or anyone\'s for an admin)', input: GrantQuery, output: z.array(Grant), permission: 'read', cli: { resource: 'permission', verb: 'list', columns: ['id', 'user_name', 'host_name', 'active', 'expires_at'], wide: ['request_id', 'granted_at', 'revoked_at', 'revoked_by'] } }),
  'permissions.revoke': op({ method: 'POST', path: '/permissions/{id}/revoke', summary: 'End a lasting grant now (admin); audited', input: GrantRevoke, output: Grant, permission: 'users:admin', cli: { resource: 'permission', verb: 'revoke' } }),
  'requests.list': op({ method: 'GET', path: '/requests', summary: 'Change requests, newest first, a page at a time: to approve (by me), mine, or all', input: RequestQuery, output: RequestPage, permission: 'read', cli: { resource: 'request', verb: 'list', columns: ['id', 'task_name', 'state', 'risk_level', 'requester', 'created_at'] } }),
  'requests.get': op({ method: 'GET', path: '/requests/{id}', summary: 'One change request with its statements, process, level and decisions', input: RequestIdParam, output: ChangeRequestView, permission: 'read', cli: { resource: 'request', verb: 'get' } }),
  'requests.approve': op({ method: 'POST', path: '/requests/{id}/approve', summary: 'Approve the current node (needs its role; never your own request)', input: RequestDecision, output: ChangeRequestView, permission: 'read', personOnly: true, cli: { resource: 'request', verb: 'approve' } }),
  'requests.reject': op({ method: 'POST', path: '/requests/{id}/reject', summary: 'Reject the current node; the request ends', input: RequestDecision, output: ChangeRequestView, permission: 'read', personOnly: true, cli: { resource: 'request', verb: 'reject' } }),
  'requests.cancel': op({ method: 'POST', path: '/requests/{id}/cancel', summary: 'Cancel (requester or admin)', input: RequestIdParam, output: ChangeRequestView, permission: 'read', personOnly: true, cli: { resource: 'request', verb: 'cancel' } }),
  'requests.execute': op({ method: 'POST', path: '/requests/{id}/execute', summary: 'Start an approved request (manual strategy, within its wait period)', input: RequestIdParam, output: ChangeRequestView, permission: 'read', personOnly: true, cli: { resource: 'request', verb: 'execute' } }),
  'requests.batch-approve': op({ method: 'POST', path: '/requests/batch-approve', summary: 'Approve several requests; each result reported', input: BatchApprove, output: BatchResult, permission: 'read', personOnly: true, cli: { resource: 'request', verb: 'batch-approve', columns: ['id', 'ok', 'error'], rows: 'results' } }),

  // Jobs and steps, oVirt's view (external jobs injected by plug-ins; Taskdeck's own work shows here too).
  'jobs.list': op({ method: 'GET', path: '/jobs', summary: 'Jobs, newest first, filtered (module, status, external, owner, text q, created from/to; internal ones only with internal=true) and paged', input: JobListQuery, output: JobPage, permission: 'read', cli: { resource: 'job', verb: 'list', columns: ['id', 'module', 'type', 'status', 'description', 'created_time'], wide: ['owner', 'external', 'ended_time'] } }),
  'jobs.create': op({ method: 'POST', path: '/jobs', summary: 'Add an external job (a plug-in\'s work); it starts STARTED', input: ExternalJobCreate, output: JobView, permission: 'jobs:external', status: 201, cli: { resource: 'job', verb: 'create' } }),
  'jobs.get': op({ method: 'GET', path: '/jobs/{id}', summary: 'One job', input: JobIdParam, output: JobView, permission: 'read', cli: { resource: 'job', verb: 'get' } }),
  'jobs.steps': op({ method: 'GET', path: '/jobs/{id}/steps', summary: 'The steps of a job still registered (unfinished, or kept because they failed), parents before children', input: JobIdParam, output: z.array(JobView), permission: 'read', cli: { resource: 'job', verb: 'steps', columns: ['id', 'step_type', 'number', 'status', 'description'] } }),
  'jobs.step': op({ method: 'GET', path: '/jobs/{id}/steps/{step_id}', summary: 'One step of a job', input: StepIdParam, output: JobView, permission: 'read', cli: { resource: 'job', verb: 'step' } }),
  'jobs.add-step': op({ method: 'POST', path: '/jobs/{id}/steps', summary: 'Add a step to an external job, or a sub-step under parent_step_id; refused under a finished job or parent', input: ExternalStepCreate, output: JobView, permission: 'jobs:external', status: 201, cli: { resource: 'job', verb: 'add-step' } }),
  'jobs.end-step': op({ method: 'POST', path: '/jobs/{id}/steps/{step_id}/end', summary: 'End an external step; refuses one with unfinished sub-steps unless force=true (they end ABORTED)', input: ExternalStepEnd, output: JobView, permission: 'jobs:external', cli: { resource: 'job', verb: 'end-step' } }),
  'jobs.end': op({ method: 'POST', path: '/jobs/{id}/end', summary: 'End an external job; refuses one with unfinished steps (naming them) unless force=true (they end ABORTED)', input: ExternalJobEnd, output: JobView, permission: 'jobs:external', cli: { resource: 'job', verb: 'end' } }),
  'jobs.clear': op({ method: 'POST', path: '/jobs/{id}/clear', summary: 'Hand an external job to auto-clearing: once ended, it expires with the task TTL', input: JobIdParam, output: JobView, permission: 'jobs:external', cli: { resource: 'job', verb: 'clear' } }),

  // The same tree, ScyllaDB task manager's view.
  'task_manager.list-modules': op({ method: 'GET', path: '/task_manager/list_modules', summary: 'Modules that have tasks', input: Empty, output: ModuleList, permission: 'read', cli: { resource: 'task-manager', verb: 'list-modules' } }),
  'task_manager.list-module-tasks': op({ method: 'GET', path: '/task_manager/list_module_tasks/{module}', summary: 'Tasks of a module, newest first (internal ones only with internal=true; text q in description, type or owner), paged by `before`', input: ModuleTasksQuery, output: z.array(TaskStats), permission: 'read', cli: { resource: 'task-manager', verb: 'list-module-tasks', columns: ['task_id', 'state', 'type', 'scope', 'description', 'start_time'] } }),
  'task_manager.task-status': op({ method: 'GET', path: '/task_manager/task_status/{task_id}', summary: 'A task\'s status with its children_ids; reading never removes it', input: TaskIdParam, output: TaskStatus, permission: 'read', cli: { resource: 'task-manager', verb: 'task-status' } }),
  'task_manager.task-status-recursive': op({ method: 'GET', path: '/task_manager/task_status_recursive/{task_id}', summary: 'A task and all its descendants, breadth first', input: TaskIdParam, output: z.array(TaskStatus), permission: 'read', cli: { resource: 'task-manager', verb: 'task-status-recursive', columns: ['id', 'parent_id', 'state', 'type', 'scope', 'description'] } }),
  'task_manager.abort-task': op({ method: 'POST', path: '/task_manager/abort_task/{task_id}', summary: 'Abort an abortable task and its descendants (a run\'s job cancels its instances; needs the right to cancel them)', input: TaskIdParam, output: TaskStatus, permission: 'read', cli: { resource: 'task-manager', verb: 'abort-task' } }),
  'task_manager.wait-task': op({ method: 'GET', path: '/task_manager/wait_task/{task_id}', summary: 'Wait until the task ends (0 < timeout ≤ 300 s), then its status; 408 when the timeout passes first', input: WaitQuery, output: TaskStatus, permission: 'read', cli: { resource: 'task-manager', verb: 'wait-task' } }),
  'task_manager.ttl': op({ method: 'GET', path: '/task_manager/ttl', summary: 'Seconds a finished job stays after it ends', input: Empty, output: TtlValue, permission: 'read', cli: { resource: 'task-manager', verb: 'ttl' } }),
  'task_manager.set-ttl': op({ method: 'POST', path: '/task_manager/ttl', summary: 'Set the task TTL (seconds); returns the previous value', input: TtlSet, output: TtlValue, permission: 'system:admin', cli: { resource: 'task-manager', verb: 'set-ttl' } }),
  'task_manager.user-ttl': op({ method: 'GET', path: '/task_manager/user_ttl', summary: 'Seconds a finished user-started job stays after it ends', input: Empty, output: TtlValue, permission: 'read', cli: { resource: 'task-manager', verb: 'user-ttl' } }),
  'task_manager.set-user-ttl': op({ method: 'POST', path: '/task_manager/user_ttl', summary: 'Set the user TTL (seconds); returns the previous value', input: TtlSet, output: TtlValue, permission: 'system:admin', cli: { resource: 'task-manager', verb: 'set-user-ttl' } }),
  'task_manager.drain': op({ method: 'POST', path: '/task_manager/drain/{module}', summary: 'Unregister the module\'s finished jobs now (running ones stay)', input: ModuleParam, output: DrainResult, permission: 'system:admin', cli: { resource: 'task-manager', verb: 'drain', confirm: true } }),

  'audit.list': op({ method: 'GET', path: '/audit', summary: 'Audit log, newest first', input: AuditQuery, output: z.array(AuditEntry), permission: 'read', cli: { resource: 'audit', verb: 'list', columns: ['id', 'ts', 'category', 'sentence'], wide: ['actor', 'action', 'target_type', 'target_id', 'target_name'] } }),
  'audit.verify': op({ method: 'GET', path: '/audit/verify', summary: 'Verify the audit hash chain', input: Empty, output: AuditVerify, permission: 'read', cli: { resource: 'audit', verb: 'verify' } }),

  // bundles14: offline approval review — signing keys, the trust store, request and decision bundles, reviews.
  'keys.mine': op({ method: 'GET', path: '/keys/mine', summary: 'Your signing key (public half), if you have one', input: Empty, output: z.object({ key: SigningKeyView.nullable() }), permission: 'read', cli: { resource: 'key', verb: 'get', aliases: ['mine'] } }),
  'keys.create': op({ method: 'POST', path: '/keys/mine', summary: 'Create your Ed25519 signing key; a key you had is retired. The private key never leaves the console', input: Empty, output: SigningKeyView, permission: 'read', status: 201, cli: { resource: 'key', verb: 'create' } }),
  'keys.console': op({ method: 'GET', path: '/keys/console', summary: 'This console\'s id and signing key (public half)', input: Empty, output: SigningKeyView.extend({ console_id: z.string() }), permission: 'read', cli: { resource: 'key', verb: 'console' } }),
  'keys.export': op({ method: 'GET', path: '/keys/export', summary: 'A public-key file for another console\'s trust store: yours, or this console\'s', input: z.object({ which: z.enum(['mine', 'console']).default('mine') }), output: KeyFile, permission: 'read', cli: { resource: 'key', verb: 'export', fileOutput: '' } }),
  'trust.list': op({ method: 'GET', path: '/trust', summary: 'The trust store: public keys bound to a user and role, or to a console', input: Empty, output: z.array(TrustedKey), permission: 'read', cli: { resource: 'trust', verb: 'list', columns: ['id', 'kind', 'key_id', 'user_name', 'role', 'console_id', 'revoked_at'], wide: ['label', 'added_by', 'added_at'] } }),
  'trust.add': op({ method: 'POST', path: '/trust', summary: 'Trust a public key (key file, ssh-ed25519 line or PEM) for a user and role, or for a console; audited', input: TrustAdd, output: TrustedKey, permission: 'users:admin', status: 201, cli: { resource: 'trust', verb: 'add', fileFields: { text: 'key-file' } } }),
  'trust.revoke': op({ method: 'POST', path: '/trust/{id}/revoke', summary: 'Revoke a trusted key: bundles signed with it are refused from now on; audited', input: IdParam, output: TrustedKey, permission: 'users:admin', cli: { resource: 'trust', verb: 'revoke', confirm: true } }),
  'requests.export-bundle': op({ method: 'GET', path: '/requests/{id}/bundle', summary: 'The request as a .tdbundle signed by this console, for review on another workstation', input: RequestIdParam, output: KeyFile, permission: 'read', cli: { resource: 'request', verb: 'export', keys: { id: 'request-id' }, fileOutput: '' } }),
  'bundles.verify': op({ method: 'POST', path: '/bundles/verify', summary: 'Check a bundle (either kind) without applying it: each signature, the key, the hash, and what would refuse it', input: BundleText, output: BundleReport, permission: 'read', cli: { resource: 'bundle', verb: 'verify', fileFields: { content: 'file' } } }),
  'bundles.import': op({ method: 'POST', path: '/bundles/import', summary: 'Import a request bundle for review, or apply a decision bundle under the local rules; a refusal names its reason and is audited', input: BundleText, output: z.object({ kind: z.enum(['request', 'decision']), report: BundleReport, request: ChangeRequestView.nullable(), review: ReviewView.nullable() }), permission: 'read', cli: { resource: 'bundle', verb: 'import', fileFields: { content: 'file' } } }),
  'reviews.list': op({ method: 'GET', path: '/reviews', summary: 'Request bundles imported for review, newest first', input: Empty, output: z.array(ReviewView), permission: 'read', cli: { resource: 'review', verb: 'list', columns: ['id', 'origin_console', 'origin_request_id', 'decision', 'imported_by', 'imported_at'], wide: ['decided_by', 'decided_at', 'content_hash'] } }),
  'reviews.get': op({ method: 'GET', path: '/reviews/{id}', summary: 'One review: the request as exported, read-only, and whether your key may decide it', input: IdParam, output: ReviewView, permission: 'read', cli: { resource: 'review', verb: 'get' } }),
  'reviews.decide': op({ method: 'POST', path: '/reviews/{id}/decide', summary: 'Approve or reject with your key: returns the signed decision bundle to take home', input: ReviewDecide, output: z.object({ review: ReviewView, file: KeyFile }), permission: 'read', cli: { resource: 'review', verb: 'decide', fileOutput: 'file' } }),
  'reviews.decision-bundle': op({ method: 'GET', path: '/reviews/{id}/decision-bundle', summary: 'The decision bundle of a decided review, again', input: IdParam, output: KeyFile, permission: 'read', cli: { resource: 'review', verb: 'decision-bundle', fileOutput: '' } }),

  // jobs12: an admin grants a plug-in user its hosts (a plug-in cannot apply for them).
  'permissions.grant': op({ method: 'POST', path: '/permissions', summary: 'Grant a plug-in user (role plugin) run permission on hosts for some hours (admin); people apply instead; audited', input: GrantCreate, output: z.array(Grant), permission: 'users:admin', cli: { resource: 'permission', verb: 'grant', columns: ['id', 'user_name', 'host_name', 'expires_at'], lookup: { host_ids: 'hosts.list' } } }),

  // tokens13: API tokens for plug-ins and the security level (signed requests).
  'tokens.list': op({ method: 'GET', path: '/tokens', summary: 'API tokens with owner, scopes, created, last use and expiry; never their secret', input: Empty, output: z.array(ApiToken), permission: 'users:admin', cli: { resource: 'token', verb: 'list', columns: ['id', 'name', 'owner', 'scopes', 'expires_at', 'last_used_at'], wide: ['created_by', 'created_at', 'revoked_at'] } }),
  'tokens.create': op({ method: 'POST', path: '/tokens', summary: 'Create an API token for a plug-in; its secret is in this answer only', input: TokenCreate, output: ApiTokenCreated, permission: 'users:admin', status: 201, cli: { resource: 'token', verb: 'create' } }),
  'tokens.revoke': op({ method: 'POST', path: '/tokens/{id}/revoke', summary: 'Revoke an API token now; its next use is refused with token_revoked', input: TokenIdParam, output: ApiToken, permission: 'users:admin', cli: { resource: 'token', verb: 'revoke', confirm: true } }),
  'system.security-level': op({ method: 'GET', path: '/settings/security', summary: 'Security level of the API (0 bearer tokens, 1 signed requests) and where it is set', input: Empty, output: SecurityLevel, permission: 'read', cli: { resource: 'system', verb: 'security-level' } }),
  'system.set-security-level': op({ method: 'PUT', path: '/settings/security', summary: 'Set the security level (unless TASKDECK_SECURITY_LEVEL pins it)', input: SecurityLevelSet, output: SecurityLevel, permission: 'system:admin', cli: { resource: 'system', verb: 'set-security-level', confirm: true } }),

  // openapi13: log download as a stream operation both transports carry.
  'instances.log-download': streamOp({ method: 'GET', path: '/instances/{id}/log.txt', summary: 'The whole log of an instance as text, system lines starting with "# taskdeck: "; secrets are masked as stored', input: InstanceIdParam, permission: 'read', fileName: 'instance-{id}.log', cli: { resource: 'instance', verb: 'log-download' } }),

  // safe15: safe by default — run settings (default timeout, typed-confirmation threshold) and a run's preview.
  'runs.settings': op({ method: 'GET', path: '/settings/runs', summary: 'Run settings: the Run page\'s default timeout and how many hosts ask for a typed confirmation', input: Empty, output: RunSettings, permission: 'read', cli: { resource: 'run', verb: 'settings' } }),
  'runs.set-settings': op({ method: 'PUT', path: '/settings/runs', summary: 'Change run settings (admin); audited', input: RunSettingsSet, output: RunSettings, permission: 'system:admin', cli: { resource: 'run', verb: 'set-settings' } }),
  'runs.preview': op({ method: 'POST', path: '/runs/preview', summary: 'The hosts a run would reach (production? may you run there?) and what to type before running it; runs nothing', input: RunPreviewInput, output: RunPreview, permission: 'read', cli: { resource: 'run', verb: 'preview', columns: ['id', 'name', 'host', 'tag', 'production', 'granted'], rows: 'hosts' } }),

  // remind14: the notification centre (reminders; issue 15's alerts post into it too) and when reminders are due.
  'notifications.list': op({ method: 'GET', path: '/notifications', summary: 'Your notifications, newest first, a page at a time, with your unread count', input: NotificationQuery, output: NotificationPage, permission: 'read', cli: { resource: 'notification', verb: 'list', columns: ['id', 'kind', 'title', 'created_at', 'read_at'], wide: ['link', 'body'] } }),
  'notifications.read': op({ method: 'POST', path: '/notifications/read', summary: 'Mark one of your notifications read (id), or all of them (all=true)', input: NotificationRead, output: NotificationReadResult, permission: 'read', cli: { resource: 'notification', verb: 'read' } }),
  'reminders.settings': op({ method: 'GET', path: '/settings/reminders', summary: 'When approvers and requesters are reminded before a request\'s window lapses (percent and minutes left)', input: Empty, output: ReminderSettings, permission: 'read', cli: { resource: 'reminder', verb: 'get' } }),
  'reminders.set-settings': op({ method: 'PUT', path: '/settings/reminders', summary: 'Set the reminder thresholds (admin); audited', input: ReminderSettings, output: ReminderSettings, permission: 'system:admin', cli: { resource: 'reminder', verb: 'set' } }),

  // alerts15: notification channels (in-app, desktop, webhooks), rules per task or workspace, and the delivery log.
  'channels.list': op({ method: 'GET', path: '/channels', summary: 'Notification channels; a secret shows only as set or not, a webhook URL whole only to whoever manages alerts', input: Empty, output: z.array(Channel), permission: 'read', cli: { resource: 'channel', verb: 'list', columns: ['id', 'name', 'kind', 'webhook_format', 'enabled', 'secret_set'], wide: ['url', 'group_window_seconds', 'created_by'] } }),
  'channels.create': op({ method: 'POST', path: '/channels', summary: 'Add a channel: in_app, desktop, or a webhook (generic, slack, dingtalk, feishu, wecom; http/https, no credentials in the URL; optional signing secret, sealed); audited', input: ChannelCreate, output: Channel, permission: 'alerts:write', status: 201, cli: { resource: 'channel', verb: 'create' } }),
  'channels.update': op({ method: 'PUT', path: '/channels/{id}', summary: 'Edit a channel; secret: a new one, null to remove, left out to keep; audited', input: ChannelUpdate, output: Channel, permission: 'alerts:write', cli: { resource: 'channel', verb: 'update' } }),
  'channels.delete': op({ method: 'DELETE', path: '/channels/{id}', summary: 'Delete a channel with its rules and deliveries; audited', input: IdParam, output: Ok, permission: 'alerts:write', cli: { resource: 'channel', verb: 'delete', confirm: true } }),
  'channels.test': op({ method: 'POST', path: '/channels/{id}/test', summary: 'Send a test message now; returns the delivery after its first attempt (retried like any other if it may pass later)', input: IdParam, output: Delivery, permission: 'alerts:write', cli: { resource: 'channel', verb: 'test' } }),
  'alert-rules.list': op({ method: 'GET', path: '/alert-rules', summary: 'Alert rules, of one task (task_name) or all', input: AlertRuleQuery, output: z.array(AlertRule), permission: 'read', cli: { resource: 'alert-rule', verb: 'list', columns: ['id', 'task_name', 'channel_name', 'events', 'enabled'] } }),
  'alert-rules.create': op({ method: 'POST', path: '/alert-rules', summary: 'Send these events of a task (its owner, an admin or a DBA) or of every task (task_name null: alert managers) to a channel', input: AlertRuleCreate, output: AlertRule, permission: 'tasks:write', status: 201, cli: { resource: 'alert-rule', verb: 'create' } }),
  'alert-rules.update': op({ method: 'PUT', path: '/alert-rules/{id}', summary: 'Change a rule\'s events or switch it on or off', input: AlertRuleUpdate, output: AlertRule, permission: 'tasks:write', cli: { resource: 'alert-rule', verb: 'update' } }),
  'alert-rules.delete': op({ method: 'DELETE', path: '/alert-rules/{id}', summary: 'Delete a rule', input: IdParam, output: Ok, permission: 'tasks:write', cli: { resource: 'alert-rule', verb: 'delete', confirm: true } }),
  'deliveries.list': op({ method: 'GET', path: '/deliveries', summary: 'The delivery log, newest first: each alert with every attempt (time, HTTP status, latency, error, the first 1 KiB of the answer)', input: DeliveryQuery, output: z.array(Delivery), permission: 'read', cli: { resource: 'delivery', verb: 'list', columns: ['id', 'channel_name', 'event', 'state', 'grouped', 'title', 'created_at'], wide: ['next_attempt_at', 'updated_at'] } }),

  // lists15: instances grouped by run, as people scan them.
  'runs.list': op({ method: 'GET', path: '/runs', summary: 'Runs newest first, each one row (status and host counts by each host\'s last attempt); filter by task, command text, host, status, time', input: RunListQuery, output: RunPage, permission: 'read', cli: { resource: 'run', verb: 'list', columns: ['run_id', 'task_name', 'status_name', 'hosts.ok', 'hosts.failed', 'hosts.total', 'created_by', 'created_time'], wide: ['trigger', 'command', 'ended_time'], lookup: { host_id: 'hosts.list', task_id: 'tasks.list' } } }),

  // i18n15: each user's language, time zone and clock, remembered in the core.
  'users.prefs': op({ method: 'GET', path: '/users/me/prefs', summary: 'Your display preferences: language, time zone (local, UTC or an IANA zone) and 12/24-hour clock', input: Empty, output: UserPrefs, permission: 'read', cli: { resource: 'user', verb: 'prefs' } }),
  'users.set-prefs': op({ method: 'PUT', path: '/users/me/prefs', summary: 'Change your display preferences; fields left out stay as they are', input: UserPrefsPatch, output: UserPrefs, permission: 'read', cli: { resource: 'user', verb: 'set-prefs' } }),

  // rough15: changing one's own password (the password policy applies; other sessions end).
  'users.change-password': op({ method: 'POST', path: '/users/me/password', summary: 'Change your own password: the current one, then a new one (at least 10 characters, not a common password, not your user name); your other sessions are signed out', input: PasswordChange, output: z.object({ ended_sessions: z.number().int() }), permission: 'read', cli: { resource: 'user', verb: 'change-password', prompted: { current_password: 'Current password', new_password: 'New password' } } }),

  // csv15: the audit CSV as a stream operation, so the desktop app (IPC) and the CLI export it as the browser does.
  'audit.export': streamOp({ method: 'GET', path: '/audit.csv', summary: 'The audit log as CSV, newest first, filtered as the list is (every matching entry, not a page); a UTF-8 mark first for spreadsheets, cells that a spreadsheet would run as a formula start with \'', input: AuditExportQuery, permission: 'read', stream: 'text/csv', fileName: 'taskdeck-audit.csv', cli: { resource: 'audit', verb: 'export' } }),
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
/** Operations whose answer is streamed text, not JSON. */
export type StreamOpName = { [K in OpName]: Operations[K] extends { readonly stream: StreamMediaType } ? K : never }[OpName];
/** What an operation gives: its output, or for a stream operation the output's chunks. */
export type OpOutput<K extends OpName> = K extends StreamOpName ? TextChunks : z.output<Operations[K]['output']>;

/** Whether an operation's answer is streamed text. */
export function isStreamOp(name: OpName): name is StreamOpName {
  return (operations[name] as Operation).stream !== undefined;
}

export const API_PREFIX = '/api/v1';

/** Names of `{param}` segments in a path. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** Fill a path's `{param}` segments from an input object; the rest of the input is returned apart. */
export function fillPath(path: string, input: Record<string, unknown>): { path: string; rest: Record<string, unknown> } {
  const rest = { ...input };
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value));
  });
  return { path: filled, rest };
}
