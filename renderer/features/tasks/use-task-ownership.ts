import { taskRefusal } from '../../../shared/domain/ownership';
import type { Task } from '../../../shared/domain/tasks';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session-store';

/** Whether the signed-in user may manage the task (the core's rule), and why not when they may not. */
export function useTaskOwnership(task: Task): { readonly manage: boolean; readonly reason: string | undefined } {
  const user = useSession((s) => s.user);
  const { t } = useTranslation();
  const reason = user ? taskRefusal(user, task, 'change') : t('tasks.buttons.signIn');
  return { manage: reason === null, reason: reason ?? undefined };
}
