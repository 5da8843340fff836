import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { AppError, notFound } from '../../../shared/api/errors';
import { type CheckResult, editsByOthers, type Task, TaskInput } from '../../../shared/domain/tasks';
import { taskRefusal } from '../../../shared/domain/ownership';
import { permissionsOf } from '../../../shared/domain/roles';
import type { Clock } from '../clock';
import { describeCron, nextSlots, parseCron } from '../domain/schedule';
import { nextStage } from '../domain/task-lifecycle';
import { holdsTask } from '../../../shared/domain/task-lifecycle';
import { diffFields, foldEdit } from '../domain/task-edit';
import type { EventBus } from '../event-bus';
import type { TaskScheduler } from '../scheduler/task-scheduler';
import type { TaskRow } from '../store/tasks-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { LaunchSpec, RunsService } from './runs-service';
import type { ProcessesService } from './processes-service';
import type { ApprovalGate } from './approval-gate';
import type { RequestsService } from './requests-service';
import type { PermissionsService } from './permissions-service';
import type { User } from '../../../shared/domain/users';
import { describeZodError } from '../../../shared/api/zod-issues';
import { hostsOfBindings, hostsOfTask } from './targets';

type Item = CheckResult['errors'][number];

/** Tasks with DM's lifecycle: created Stopped, edited only while Stopped, started, stopped, deleted, checked. */
export class TasksService {
  constructor(
    private readonly store: Store,
    private readonly scheduler: TaskScheduler,
    private readonly runs: RunsService,
    private readonly processes: ProcessesService,
    private readonly requests: RequestsService,
    private readonly approvals: ApprovalGate,
    private readonly permissions: PermissionsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  list(f: { stage?: string; type?: string; tag?: string; q?: string }): Task[] {
    return this.store.tasks.list(f).map((r) => this.store.tasks.toTask(r));
  }

  get(name: string): Task {
    return this.store.tasks.toTask(this.row(name));
  }

  /** Validate a configuration without saving it: cron, bindings and their host keys, command. */
  check(t: TaskInput): CheckResult {
    const errors: Item[] = [];
    const warnings: Item[] = [];
    if (t.type === 'database_change') {
      if (!t.script.trim()) errors.push({ field: 'script', message: 'a database change needs a SQL script' });
      if (!t.client_command.trim()) {
        const without = hostsOfBindings(this.store, t.binding_ids).filter((h) => !h.client_command.trim());
        if (t.binding_ids.length === 0 || without.length) {
          const where = without.length ? ` (${without.map((h) => h.name).join(', ')} ${without.length === 1 ? 'has' : 'have'} none)` : '';
          errors.push({ field: 'client_command', message: `a database change needs the client command that reads the script on stdin, e.g. psql -v ON_ERROR_STOP=1 -f -: set it on the task or on every bound host${where}` });
        }
      }
    } else if (t.type === 'command' && !t.command.trim()) errors.push({ field: 'command', message: 'command must not be empty' });
    if (t.cron_expression) {
      const p = parseCron(t.cron_expression, t.frequency.time_zone);
      if (p.error) errors.push({ field: 'cron_expression', message: p.error.replace(/^cron_expression: /, '') });
      else if (nextSlots(t.cron_expression, t.frequency.time_zone, this.clock.now(), 1).length === 0) warnings.push({ field: 'cron_expression', message: 'this expression never fires again' });
    } else if (t.frequency.mode !== 'once') {
      errors.push({ field: 'cron_expression', message: 'Repeat and Countdown need a cron expression; choose Once to run it once when started' });
    }
    if (t.binding_ids.length === 0) errors.push({ field: 'binding_ids', message: 'bind the task to at least one host (binding)' });
    for (const id of t.binding_ids) {
      const b = this.store.groups.getBinding(id);
      if (!b) { errors.push({ field: 'binding_ids', message: `binding ${id} does not exist` }); continue; }
      const h = this.store.hosts.get(b.executor_id);
      if (!h) continue;
      if (!h.host_key_pinned) errors.push({ field: 'binding_ids', message: `host ${h.name} (binding ${b.name}) has no trusted host key yet` });
      else if (h.host_key_seen && h.host_key_seen !== h.host_key_pinned) errors.push({ field: 'binding_ids', message: `host key of ${h.name} changed; re-pin it or fix the host` });
      if (h.status === 'NotEnabled') warnings.push({ field: 'binding_ids', message: `host ${h.name} is not enabled and will be skipped` });
      if (h.status === 'Abnormal') warnings.push({ field: 'binding_ids', message: `host ${h.name} is Abnormal: ${h.status_reason ?? 'unreachable'}` });
    }
    if (t.timeout === 0) warnings.push({ field: 'timeout', message: 'no timeout: a hung run keeps its slot until cancelled' });
    if (t.retry_times > 0 && t.overlap_policy === 'replace') warnings.push({ field: 'retry_times', message: 'retries may be cancelled by the next slot (replace policy)' });
    return { errors, warnings };
  }

  create(actor: string, t: TaskInput): { task: Task; check_result: CheckResult } {
    const check_result = this.check(t);
    const row = this.store.tx(() => {
      const row = this.store.tasks.insert(t, actor, this.now());
      this.audit.record(actor, 'task.created', 'task', row.id, { name: row.name });
      return row;
    });
    return { task: this.changed(row.id), check_result };
  }

  /** Edit a Stopped task (its owner, an admin or a DBA); what changed is kept until it next starts, and audited. */
  update(user: User, name: string, patch: Partial<TaskInput> & { new_name?: string; owner?: string }): { task: Task; check_result: CheckResult } {
    const actor = user.user_name;
    const row = this.manageable(user, name, 'edit');
    nextStage(row.stage, 'update', { name, running: 0 });
    const { new_name, owner, ...rest } = patch;
    const fields = { ...rest, ...(new_name ? { name: new_name } : {}) };
    const before = this.inputOf(row);
    const merged = TaskInput.parse({ ...before, ...fields });
    const newOwner = owner === undefined ? undefined : this.transferTo(user, owner);
    const changes = diffFields(before, fields, actor);
    const updated = this.store.tx(() => {
      const edit = foldEdit(this.store.tasks.lastEdit(row), changes, actor, this.now());
      const r = this.store.tasks.update(row.id, { ...fields, ...(newOwner ? { owner: newOwner } : {}) }, edit, this.now());
      const transfer = newOwner && newOwner !== row.owner ? { owner: { from: row.owner, to: newOwner } } : {};
      // A retry replays what failed: after an edit there is nothing left to retry.
      const retries_cancelled = this.store.tasks.deleteRetriesOf(row.id);
      this.audit.record(actor, 'task.updated', 'task', row.id, { name: r.name, changes: changes.map(({ by: _by, ...c }) => c), ...transfer, ...(retries_cancelled ? { retries_cancelled } : {}) });
      this.requests.voidIfChanged(r, hostsOfTask(this.store, r.id), actor);
      return r;
    });
    this.scheduler.onStopped(row.id); // queued retries go, and runs of the old content in flight are not retried
    return { task: this.changed(updated.id), check_result: this.check(merged) };
  }

  /**
   * Start: when an enabled process governs the task, a change request is opened and the task starts
   * once it is approved; otherwise the workspace policy for its type allows it or refuses it.
   */
  start(user: User, name: string, acceptEditAt?: string): Task {
    const actor = user.user_name;
    const row = this.manageable(user, name, 'start');
    const stage = nextStage(row.stage, 'start', { name, running: 0 }) as 'Started';
    this.requireEditSeen(user, row, acceptEditAt);
    const check = this.check(this.inputOf(row));
    if (check.errors.length) throw new AppError('validation', `task ${name} cannot start: ${check.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { check_result: check });
    const open = row.approval_request_id ? this.store.requests.get(row.approval_request_id) : undefined;
    if (open && holdsTask(open.state)) throw new AppError('conflict', `task ${name} is waiting on change request #${open.id} (${open.state})`);
    const hosts = hostsOfTask(this.store, row.id);
    const process = this.processes.match(row.type, hosts.map((h) => h.id));
    if (process) {
      this.requests.open(actor, row, hosts, process);
      return this.changed(row.id);
    }
    if (this.processes.policy().unmatched[row.type] === 'refuse') {
      throw new AppError('conflict', `no enabled approval process covers ${row.type} task ${name} on ${hosts.map((h) => h.name).join(', ')}, and the workspace refuses such tasks without approval`);
    }
    if (row.type === 'apply_permission') throw new AppError('conflict', 'a permission application needs an approval process of type apply_permission');
    // Without an approval, the user's own permission to run on the hosts is what authorises it.
    this.permissions.requireRun(user, hosts);
    this.store.tx(() => {
      this.store.tasks.setRuntime(row.id, { stage, started_at: this.now(), runs_fired: 0, approval_request_id: null, started_by: actor, edited_since_start: null });
      this.audit.record(actor, 'task.started', 'task', row.id, { name, approval: 'none needed', ...acknowledged(row, acceptEditAt) });
    });
    this.scheduler.onStarted(this.store.tasks.get(row.id)!);
    return this.changed(row.id);
  }

  /** Stop the schedule and cancel pending retries; running instances go on. */
  stop(user: User, name: string): Task {
    const actor = user.user_name;
    const row = this.manageable(user, name, 'stop');
    // A once, countdown or "Run now" run goes on after its task stopped itself; stopping it again cancels its retries.
    if (row.stage === 'Stopped' && this.hasRetriesToCancel(row)) return this.cancelRetries(actor, row);
    const stage = nextStage(row.stage, 'stop', { name, running: 0 }) as 'Stopped';
    this.store.tx(() => {
      this.store.tasks.setRuntime(row.id, { stage, next_run_at: null });
      const retries_cancelled = this.store.tasks.deleteRetriesOf(row.id);
      this.audit.record(actor, 'task.stopped', 'task', row.id, { name, running_instances: this.store.tasks.runningInstances(row.id), retries_cancelled });
    });
    this.scheduler.onStopped(row.id);
    this.requests.onTaskStopped(row);
    return this.changed(row.id);
  }

  /** Whether a Stopped task has pending retries, or runs in flight whose failure would be retried. */
  private hasRetriesToCancel(row: TaskRow): boolean {
    return this.store.tasks.pendingRetries(row.id) > 0 || this.store.tasks.runningRuns(row.id).length > 0;
  }

  private cancelRetries(actor: string, row: TaskRow): Task {
    this.store.tx(() => {
      const retries_cancelled = this.store.tasks.deleteRetriesOf(row.id);
      this.audit.record(actor, 'task.retries_cancelled', 'task', row.id, { name: row.name, retries_cancelled, runs_not_retried: this.store.tasks.runningRuns(row.id).length });
    });
    this.scheduler.onStopped(row.id);
    return this.changed(row.id);
  }

  /** Delete a Stopped task without running instances; force stops it and cancels its runs first. */
  async delete(user: User, name: string, force: boolean): Promise<void> {
    const actor = user.user_name;
    const row = this.manageable(user, name, 'delete');
    const running = this.store.tasks.runningRuns(row.id);
    nextStage(row.stage, 'delete', { name, running: this.store.tasks.runningInstances(row.id), force });
    this.scheduler.onStopped(row.id);
    for (const r of running) await this.runs.cancelRun(actor, r);
    if (row.stage === 'Started') this.requests.onTaskStopped(row);
    this.store.tx(() => {
      const retries_cancelled = this.store.tasks.deleteRetriesOf(row.id);
      this.store.tasks.delete(row.id);
      this.audit.record(actor, 'task.deleted', 'task', row.id, { name, forced: force && (running.length > 0 || row.stage === 'Started'), retries_cancelled });
    });
    this.events.emit('task.deleted', { name });
  }

  /** Run now, outside the schedule; overlap rules still apply. */
  runNow(user: User, name: string, acceptEditAt?: string, job?: LaunchSpec['job']): { run_id: string } {
    const actor = user.user_name;
    const row = this.manageable(user, name, 'run');
    this.requireEditSeen(user, row, acceptEditAt);
    if (row.type === 'apply_permission') throw new AppError('conflict', 'a permission application is not run; start it to apply');
    const check = this.check(this.inputOf(row));
    if (check.errors.length) throw new AppError('validation', `task ${name} cannot run: ${check.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { check_result: check });
    const hosts = hostsOfTask(this.store, row.id);
    const gate = this.approvals.check(row, hosts);
    if (gate) throw new AppError('conflict', `task ${name} cannot run now: ${gate}`);
    if (!row.approval_request_id && this.processes.match(row.type, hosts.map((h) => h.id))) {
      throw new AppError('conflict', `task ${name} is governed by an approval process: start it to request approval`);
    }
    if (!row.approval_request_id) this.permissions.requireRun(user, hosts);
    try {
      const run_id = this.scheduler.fire(row.id, null, 'manual', actor, job ? { job } : {});
      if (!run_id) throw new AppError('conflict', `task ${name} did not start`);
      if (row.edited_since_start) {
        this.store.tx(() => this.store.tasks.setRuntime(row.id, { edited_since_start: null }));
        this.changed(row.id);
      }
      return { run_id };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('conflict', (err as Error).message);
    }
  }

  exportYaml(name: string): string {
    return toYaml(this.inputOf(this.row(name)));
  }

  importYaml(actor: string, text: string): { task: Task; check_result: CheckResult } {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (err) {
      throw new AppError('validation', `yaml: ${(err as Error).message.split('\n')[0]}`);
    }
    const parsed = TaskInput.safeParse(doc);
    if (!parsed.success) throw new AppError('validation', describeZodError(parsed.error).message, { fields: describeZodError(parsed.error).fields });
    return this.create(actor, parsed.data);
  }

  cronPreview(expression: string, timeZone: string, count: number) {
    const p = parseCron(expression, timeZone);
    if (p.error) return { valid: false, error: p.error, next: [], description: null };
    return { valid: true, error: null, next: nextSlots(expression, timeZone, this.clock.now(), count).map((d) => d.toISOString()), description: describeCron(expression) };
  }

  slots(name: string, limit: number) {
    return this.store.tasks.slots(this.row(name).id, limit);
  }

  private inputOf(r: TaskRow): TaskInput {
    const t = this.store.tasks.toTask(r);
    return TaskInput.parse({
      name: t.name, description: t.description, type: t.type, command: t.command, script: t.script, client_command: t.client_command,
      execution_strategy: t.execution_strategy, grant_hours: t.grant_hours, frequency: t.frequency, cron_expression: t.cron_expression,
      timeout: t.timeout, retry_times: t.retry_times, retry_interval: t.retry_interval, maximum_parallel_runnable_num: t.maximum_parallel_runnable_num,
      overlap_policy: t.overlap_policy, misfire_deadline_seconds: t.misfire_deadline_seconds, tag: t.tag, binding_ids: t.binding_ids, dispatch: t.dispatch, run_mode: t.run_mode,
    });
  }

  private changed(id: number): Task {
    const task = this.store.tasks.toTask(this.store.tasks.get(id)!);
    this.events.emit('task.changed', { task });
    return task;
  }

  /** The task, if `user` may act on it (its owner, an admin or a DBA); else 403 naming the owner. */
  private manageable(user: User, name: string, verb: string): TaskRow {
    const row = this.row(name);
    const refusal = taskRefusal(user, row, verb);
    if (refusal) throw new AppError('forbidden', refusal, { owner: row.owner });
    return row;
  }

  /** Changes others made since the last start must have been seen: the caller names the edit's time. */
  private requireEditSeen(user: User, row: TaskRow, acceptEditAt: string | undefined): void {
    const edit = this.store.tasks.lastEdit(row);
    const others = editsByOthers(edit, user.user_name);
    if (!edit || others.length === 0 || acceptEditAt === edit.at) return;
    const by = [...new Set(others.map((c) => c.by))].join(', ');
    throw new AppError('conflict', `task ${row.name} was changed by ${by} since it last started (${others.map((c) => c.field).join(', ')}); review the changes, then start it again with accept_edit_at=${edit.at}`, { edited_since_start: edit });
  }

  /** Only an admin transfers a task, to an existing user; returns the user's name as stored. */
  private transferTo(user: User, owner: string): string {
    if (!permissionsOf(user.roles).has('users:admin')) throw new AppError('forbidden', 'only an admin may transfer a task to another owner');
    const target = this.store.users.byName(owner);
    if (!target || target.user.disabled) throw new AppError('validation', `owner: no enabled user named ${owner}`, { fields: [{ field: 'owner', message: 'no enabled user with this name' }] });
    return target.user.user_name;
  }

  private row(name: string): TaskRow {
    const r = this.store.tasks.byName(name);
    if (!r) throw notFound('task', name);
    return r;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** For the audit: the edit by others the starter acknowledged, if any. */
function acknowledged(row: TaskRow, acceptEditAt: string | undefined): { acknowledged_edit?: string } {
  return acceptEditAt && row.edited_since_start ? { acknowledged_edit: acceptEditAt } : {};
}
