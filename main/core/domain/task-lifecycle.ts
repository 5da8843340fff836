import { AppError } from '../../../shared/api/errors';
import type { TaskStage } from '../../../shared/domain/tasks';

/** DM's lifecycle as data: what each command does to the stage a task should be in. */
export type TaskCommand = 'start' | 'stop' | 'update' | 'delete';

/** The stage after a command, or a conflict that names the stage. Pure: running counts are passed in. */
export function nextStage(stage: TaskStage, cmd: TaskCommand, o: { name: string; running: number; force?: boolean }): TaskStage | 'deleted' {
  switch (cmd) {
    case 'start':
      if (stage === 'Started') throw new AppError('conflict', `task ${o.name} is already Started`);
      return 'Started';
    case 'stop':
      if (stage === 'Stopped') throw new AppError('conflict', `task ${o.name} is already Stopped`);
      return 'Stopped';
    case 'update':
      if (stage !== 'Stopped') throw new AppError('conflict', `task ${o.name} is ${stage}; stop it before editing`, { stage });
      return stage;
    case 'delete':
      // As DM refuses to delete a running task: a Started task is stopped first, or forced.
      if (stage === 'Started' && !o.force) {
        throw new AppError('conflict', `task ${o.name} is Started; stop it first or delete with force=true`, { stage, running: o.running });
      }
      if (o.running > 0 && !o.force) {
        throw new AppError('conflict', `task ${o.name} has ${o.running} running instance(s); stop them or delete with force=true`, { stage, running: o.running });
      }
      return 'deleted';
  }
}
