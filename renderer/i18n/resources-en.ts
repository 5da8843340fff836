import type { MessageTree } from './messages';
import { account as enAccount } from './locales/en/account';
import { alerts as enAlerts } from './locales/en/alerts';
import { approvals as enApprovals } from './locales/en/approvals';
import { audit as enAudit, keys as enKeys, users as enUsers } from './locales/en/admin';
import { auditSentences as enAuditSentences } from './locales/en/audit-sentences';
import { auth as enAuth } from './locales/en/auth';
import { bundles as enBundles, reviews as enReviews } from './locales/en/reviews';
import { common as enCommon } from './locales/en/common';
import { dashboard as enDashboard } from './locales/en/dashboard';
import { filters as enFilters } from './locales/en/filters';
import { groups as enGroups } from './locales/en/groups';
import { hosts as enHosts } from './locales/en/hosts';
import { instances as enInstances } from './locales/en/instances';
import { jobs as enJobs } from './locales/en/jobs';
import { jobWords as enJobWords } from './locales/en/job-words';
import { noticeWords as enNoticeWords } from './locales/en/notice-words';
import { instanceErrors as enInstanceErrors } from './locales/en/instance-errors';
import { notFound as enNotFound } from './locales/en/not-found';
import { palette as enPalette } from './locales/en/palette';
import { permissions as enPermissions } from './locales/en/permissions';
import { processes as enProcesses } from './locales/en/processes';
import { run as enRun } from './locales/en/run';
import { settings as enSettings } from './locales/en/settings';
import { shell as enShell } from './locales/en/shell';
import { status as enStatus } from './locales/en/status';
import { taskForm as enTaskForm, taskYaml as enTaskYaml } from './locales/en/task-form';
import { tasks as enTasks } from './locales/en/tasks';
import { tokens as enTokens } from './locales/en/tokens';
import { trust as enTrust } from './locales/en/trust';

/**
 * English, bundled with the sign-in screen: one top-level key per feature file (`t('status.stage.Started')`).
 * A part adding a feature adds its file and one entry here, and the same in resources-zh-cn.ts.
 */
export const en: MessageTree = { common: enCommon, status: enStatus, shell: enShell, auth: enAuth, settings: enSettings, tasks: enTasks, taskForm: enTaskForm, taskYaml: enTaskYaml, instances: enInstances, dashboard: enDashboard, run: enRun, hosts: enHosts, approvals: enApprovals, jobs: enJobs, permissions: enPermissions, users: enUsers, audit: enAudit, keys: enKeys, groups: enGroups, processes: enProcesses, reviews: enReviews, bundles: enBundles, trust: enTrust, filters: enFilters, tokens: enTokens, alerts: enAlerts, palette: enPalette, account: enAccount, notFound: enNotFound, auditSentences: enAuditSentences, jobWords: enJobWords, noticeWords: enNoticeWords, instanceErrors: enInstanceErrors };
