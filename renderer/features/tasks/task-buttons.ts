import { taskRefusal } from '../../../shared/domain/ownership';
import { stageRefusal } from '../../../shared/domain/task-lifecycle';
import type { Task } from '../../../shared/domain/tasks';
import { t } from '../../i18n/i18n';
import { awaitingApproval } from './task-view';

/** Whether a task button may be pressed; when not, why (for its tooltip) and the request that holds it, if one does. */
export interface ButtonState {
  readonly enabled: boolean;
  readonly reason?: string;
  /** The change request to link to from the reason. */
  readonly request_id?: number;
}

export interface TaskButtons {
  readonly start: ButtonState;
  readonly stop: ButtonState;
  readonly run: ButtonState;
  readonly edit: ButtonState;
}

type Actor = { readonly user_name: string; readonly roles: readonly string[] };
const on: ButtonState = { enabled: true };

/**
 * The task buttons as the core would answer them (tasks-service start / stop / runNow): disabled,
 * with the core's reason, where it would refuse. Ownership, the lifecycle and which requests hold a
 * task are the shared rules the core refuses with. What only the core knows (a process matching
 * now, the user's host grants) is still refused by the core, as before.
 */
export function taskButtons(task: Pick<Task, 'name' | 'owner' | 'stage' | 'type' | 'approval' | 'execution_strategy'>, user: Actor | null): TaskButtons {
  const refusal = (verb: string): ButtonState | null => {
    const reason = user ? taskRefusal(user, task, verb) : t('tasks.buttons.signIn');
    return reason ? { enabled: false, reason } : null;
  };
  const stage = (cmd: 'start' | 'update'): ButtonState | null => {
    const r = stageRefusal(task.stage, cmd, { name: task.name, running: 0 });
    return r ? { enabled: false, reason: r.message } : null;
  };
  const waiting = awaitingApproval(task);
  const held = waiting ? heldBy(waiting, task.execution_strategy.kind) : null;
  return {
    start: refusal('start') ?? held ?? stage('start') ?? on,
    stop: refusal('stop') ?? on,
    run:
      refusal('run') ??
      (task.type === 'apply_permission' ? { enabled: false, reason: t('tasks.buttons.applyNotRun') } : null) ??
      (held ? { ...held, reason: t('tasks.buttons.runWaits', { reason: held.reason }) } : on),
    // Edit still opens a Started task, read-only, with its Stop button; the core's words say why.
    edit: refusal('change') ?? (stage('update') ? { enabled: true, reason: t('tasks.buttons.readOnly', { reason: stage('update')!.reason! }) } : on),
  };
}

function heldBy(w: { readonly request_id: number; readonly state: string }, strategy: Task['execution_strategy']['kind']): ButtonState {
  if (w.state === 'WAIT_FOR_EXECUTION') {
    const how = strategy === 'manual' ? t('tasks.buttons.fromRequest') : t('tasks.buttons.atTime');
    return { enabled: false, reason: t('tasks.buttons.approvedWaiting', { id: w.request_id, how }), request_id: w.request_id };
  }
  return { enabled: false, reason: t('tasks.buttons.waitingApproval', { id: w.request_id }), request_id: w.request_id };
}
