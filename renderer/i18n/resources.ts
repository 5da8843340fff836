import type { MessageTree } from './messages';
import { audit as enAudit, keys as enKeys, users as enUsers } from './locales/en/admin';
import { alerts as enAlerts } from './locales/en/alerts';
import { approvals as enApprovals } from './locales/en/approvals';
import { auth as enAuth } from './locales/en/auth';
import { common as enCommon } from './locales/en/common';
import { dashboard as enDashboard } from './locales/en/dashboard';
import { filters as enFilters } from './locales/en/filters';
import { groups as enGroups } from './locales/en/groups';
import { hosts as enHosts } from './locales/en/hosts';
import { instances as enInstances } from './locales/en/instances';
import { jobs as enJobs } from './locales/en/jobs';
import { palette as enPalette } from './locales/en/palette';
import { permissions as enPermissions } from './locales/en/permissions';
import { processes as enProcesses } from './locales/en/processes';
import { bundles as enBundles, reviews as enReviews } from './locales/en/reviews';
import { run as enRun } from './locales/en/run';
import { settings as enSettings } from './locales/en/settings';
import { shell as enShell } from './locales/en/shell';
import { status as enStatus } from './locales/en/status';
import { taskForm as enTaskForm, taskYaml as enTaskYaml } from './locales/en/task-form';
import { tasks as enTasks } from './locales/en/tasks';
import { tokens as enTokens } from './locales/en/tokens';
import { trust as enTrust } from './locales/en/trust';
import { audit as zhAudit, keys as zhKeys, users as zhUsers } from './locales/zh-CN/admin';
import { alerts as zhAlerts } from './locales/zh-CN/alerts';
import { approvals as zhApprovals } from './locales/zh-CN/approvals';
import { auth as zhAuth } from './locales/zh-CN/auth';
import { common as zhCommon } from './locales/zh-CN/common';
import { dashboard as zhDashboard } from './locales/zh-CN/dashboard';
import { filters as zhFilters } from './locales/zh-CN/filters';
import { groups as zhGroups } from './locales/zh-CN/groups';
import { hosts as zhHosts } from './locales/zh-CN/hosts';
import { instances as zhInstances } from './locales/zh-CN/instances';
import { jobs as zhJobs } from './locales/zh-CN/jobs';
import { palette as zhPalette } from './locales/zh-CN/palette';
import { permissions as zhPermissions } from './locales/zh-CN/permissions';
import { processes as zhProcesses } from './locales/zh-CN/processes';
import { bundles as zhBundles, reviews as zhReviews } from './locales/zh-CN/reviews';
import { run as zhRun } from './locales/zh-CN/run';
import { settings as zhSettings } from './locales/zh-CN/settings';
import { shell as zhShell } from './locales/zh-CN/shell';
import { status as zhStatus } from './locales/zh-CN/status';
import { taskForm as zhTaskForm, taskYaml as zhTaskYaml } from './locales/zh-CN/task-form';
import { tasks as zhTasks } from './locales/zh-CN/tasks';
import { tokens as zhTokens } from './locales/zh-CN/tokens';
import { trust as zhTrust } from './locales/zh-CN/trust';
import { account as enAccount } from './locales/en/account';
import { notFound as enNotFound } from './locales/en/not-found';
import { account as zhAccount } from './locales/zh-CN/account';
import { notFound as zhNotFound } from './locales/zh-CN/not-found';
import type { Language } from './language';

/**
 * Every language's messages, one top-level key per feature file (`t('status.stage.Started')`).
 * A part adding a feature adds its two files and one line per language here.
 */
export const resources: Readonly<Record<Language, MessageTree>> = {
  en: { common: enCommon, status: enStatus, shell: enShell, auth: enAuth, settings: enSettings, tasks: enTasks, taskForm: enTaskForm, taskYaml: enTaskYaml, instances: enInstances, dashboard: enDashboard, run: enRun, hosts: enHosts, approvals: enApprovals, jobs: enJobs, permissions: enPermissions, users: enUsers, audit: enAudit, keys: enKeys, groups: enGroups, processes: enProcesses, reviews: enReviews, bundles: enBundles, trust: enTrust, filters: enFilters, tokens: enTokens, alerts: enAlerts, palette: enPalette, account: enAccount, notFound: enNotFound },
  'zh-CN': { common: zhCommon, status: zhStatus, shell: zhShell, auth: zhAuth, settings: zhSettings, tasks: zhTasks, taskForm: zhTaskForm, taskYaml: zhTaskYaml, instances: zhInstances, dashboard: zhDashboard, run: zhRun, hosts: zhHosts, approvals: zhApprovals, jobs: zhJobs, permissions: zhPermissions, users: zhUsers, audit: zhAudit, keys: zhKeys, groups: zhGroups, processes: zhProcesses, reviews: zhReviews, bundles: zhBundles, trust: zhTrust, filters: zhFilters, tokens: zhTokens, alerts: zhAlerts, palette: zhPalette, account: zhAccount, notFound: zhNotFound },
};
