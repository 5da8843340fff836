/** Words many pages share: actions, empty values, error codes, time. */
export const common = {
  app: { tagline: 'operations console' },
  action: {
    save: 'Save', cancel: 'Cancel', close: 'Close', delete: 'Delete', edit: 'Edit', refresh: 'Refresh',
    retry: 'Try again', copy: 'Copy', open: 'Open', back: 'Back', reset: 'Reset',
  },
  value: { none: 'none', never: 'never', yes: 'Yes', no: 'No' },
  couldNotLoad: 'Could not load', copied: 'Copied {{name}}', download: 'Download {{name}}', copyFingerprint: 'Copy fingerprint',
  moreChars: '… {{n}} more characters (download the log to see them)',
  connecting: 'Connecting to Taskdeck…',
  unreachable: 'Cannot reach the Taskdeck service',
  /** A title per error code the core sends; the server's own message follows it. */
  errorCode: {
    validation: 'Invalid input', unauthorized: 'Not signed in', forbidden: 'Not allowed', not_found: 'Not found', conflict: 'Conflict',
    timeout: 'Timed out', payload_too_large: 'Too large', too_many_requests: 'Too many requests', host_key_unknown: 'Unknown host key',
    host_key_mismatch: 'Host key changed', ssh_auth: 'SSH sign-in failed', ssh_connect: 'SSH connection failed', internal: 'Internal error',
    unavailable: 'Service unavailable', network: 'Network error',
  },
  count: {
    lines_one: '{{count}} line', lines_other: '{{count}} lines',
    instances_one: '{{count}} instance', instances_other: '{{count}} instances',
    requests_one: '{{count}} request', requests_other: '{{count}} requests',
    hosts_one: '{{count}} host', hosts_other: '{{count}} hosts',
    bindings_one: '{{count}} binding', bindings_other: '{{count}} bindings',
    groups_one: '{{count}} group', groups_other: '{{count}} groups',
    processes_one: '{{count}} process', processes_other: '{{count}} processes',
    users_one: '{{count}} user', users_other: '{{count}} users',
    statements_one: '{{count}} statement', statements_other: '{{count}} statements',
  },
  pager: { range: '{{from}}–{{to}} of {{total}}' },
  /** A long list of names cut short: "db-1, db-2, db-3 and 4 more". */
  nameList: { sep: ', ', more: '{{names}} and {{n}} more' },
} as const;
