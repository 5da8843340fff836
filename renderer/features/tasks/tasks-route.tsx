import { taskTypeNames, type TaskTypeName } from '../../../shared/domain/processes';
import type { HashRoute } from '../../app/hash-route';
import { TaskEditorPage } from './task-editor-page';
import { TaskPage } from './task-page';
import { TasksPage } from './tasks-page';

const isTaskType = (v: string | undefined): v is TaskTypeName => (taskTypeNames as readonly (string | undefined)[]).includes(v);

/**
 * `#/tasks`, `#/tasks/new` (`?type=apply_permission` to start as that type), `#/tasks/:name`, `#/tasks/:name/edit`. The editor sits at one place for
 * new and edit, so a new task saved with errors stays on screen under its edit route.
 */
export function TasksRoute({ route }: { readonly route: HashRoute }) {
  const [, name, action] = route.segments;
  if (!name) return <TasksPage route={route} />;
  if (name === 'new' && !action) return <TaskEditorPage name={undefined} newType={isTaskType(route.query.type) ? route.query.type : undefined} />;
  if (action === 'edit') return <TaskEditorPage name={name} />;
  return <TaskPage key={name} name={name} />;
}
