import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * `React.lazy` for a module's named export: each page is its own chunk, fetched the first time its
 * route opens, so the sign-in screen and the first page load only what they show.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound: any props
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

const load = {
  shell: () => import('./app-shell'),
  approvals: () => import('../approvals/approvals-page'),
  requestDetail: () => import('../approvals/request-detail-page'),
  reviews: () => import('../approvals/review-page'),
  keys: () => import('../keys/keys-page'),
  audit: () => import('../audit/audit-page'),
  dashboard: () => import('../dashboard/dashboard-page'),
  groups: () => import('../groups/groups-page'),
  hostDetail: () => import('../hosts/host-detail-page'),
  hosts: () => import('../hosts/hosts-page'),
  instance: () => import('../instances/instance-page'),
  instances: () => import('../instances/instances-page'),
  job: () => import('../jobs/job-page'),
  jobs: () => import('../jobs/jobs-page'),
  permissions: () => import('../permissions/permissions-page'),
  processes: () => import('../processes/processes-page'),
  run: () => import('../run/run-page'),
  settings: () => import('../settings/settings-page'),
  users: () => import('../users/users-page'),
  tasks: () => import('../tasks/tasks-route'),
};

export const ApprovalsPage = lazyNamed(load.approvals, 'ApprovalsPage');
export const RequestDetailPage = lazyNamed(load.requestDetail, 'RequestDetailPage');
export const ReviewPage = lazyNamed(load.reviews, 'ReviewPage');
export const ReviewsPage = lazyNamed(load.reviews, 'ReviewsPage');
export const KeysPage = lazyNamed(load.keys, 'KeysPage');
export const AuditPage = lazyNamed(load.audit, 'AuditPage');
export const DashboardPage = lazyNamed(load.dashboard, 'DashboardPage');
export const GroupsPage = lazyNamed(load.groups, 'GroupsPage');
export const HostDetailPage = lazyNamed(load.hostDetail, 'HostDetailPage');
export const HostsPage = lazyNamed(load.hosts, 'HostsPage');
export const InstancePage = lazyNamed(load.instance, 'InstancePage');
export const InstancesPage = lazyNamed(load.instances, 'InstancesPage');
export const JobPage = lazyNamed(load.job, 'JobPage');
export const JobsPage = lazyNamed(load.jobs, 'JobsPage');
export const PermissionsPage = lazyNamed(load.permissions, 'PermissionsPage');
export const ProcessesPage = lazyNamed(load.processes, 'ProcessesPage');
export const RunPage = lazyNamed(load.run, 'RunPage');
export const SettingsPage = lazyNamed(load.settings, 'SettingsPage');
export const UsersPage = lazyNamed(load.users, 'UsersPage');
export const TasksRoute = lazyNamed(load.tasks, 'TasksRoute');

/** The chunk a route's page lives in (RouteView's table, by first segment; detail pages where it has them). */
function pageLoader(root: string | undefined, sub: string | undefined): (() => Promise<unknown>) | undefined {
  switch (root) {
    case undefined:
    case 'dashboard':
      return load.dashboard;
    case 'hosts':
      return sub ? load.hostDetail : load.hosts;
    case 'bindings':
      return load.groups;
    case 'instances':
      return sub ? load.instance : load.instances;
    case 'jobs':
      return sub ? load.job : load.jobs;
    case 'approvals':
      return sub ? load.requestDetail : load.approvals;
    default:
      return Object.hasOwn(load, root) ? load[root as keyof typeof load] : undefined;
  }
}

/**
 * Start fetching the console frame and the page at `segments` while something else is awaited (the
 * sign-in request, the saved session's check), so they do not load one after another once it ends.
 * A failure is left for the page itself to show.
 */
export function preloadConsole(segments: readonly string[]): void {
  for (const loader of [load.shell, pageLoader(segments[0], segments[1])]) void loader?.().catch(() => undefined);
}
