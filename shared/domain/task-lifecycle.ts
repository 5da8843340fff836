/**
 * DM's task lifecycle as data, shared: the core refuses with it (main/core/domain/task-lifecycle.ts
 * throws its refusals as conflicts) and the renderer disables buttons with the same words.
 */
import type { TaskStage } from './tasks';

export type TaskCommand = 'start' | 'stop' | 'update' | 'delete';

export interface StageRefusal {
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Why `cmd` is refused in `stage`, or null when it is allowed. Pure: running counts are passed in. */
export function stageRefusal(stage: TaskStage, cmd: TaskCommand, o: { readonly name: string; readonly running: number; readonly force?: boolean }): StageRefusal | null {
  switch (cmd) {
    case 'start':
      return stage === 'Started' ? { message: `task ${o.name} is already Started` } : null;
    case 'stop':
      return stage === 'Stopped' ? { message: `task ${o.name} is already Stopped` } : null;
    case 'update':
      return stage !== 'Stopped' ? { message: `task ${o.name} is ${stage}; stop it before editing`, details: { stage } } : null;
    case 'delete':
      // As DM refuses to delete a running task: a Started task is stopped first, or forced.
      if (stage === 'Started' && !o.force) return { message: `task ${o.name} is Started; stop it first or delete with force=true`, details: { stage, running: o.running } };
      if (o.running > 0 && !o.force) return { message: `task ${o.name} has ${o.running} running instance(s); stop them or delete with force=true`, details: { stage, running: o.running } };
      return null;
  }
}

/** The stage after an allowed command. */
export function stageAfter(stage: TaskStage, cmd: TaskCommand): TaskStage | 'deleted' {
  switch (cmd) {
    case 'start':
      return 'Started';
    case 'stop':
      return 'Stopped';
    case 'update':
      return stage;
    case 'delete':
      return 'deleted';
  }
}

/** Change-request states that hold a task back: it waits on approval, or on its approved start. */
const HOLDING: readonly string[] = ['APPROVING', 'WAIT_FOR_EXECUTION'];

/** Whether a change request in this state holds its task (Start is refused, Run now waits). */
export function holdsTask(requestState: string): boolean {
  return HOLDING.includes(requestState);
}
