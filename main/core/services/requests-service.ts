import { AppError, notFound } from '../../../shared/api/errors';
import type { Host } from '../../../shared/domain/hosts';
import { type Instance, InstanceStatus } from '../../../shared/domain/instances';
import { jobText } from '../../../shared/domain/job-words';
import type { Process, SqlSubtype } from '../../../shared/domain/processes';
import type { ChangeRequestView, RequestPage } from '../../../shared/domain/requests';
import { decisionRefusal } from '../../../shared/domain/approver-rule';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import * as machine from '../domain/change-request';
import { chooseLevel } from '../domain/process-matching';
import { executionJobEnd, executionJobType } from '../domain/request-job';
import { classify, splitStatements } from '../domain/sql-statements';
import { Emitter, type Signal } from '../emitter';
import type { EventBus } from '../event-bus';
import type { HostRow } from '../store/hosts-repo';
import { type DecisionEvidence, type DecisionRow, machineOf, type RequestRow } from '../store/requests-repo';
import type { TaskRow } from '../store/tasks-repo';
import type { Store } from '../store/store';
import { type HashedHost, taskContentHash } from './approval-gate';
import { HashVersion } from '../domain/portable-content';
import type { AuditService } from './audit-service';
import type { JobHandle, JobTracker } from './job-tracker';
import type { JobRow } from '../store/jobs-repo';
import { isFinished } from '../../../shared/domain/jobs';
import type { Logger } from '../logger';

/** What running an approved request takes: start a task's schedule, or run a one-off now. */
export interface RequestExecutor {
  /**
   * Start the task under this request: a run (its id), a schedule (null run), or work already done (a grant).
   * `jobId` is the job tracking this execution: the run it launches belongs under it (as its parent).
   */
  execute(task: TaskRow, requestId: number, requester: string, jobId: string): { runId: string | null; finished: boolean };
  /** The request ended (expired, cancelled, failed its pre-check): stop whatever it started. */
  halt(task: TaskRow, reason: string): void;
}

const SWEEP_MS = 15_000;

/** Change requests (ODC flow instances): four-eyes approval, three expiries, execution bound to the approved content. */
export class RequestsService {
  private timer: NodeJS.Timeout | undefined;
  private readonly didChangeRequest: Emitter<RequestRow>;
  /** A request was opened or changed state or node (alerts tell who may decide a node now waiting). */
  readonly onDidChangeRequest: Signal<RequestRow>;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly executor: RequestExecutor,
    private readonly log: Logger,
    private readonly jobs: JobTracker,
  ) {
    this.didChangeRequest = new Emitter<RequestRow>('requests.onDidChangeRequest', log);
    this.onDidChangeRequest = this.didChangeRequest.event;
  }

  start(): void {
    this.sweep(true);
    this.timer = setInterval(() => this.sweepOnTimer(), SWEEP_MS);
    this.timer.unref();
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  /** Open a request for a task that a process governs. */
  open(requester: string, task: TaskRow, hosts: readonly HostRow[], process: Process): RequestRow {
    const statements = task.type === 'database_change' ? splitStatements(task.script).map((s) => ({ ...s, subtype: classify(s.text) })) : [];
    const level = chooseLevel(process.risk_levels, statements.map((s) => s.subtype as SqlSubtype));
    const strategy = JSON.parse(task.execution_strategy) as machine.ChangeRequest['strategy'];
    const m = machine.openRequest({ requester, approval_nodes: level.approval_nodes, validity: process.validity, strategy }, this.clock.now());
    const row = this.store.tx(() => {
      const row = this.store.requests.insert({
        task_id: task.id, task_name: task.name,
        task_snapshot: JSON.stringify({ type: task.type, command: task.command, script: task.script, client_command: task.client_command, cron_expression: task.cron_expression, hosts: hosts.map((h) => ({ id: h.id, name: h.name, host: h.host, host_key: h.host_key_pinned, client_command: h.client_command })) }),
        content_hash: taskContentHash(HashVersion.portable, task, hosts), hash_version: HashVersion.portable, process_id: process.id,
        process_snapshot: JSON.stringify(process), risk_level: level.level, statements: JSON.stringify(statements), requester,
        state: m.state, node_roles: JSON.stringify(m.nodes.map((n) => n.role)), current_node: m.current_node, strategy: JSON.stringify(m.strategy), validity: JSON.stringify(m.validity),
        approval_deadline: m.approval_deadline, wait_deadline: m.wait_deadline, execution_deadline: m.execution_deadline, execute_at: m.execute_at,
        reason: null, run_id: null, created_at: this.clock.now().toISOString(),
      });
      this.store.tasks.setRuntime(task.id, { approval_request_id: row.id });
      this.audit.record(requester, 'request.opened', 'request', row.id, { task: task.name, process: process.name, risk_level: level.level, statements: statements.length });
      return row;
    });
    this.emit(row);
    return row;
  }

  /**
   * One page, newest first. "To approve" is what the caller may decide now: a role check per
   * request, so it is filtered here over the open requests (few by nature) and then paged.
   */
  list(caller: User, q: { view: 'to_approve' | 'mine' | 'all'; state?: string; task_name?: string; q?: string; page: number; per_page: number }): RequestPage {
    const at = { page: q.page, per_page: q.per_page };
    const f = { ...(q.state ? { state: q.state } : {}), ...(q.task_name ? { task_name: q.task_name } : {}), ...(q.q ? { q: q.q } : {}) };
    if (q.view === 'to_approve') {
      if (q.state && q.state !== 'APPROVING') return { items: [], total: 0, ...at };
      const mine = this.store.requests.page({ ...f, state: 'APPROVING' }, 1, 100_000).rows.map((r) => this.view(r, caller)).filter((v) => v.can_approve);
      return { items: mine.slice((q.page - 1) * q.per_page, q.page * q.per_page), total: mine.length, ...at };
    }
    const { rows, total } = this.store.requests.page({ ...f, ...(q.view === 'mine' ? { requester: caller.user_name } : {}) }, q.page, q.per_page);
    return { items: rows.map((r) => this.view(r, caller)), total, ...at };
  }

  get(caller: User, id: number): ChangeRequestView {
    return this.view(this.row(id), caller);
  }

  pendingCount(): number {
    return this.store.requests.countPending();
  }

  approve(caller: User, id: number, comment: string): ChangeRequestView {
    this.transition(caller.user_name, id, 'request.approved', (m, now) => machine.approve(m, caller, comment, now), { comment });
    return this.get(caller, id);
  }

  reject(caller: User, id: number, comment: string): ChangeRequestView {
    this.transition(caller.user_name, id, 'request.rejected', (m, now) => machine.reject(m, caller, comment, now), { comment });
    return this.get(caller, id);
  }

  cancel(caller: User, id: number): ChangeRequestView {
    this.transition(caller.user_name, id, 'request.cancelled', (m, now) => machine.cancel(m, caller, now), {});
    return this.get(caller, id);
  }

  /** Manual strategy: the requester (or an admin) starts the approved request within its wait period. */
  executeManually(caller: User, id: number): ChangeRequestView {
    const row = this.row(id);
    machine.requireRequesterOrAdmin(row, caller, 'execute');
    this.startExecution(row, caller.user_name);
    return this.get(caller, id);
  }

  batchApprove(caller: User, ids: readonly number[], comment: string): { id: number; ok: boolean; error: string | null }[] {
    return ids.map((id) => {
      try {
        this.approve(caller, id, comment);
        return { id, ok: true, error: null };
      } catch (err) {
        return { id, ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    });
  }

  /** Void open requests of a task whose content changed: an edit after approval never runs unapproved. */
  voidIfChanged(task: TaskRow, hosts: readonly HostRow[], actor: string): void {
    if (!task.approval_request_id) return;
    const row = this.store.requests.get(task.approval_request_id);
    if (!row || machine.isTerminal(row.state) || row.content_hash === taskContentHash(row.hash_version, task, hosts)) return;
    this.voidRequest(row, actor, `the task was edited by ${actor} after the request was made; request approval again`, { task: task.name });
  }

  /** The task's schedule was stopped by a user: its request ends as succeeded. */
  onTaskStopped(task: TaskRow): void {
    const row = task.approval_request_id ? this.store.requests.get(task.approval_request_id) : undefined;
    if (!row || row.state !== 'EXECUTING') return;
    this.save(row, machine.finishExecution(machineOf(row), true), 'system', 'request.succeeded', { why: 'schedule stopped' });
  }

  /**
   * Apply a decision carried by a verified decision bundle, under exactly the local rules: `actor` is
   * the user and role the trust store binds the signing key to. The caller has checked the signature and hash.
   */
  applySignedDecision(actor: machine.Actor, id: number, decision: 'approved' | 'rejected', comment: string, evidence: DecisionEvidence, details: Record<string, unknown>): RequestRow {
    const action = decision === 'approved' ? 'request.approved' : 'request.rejected';
    const fn = (m: machine.ChangeRequest, now: Date): machine.ChangeRequest => (decision === 'approved' ? machine.approve(m, actor, comment, now) : machine.reject(m, actor, comment, now));
    this.transition(actor.user_name, id, action, fn, { comment, ...details }, evidence);
    return this.row(id);
  }

  private transition(
    actor: string, id: number, action: string, fn: (m: machine.ChangeRequest, now: Date) => machine.ChangeRequest, details: Record<string, unknown>, evidence?: DecisionEvidence,
  ): void {
    const row = this.row(id);
    const next = fn(machineOf(row), this.clock.now());
    // A decision names its node (1-based), so the audit reads "dora approved request #12 (fix-balances), node 1".
    const node = action === 'request.approved' || action === 'request.rejected' ? { node: row.current_node + 1 } : {};
    const saved = this.save(row, next, actor, next.state === row.state || !next.state.endsWith('EXPIRED') ? action : 'request.expired', { ...node, ...details }, evidence ? { evidence } : {});
    if (next.state === 'WAIT_FOR_EXECUTION' && machine.isDue(next, this.clock.now())) this.startExecution(saved, actor);
  }

  /**
   * Start an approved request; the hash check and the start share one transaction. The execution is
   * a job (module `approvals`) begun first, so a start that is refused or throws ends it failed with why.
   */
  private startExecution(row: RequestRow, actor: string): void {
    const task = row.task_id ? this.store.tasks.get(row.task_id) : undefined;
    if (!task) throw new AppError('conflict', `the task of request #${row.id} was deleted`);
    const job = this.beginExecutionJob(row, task);
    try {
      this.store.tx(() => {
        const next = machine.startExecution(machineOf(row), this.clock.now(), taskContentHash(row.hash_version, task, this.approvedHosts(row)), row.content_hash);
        if (next.state !== 'EXECUTING') {
          this.save(row, next, actor, next.state === 'PRE_CHECK_FAILED' ? 'request.pre_check_failed' : 'request.expired', {}, { job_id: job.id });
          return;
        }
        // EXECUTING first: the run it starts asks the request whether it may run.
        this.save(row, next, actor, 'request.executing', {}, { job_id: job.id });
        job.start();
        const done = this.executor.execute(task, row.id, row.requester, job.id);
        if (done.runId) this.store.requests.save(row.id, next, this.clock.now().toISOString(), { run_id: done.runId });
        if (done.finished) this.save(this.row(row.id), machine.finishExecution(next, true), actor, 'request.succeeded', {});
      });
    } catch (err) {
      job.end('failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  private beginExecutionJob(row: RequestRow, task: TaskRow): JobHandle {
    return this.jobs.begin({
      module: 'approvals', type: executionJobType(task.type), scope: 'request', ...jobText('changeRequest', { id: row.id, task: task.name }),
      owner: row.requester, user_started: false, is_abortable: false, internal: false, subject: { kind: 'request', id: String(row.id) },
    });
  }

  /**
   * A request that ended ends the job of its execution (stored with the request, so this holds
   * across a restart) — unless its run's job is under way below it: that one ends it as the run
   * ends, moments behind the instances (RunJobs), with the run's own outcome.
   */
  private endExecutionJob(row: RequestRow): void {
    const end = executionJobEnd(row.state, row.reason);
    const job = end && row.job_id !== null ? this.store.jobs.get(row.job_id) : undefined;
    if (!end || !job || isFinished(job.state)) return;
    const run = row.run_id === null ? undefined : this.store.jobs.get(row.run_id);
    if (run && run.parent_id === job.id && !isFinished(run.state)) return;
    this.jobs.handle(job.id).end(end.state, end.error);
  }

  /**
   * At start-up: jobs of executions whose request is still under way (a task's schedule it
   * started) carry on; a run's job below one keeps it too (RunJobs). Pass to the jobs' recovery.
   */
  executionsCarryingOn(): (node: JobRow) => boolean {
    const going = new Set(this.store.requests.inStates(['EXECUTING']).flatMap((r) => (r.job_id !== null && r.run_id === null ? [r.job_id] : [])));
    return (node) => going.has(node.id);
  }

  /** The request's hosts as they are now (a deleted host keeps its id, name and address, and has no pinned key or client command). */
  approvedHosts(row: RequestRow): HashedHost[] {
    return (JSON.parse(row.task_snapshot) as { hosts: { id: number; name: string; host: string }[] }).hosts
      .map((h) => this.store.hosts.get(h.id) ?? { id: h.id, name: h.name, host: h.host, host_key_pinned: null, client_command: '' });
  }

  /** A host changed (its client command, say): open requests whose approved content it alters are voided. Wired to the hosts' signal. */
  hostChanged(host: Pick<Host, 'id' | 'name'>): void {
    const hostName = host.name;
    for (const row of this.store.requests.inStates(['APPROVING', 'WAIT_FOR_EXECUTION'])) {
      const hosts = this.approvedHosts(row);
      if (!hosts.some((h) => h.id === host.id)) continue;
      const task = row.task_id ? this.store.tasks.get(row.task_id) : undefined;
      if (!task || row.content_hash === taskContentHash(row.hash_version, task, hosts)) continue;
      const reason = `host ${hostName} was changed after the request was made (what would run there is no longer what is approved); request approval again`;
      this.voidRequest(row, 'system', reason, { task: task.name, host: hostName });
    }
  }

  /** An open request no longer matches what it approved: it fails its pre-check now, audited. */
  private voidRequest(row: RequestRow, actor: string, reason: string, details: Record<string, unknown>): void {
    this.store.tx(() => {
      this.store.requests.save(row.id, { ...machineOf(row), state: 'PRE_CHECK_FAILED', reason }, this.clock.now().toISOString());
      this.audit.record(actor, 'request.voided', 'request', row.id, details);
    });
    this.emit(this.row(row.id));
  }

  /** Expire what is past its deadline; start what is due. At start-up, expiries are marked as having happened offline. */
  sweep(startup: boolean): void {
    const now = this.clock.now();
    for (const row of this.store.requests.inStates(['APPROVING', 'WAIT_FOR_EXECUTION', 'EXECUTING'])) {
      const m = machineOf(row);
      const next = machine.expire(m, now);
      if (next !== m) {
        const saved = this.save(row, startup ? { ...next, reason: `${next.reason ?? next.state}; it expired while Taskdeck was not running` } : next, 'system', 'request.expired', {});
        const task = saved.task_id ? this.store.tasks.get(saved.task_id) : undefined;
        if (task && row.state === 'EXECUTING') this.executor.halt(task, `change request #${row.id} expired`);
        continue;
      }
      // A request whose task was deleted stays waiting until it expires.
      if (machine.isDue(m, now) && row.task_id && this.store.tasks.get(row.task_id)) this.startDue(row);
    }
  }

  /** A due request that cannot start now (no enabled host, the store full) stays waiting: logged, tried again at the next sweep. */
  private startDue(row: RequestRow): void {
    try {
      this.startExecution(row, 'system');
    } catch (err) {
      this.log('error', `requests: request #${row.id} is due but did not start; trying again at the next sweep`, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private sweepOnTimer(): void {
    try {
      this.sweep(false);
    } catch (err) {
      this.log('error', 'requests: the deadline sweep failed; trying again at the next sweep', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** An instance ended: the request that started its run succeeds or fails once the whole run has ended. Wired to the runs' signal. */
  instanceEnded(instance: Pick<Instance, 'run_id'>): void {
    const runId = instance.run_id;
    const row = this.store.requests.executingOfRun(runId);
    if (!row) return;
    const { rows } = this.store.instances.list({ run_id: runId, page: 1, per_page: 1000 });
    // Retries join the run they retry: the request waits for them, and a host counts by its last attempt.
    if (rows.some((r) => r.status === InstanceStatus.Running) || this.store.tasks.pendingRetriesOfRun(runId) > 0) return;
    const last = new Map<number | null, (typeof rows)[number]>();
    for (const r of rows) if ((last.get(r.host_id)?.attempt ?? 0) < r.attempt) last.set(r.host_id, r);
    const ok = [...last.values()].every((r) => r.status === InstanceStatus.Finished);
    this.save(row, machine.finishExecution(machineOf(row), ok), 'system', ok ? 'request.succeeded' : 'request.failed', { run_id: runId });
  }

  private save(row: RequestRow, next: machine.ChangeRequest, actor: string, action: string, details: Record<string, unknown>, extra: { job_id?: string; evidence?: DecisionEvidence } = {}): RequestRow {
    const saved = this.store.tx(() => {
      const saved = this.store.requests.save(row.id, next, this.clock.now().toISOString(), extra);
      this.audit.record(actor, action, 'request', row.id, { task: row.task_name, from: row.state, to: next.state, ...details });
      return saved;
    });
    this.emit(saved);
    this.endExecutionJob(saved);
    return saved;
  }

  private emit(row: RequestRow): void {
    this.events.emit('request.changed', { id: row.id, state: row.state, task_name: row.task_name });
    this.didChangeRequest.fire(row);
  }

  private view(r: RequestRow, caller: User): ChangeRequestView {
    const m = machineOf(r);
    const process = JSON.parse(r.process_snapshot) as Process;
    return {
      id: r.id, task_id: r.task_id, task_name: r.task_name, task: JSON.parse(r.task_snapshot), content_hash: r.content_hash, process_id: r.process_id,
      process: { id: process.id, name: process.name, task_type: process.task_type }, risk_level: r.risk_level, statements: JSON.parse(r.statements),
      requester: r.requester, state: r.state, nodes: m.nodes as ChangeRequestView['nodes'], current_node: r.current_node, strategy: m.strategy, validity: m.validity,
      hash_version: r.hash_version, decisions: r.decisions.map(decisionView),
      approval_deadline: r.approval_deadline, wait_deadline: r.wait_deadline, execution_deadline: r.execution_deadline, execute_at: r.execute_at,
      reason: r.reason, run_id: r.run_id, job_id: r.job_id, created_at: r.created_at, updated_at: r.updated_at,
      can_approve: decisionRefusal(m, caller) === null,
    };
  }

  row(id: number): RequestRow {
    const r = this.store.requests.get(id);
    if (!r) throw notFound('request', id);
    return r;
  }
}

/** A recorded decision as the API shows it (the signature shown as stored, for anyone to check). */
function decisionView(d: DecisionRow): ChangeRequestView['decisions'][number] {
  return { node: d.node, approver: d.approver, decision: d.decision, comment: d.comment, decided_at: d.decided_at, content_hash: d.content_hash, signature: d.signature, key_id: d.key_id, source: d.source, signed_at: d.signed_at };
}
