/** Permissions: time-limited grants to run on hosts. */
export const permissions = {
  status: { active: 'Active', expired: 'Expired', revokedAt: 'Revoked {{at}}', revokedBy: 'Revoked by {{by}}' },
  hostN: 'host #{{id}}', deletedHost: 'deleted host #{{id}}', you: ' (you)', pluginGrant: '{{by}} (plug-in grant)',
  none: {
    youActive: 'You hold no active permission to run on hosts', youEver: 'You have not been granted a permission yet',
    userActive: '{{user}} holds no active permission', userEver: '{{user}} has not been granted a permission yet',
    nobodyActive: 'Nobody holds an active permission', nobodyEver: 'No permission has been granted yet',
    howAdmin: 'A user gets one by creating a task of type Apply permission bound to the hosts they need and starting it. Once an approval process approves the request, the permission is listed here and lasts for the task\'s grant hours. A plug-in cannot apply: grant it hosts with "Grant hosts to a plug-in".',
    howUser: 'To get one, create a task of type Apply permission bound to the hosts you need, and start it. Once an approval process approves the request, the permission is listed here and lasts for the task\'s grant hours.',
  },
  newApplication: 'New permission application', showAll: 'Show all ({{n}} ended)',
  field: { user: 'User', from: 'From', granted: 'Granted', expires: 'Expires' },
  revoke: {
    ok: 'Revoke', aria: "Revoke {{user}}'s permission on {{host}}", title: "Revoke {{user}}'s permission on {{host}}?",
    textGrant: '{{user}} can no longer start runs on {{host}}; runs already going are not stopped. To run there again, an admin grants it again.',
    textApply: '{{user}} can no longer start runs on {{host}}; runs already going are not stopped. To run there again, {{user}} applies again.',
    done: "Revoked {{user}}'s permission on {{host}}", failed: "{{user}}'s permission on {{host}} was not revoked",
  },
  subtitle: {
    admin: 'Time-limited permissions to run commands on hosts, granted by approved permission applications, or by an admin to a plug-in. Revoking one ends it now.',
    anywhere: 'Your role lets you run on any host without a permission; the ones listed here were granted by approved permission applications.',
    user: 'Where you may run commands, and until when: each permission comes from an approved permission application.',
  },
  apply: 'Apply for a permission', show: 'Show', activeOnly: 'Active only', everyone: 'Everyone', filterUser: 'Filter by user',
  count_one: '{{count}} permission', count_other: '{{count}} permissions', countActive_one: '{{count}} active permission', countActive_other: '{{count}} active permissions',
  grant: {
    pluginBefore: 'A plug-in\'s user (role ', pluginAfter: ') reports its work as external jobs at any time, but starts runs only on hosts granted here. It cannot apply for them, and never approves requests. The grant is audited and can be revoked.',
    title: 'Grant hosts to a plug-in', ok: 'Grant', failed: 'Not granted', user: 'Plug-in user', userRequired: 'Pick a plug-in user',
    noPlugin: 'No enabled user holds the {{role}} role: create one on the Users page first.', hostsRequired: 'Pick at least one host',
    hours: 'For (hours)', hoursRange: 'From 1 to 720 hours (30 days)', hoursAria: 'Hours',
    done_one: '{{user}} may run on {{count}} host for {{hours}} h', done_other: '{{user}} may run on {{count}} hosts for {{hours}} h',
  },
} as const;
