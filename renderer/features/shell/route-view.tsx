import type { HashRoute } from '../../app/hash-route';
import {
  ApprovalsPage, AuditPage, DashboardPage, GroupsPage, HostDetailPage, HostsPage, InstancePage, InstancesPage, JobPage, JobsPage, KeysPage,
  PermissionsPage, ProcessesPage, RequestDetailPage, ReviewPage, ReviewsPage, RunPage, SettingsPage, TasksRoute, UsersPage,
} from './lazy-pages';
import { isKnownRoute } from './known-route';
import { NotFoundPage } from './not-found-page';

/** Route → page. `#/hosts`, `#/hosts/3`, `#/groups`, `#/groups/2`, `#/bindings?group=2`, `#/run`, `#/instances?status=3&page=2`, `#/instances/:id`, `#/jobs?status=STARTED`, `#/jobs/:id`, `#/permissions`, `#/audit`, `#/settings`. */
export function RouteView({ route }: { readonly route: HashRoute }) {
  const [root, sub] = route.segments;
  if (!isKnownRoute(route.segments)) return <NotFoundPage path={`#/${route.segments.join('/')}`} />;
  switch (root) {
    case undefined:
    case 'dashboard':
      return <DashboardPage />;
    case 'tasks':
      return <TasksRoute route={route} />;
    case 'hosts':
      return sub ? <HostDetailPage id={Number(sub)} /> : <HostsPage />;
    case 'groups':
      return <GroupsPage tab="groups" groupId={sub ? Number(sub) : undefined} />;
    case 'bindings':
      return <GroupsPage tab="bindings" filterGroupId={route.query.group ? Number(route.query.group) : undefined} />;
    case 'run':
      return <RunPage />;
    case 'instances':
      return sub ? <InstancePage key={sub} id={sub} /> : <InstancesPage route={route} />;
    case 'jobs':
      return sub ? <JobPage key={sub} id={sub} /> : <JobsPage route={route} />;
    case 'processes':
      return <ProcessesPage route={route} />;
    case 'approvals':
      return sub ? <RequestDetailPage key={sub} id={sub} /> : <ApprovalsPage route={route} />;
    case 'permissions':
      return <PermissionsPage />;
    case 'users':
      return <UsersPage />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    case 'keys':
      return <KeysPage />;
    case 'reviews':
      return sub ? <ReviewPage key={sub} id={sub} /> : <ReviewsPage />;
    default:
      return <NotFoundPage path={`#/${route.segments.join('/')}`} />;
  }
}
