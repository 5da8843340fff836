import type { HashRoute } from '../../app/hash-route';
import { TaskEditorPage } from './task-editor-page';
import { TaskPage } from './task-page';
import { TasksPage } from './tasks-page';

/**
 * `#/tasks`, `#/tasks/new`, `#/tasks/:name`, `#/tasks/:name/edit`. The editor sits at one place for
 * new and edit, so a new task saved with errors stays on screen under its edit route.
 */
export function TasksRoute({ route }: { readonly route: HashRoute }) {
  const [, name, action] = route.segments;
  if (!name) return <TasksPage route={route} />;
  if (name === 'new' && !action) return <TaskEditorPage name={undefined} />;
  if (action === 'edit') return <TaskEditorPage name={name} />;
  return <TaskPage key={name} name={name} />;
}
