import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { TaskScheduler } from '../scheduler/task-scheduler';
import type { TaskRow } from '../store/tasks-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { PermissionsService } from './permissions-service';
import type { RequestExecutor } from './requests-service';
import { hostsOfTask } from './targets';

/** What an approved change request sets going: a permission grant, a task's schedule, or a one-off run now. */
export class RequestRunner implements RequestExecutor {
  constructor(
    private readonly store: Store,
    private readonly scheduler: TaskScheduler,
    private readonly permissions: PermissionsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /**
   * Called inside the request's transaction. The run of a one-off runs on the authority of its
   * requester, its job under `jobId` (the execution's), which ends as the run does.
   */
  execute(task: TaskRow, requestId: number, requester: string, jobId: string): { runId: string | null; finished: boolean } {
    if (task.type === 'apply_permission') {
      this.permissions.grant(requester, hostsOfTask(this.store, task.id), task.grant_hours, requestId);
      this.store.tasks.setRuntime(task.id, { approval_request_id: requestId });
      this.changed(task.id);
      return { runId: null, finished: true };
    }
    // The approved requester is the authority the task's runs go on, never the scheduler.
    this.store.tasks.setRuntime(task.id, { stage: 'Started', started_at: this.clock.now().toISOString(), runs_fired: 0, approval_request_id: requestId, started_by: requester, edited_since_start: null });
    const fresh = this.store.tasks.get(task.id)!;
    let runId: string | null = null;
    if (fresh.cron_expression) this.scheduler.onStarted(fresh);
    else runId = this.scheduler.fire(fresh.id, null, 'manual', requester, { parent_job: jobId });
    this.changed(task.id);
    return { runId, finished: false };
  }

  /** A request ended under a running task: stop its schedule (and its pending retries). */
  halt(task: TaskRow, reason: string): void {
    if (task.stage !== 'Started') return;
    this.store.tx(() => {
      this.store.tasks.setRuntime(task.id, { stage: 'Stopped', next_run_at: null });
      const retries_cancelled = this.store.tasks.deleteRetriesOf(task.id);
      this.audit.record('system', 'task.stopped', 'task', task.id, { name: task.name, reason, retries_cancelled });
    });
    this.scheduler.onStopped(task.id);
    this.changed(task.id);
  }

  private changed(id: number): void {
    this.events.emit('task.changed', { task: this.store.tasks.toTask(this.store.tasks.get(id)!) });
  }
}
