import { AppError } from '../../../shared/api/errors';
import { stageAfter, stageRefusal, type TaskCommand } from '../../../shared/domain/task-lifecycle';
import type { TaskStage } from '../../../shared/domain/tasks';

export type { TaskCommand };

/** The stage after a command, or a conflict that names the stage (the rule is shared with the renderer's buttons). */
export function nextStage(stage: TaskStage, cmd: TaskCommand, o: { name: string; running: number; force?: boolean }): TaskStage | 'deleted' {
  const refusal = stageRefusal(stage, cmd, o);
  if (refusal) throw new AppError('conflict', refusal.message, refusal.details);
  return stageAfter(stage, cmd);
}
