import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * `React.lazy` for a module's named export: each page is its own chunk, fetched the first time its
 * route opens, so the sign-in screen and the first page load only what they show.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound: any props
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const ApprovalsPage = lazyNamed(() => import('../approvals/approvals-page'), 'ApprovalsPage');
export const RequestDetailPage = lazyNamed(() => import('../approvals/request-detail-page'), 'RequestDetailPage');
export const ReviewPage = lazyNamed(() => import('../approvals/review-page'), 'ReviewPage');
export const ReviewsPage = lazyNamed(() => import('../approvals/review-page'), 'ReviewsPage');
export const KeysPage = lazyNamed(() => import('../keys/keys-page'), 'KeysPage');
export const AuditPage = lazyNamed(() => import('../audit/audit-page'), 'AuditPage');
export const DashboardPage = lazyNamed(() => import('../dashboard/dashboard-page'), 'DashboardPage');
export const GroupsPage = lazyNamed(() => import('../groups/groups-page'), 'GroupsPage');
export const HostDetailPage = lazyNamed(() => import('../hosts/host-detail-page'), 'HostDetailPage');
export const HostsPage = lazyNamed(() => import('../hosts/hosts-page'), 'HostsPage');
export const InstancePage = lazyNamed(() => import('../instances/instance-page'), 'InstancePage');
export const InstancesPage = lazyNamed(() => import('../instances/instances-page'), 'InstancesPage');
export const JobPage = lazyNamed(() => import('../jobs/job-page'), 'JobPage');
export const JobsPage = lazyNamed(() => import('../jobs/jobs-page'), 'JobsPage');
export const PermissionsPage = lazyNamed(() => import('../permissions/permissions-page'), 'PermissionsPage');
export const ProcessesPage = lazyNamed(() => import('../processes/processes-page'), 'ProcessesPage');
export const RunPage = lazyNamed(() => import('../run/run-page'), 'RunPage');
export const SettingsPage = lazyNamed(() => import('../settings/settings-page'), 'SettingsPage');
export const UsersPage = lazyNamed(() => import('../users/users-page'), 'UsersPage');
export const TasksRoute = lazyNamed(() => import('../tasks/tasks-route'), 'TasksRoute');
