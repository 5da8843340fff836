/** The dashboard: a day's instances by hour and status. */
export const dashboard = {
  subtitle: 'Instances created on a day, by hour and status. Click a bar to open them.',
  scheduled: 'Scheduled', scheduledHint: 'Instances started by a schedule or a retry (of all instances created this day)',
  pendingApprovals: 'Pending approvals', pendingHint: 'Change requests waiting for a decision',
  noInstances: 'No instances on {{day}}',
  noInstancesText: 'Commands run from the Run page and tasks that fire on this day ({{tz}}) show here by hour and status.',
  perHour: 'Instances per hour', day: 'Day', today: 'Today', reloadTip: 'Reload (it also reloads by itself as instances change)',
  failedTasks: 'Tasks that failed most', failedHosts: 'Hosts that failed most', failed: 'Failed', deletedHost: '(deleted host)',
  nothingFailed: 'Nothing failed on this day.', noneThisHour: 'No instances', clickToOpen: 'Click to open them',
} as const;
