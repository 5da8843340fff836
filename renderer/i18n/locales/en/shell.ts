/** The frame: menu, header, account menu, live connection. */
export const shell = {
  nav: {
    main: 'Main', dashboard: 'Dashboard', tasks: 'Tasks', processes: 'Processes', approvals: 'Approvals', permissions: 'Permissions',
    run: 'Run', instances: 'Instances', hosts: 'Hosts', groups: 'Groups', jobs: 'Jobs', audit: 'Audit', users: 'Users', settings: 'Settings',
  },
  stale: {
    before: 'Lost the connection to the Taskdeck service (',
    after: '). What this page shows may be out of date and running times are paused. Reconnecting; the page reloads by itself when the service is back.',
  },
  page: {
    loading: 'Loading page', unreachable: 'This page could not be loaded', broke: 'This page stopped with an error',
    unreachableText: 'The Taskdeck service did not answer while the page was being fetched. It loads by itself when the service is back.', reload: 'Reload now',
  },
  live: {
    live: 'Live', liveTip: 'Changes made elsewhere appear here as they happen.',
    connecting: 'Connecting', connectingTip: 'Opening the live event stream.',
    reconnecting: 'Reconnecting', reconnectingTip: 'The live event stream dropped; retrying. Lists may be stale until it is back.',
    off: 'Offline', offTip: 'No live event stream.',
    aria: 'Live updates: {{state}}',
  },
  notFound: { title: 'Page not found', description: 'There is no page at {{path}}. Pick one from the menu.' },
  comingSoon: 'Coming in a later release',
  pending_zero: 'No change requests waiting for your approval',
  pending_one: '{{count}} change request waiting for your approval',
  pending_other: '{{count}} change requests waiting for your approval',
  theme: { toLight: 'Switch to light theme', toDark: 'Switch to dark theme' },
  account: { aria: 'Account: {{name}}', roles: 'Roles: {{roles}}', keys: 'Signing keys', signOut: 'Sign out' },
} as const;
