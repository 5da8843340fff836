import { AppError, notFound } from '../../../shared/api/errors';
import type { Process, ProcessInput, TaskTypeName } from '../../../shared/domain/processes';
import { type ApprovalPolicy, ApprovalPolicy as PolicySchema, defaultApprovalPolicy } from '../../../shared/domain/requests';
import type { Clock } from '../clock';
import { matchProcess, normalisePriority } from '../domain/process-matching';
import type { EventBus } from '../event-bus';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';

const POLICY_KEY = 'approvals.policy';

/** Approval processes (ODC): CRUD, enable/disable, priority per task type, matching, and the unmatched policy. */
export class ProcessesService {
  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly events: EventBus, private readonly clock: Clock) {}

  list(taskType?: TaskTypeName): Process[] {
    return this.store.processes.list(taskType);
  }

  get(id: number): Process {
    const p = this.store.processes.get(id);
    if (!p) throw notFound('process', id);
    return p;
  }

  create(actor: string, input: ProcessInput): Process {
    const p = this.store.tx(() => {
      const p = this.store.processes.insert(input, actor, this.now());
      this.audit.record(actor, 'process.created', 'process', p.id, { name: p.name, task_type: p.task_type, levels: p.risk_levels.length });
      return p;
    });
    this.changed();
    return p;
  }

  update(actor: string, id: number, input: ProcessInput): Process {
    const p = this.store.tx(() => {
      const before = this.get(id);
      const p = this.store.processes.update(id, input, this.now());
      this.audit.record(actor, 'process.updated', 'process', id, { name: p.name, before: { task_type: before.task_type, enabled: before.enabled, levels: before.risk_levels }, after: { task_type: p.task_type, enabled: p.enabled, levels: p.risk_levels } });
      return p;
    });
    this.changed();
    return p;
  }

  setEnabled(actor: string, id: number, enabled: boolean): Process {
    const p = this.store.tx(() => {
      this.get(id);
      this.store.processes.setEnabled(id, enabled, this.now());
      this.audit.record(actor, enabled ? 'process.enabled' : 'process.disabled', 'process', id, {});
      return this.get(id);
    });
    this.changed();
    return p;
  }

  /** Delete several at once: all or nothing. */
  deleteMany(actor: string, ids: readonly number[]): void {
    this.store.tx(() => {
      for (const id of ids) {
        const p = this.get(id);
        this.store.processes.delete(id);
        this.audit.record(actor, 'process.deleted', 'process', id, { name: p.name });
      }
    });
    this.changed();
  }

  priority(taskType: TaskTypeName): number[] {
    return this.store.processes.list(taskType).map((p) => p.id);
  }

  setPriority(actor: string, taskType: TaskTypeName, ids: readonly number[]): number[] {
    const order = normalisePriority(this.priority(taskType), ids);
    if (order instanceof AppError) throw order;
    this.store.tx(() => {
      this.store.processes.setPriority(taskType, order);
      this.audit.record(actor, 'process.priority', 'process', null, { task_type: taskType, order });
    });
    this.changed();
    return order;
  }

  /** The first enabled process in priority order whose type matches and whose association covers every host. */
  match(type: TaskTypeName, hostIds: readonly number[]): Process | null {
    const groups = new Map<number, number[]>();
    for (const h of hostIds) groups.set(h, this.store.groups.listBindings({ executor_id: h }).map((b) => b.group_id));
    return matchProcess(this.store.processes.list(type), { type, host_ids: hostIds, group_ids_of_host: groups });
  }

  policy(): ApprovalPolicy {
    const raw = this.store.settings.get(POLICY_KEY);
    const parsed = raw ? PolicySchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : defaultApprovalPolicy;
  }

  setPolicy(actor: string, p: ApprovalPolicy): ApprovalPolicy {
    this.store.tx(() => {
      const before = this.policy();
      this.store.settings.set(POLICY_KEY, JSON.stringify(p));
      this.audit.record(actor, 'setting.changed', 'setting', POLICY_KEY, { before, after: p });
    });
    return p;
  }

  private changed(): void {
    this.events.emit('processes.changed', { reason: 'changed' });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
