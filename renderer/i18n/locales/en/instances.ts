/** Instances: the list, one instance's page and its log. */
export const instances = {
  field: {
    id: 'ID', host: 'Host', status: 'Status', exit: 'Exit', started: 'Started', ended: 'Ended', duration: 'Duration', trigger: 'Trigger', mode: 'Mode',
    cron: 'Cron', maxParallel: 'Max parallel', address: 'Address', task: 'Task', slot: 'Slot', log: 'Log', run: 'Run',
  },
  trigger: { ad_hoc: 'ad hoc', manual: 'manual', schedule: 'schedule', retry: 'retry' },
  triggerLong: { ad_hoc: 'ad hoc (Run page)', manual: 'manual', schedule: 'schedule', retry: 'retry' },
  triggerAttempt: '{{trigger}}, attempt {{attempt}}',
  taskTip: 'Task {{name}}', taskAttempt: 'Task {{name}}, attempt {{attempt}}',
  notStarted: 'not started', stillRunning: 'still running', streaming: 'streaming (below)',
  exitCode: 'code {{code}}', signal: 'signal {{signal}}',
  list: {
    title: 'Instances', subtitle: 'Every run of a command on a host: status, exit code, timing, and its log.',
    noMatch: 'No instances match the filters.', emptyTitle: 'No instances yet',
    emptyText: 'Each run of a command on a host is an instance, with its status, exit code and full log.',
    runCommand: 'Run a command', anyStatus: 'Any status', anyHost: 'Any host', createdFrom: 'Created from', createdTo: 'Created to',
    createdBetween: 'Created between', taskTag: 'task {{name}}', runTag: 'run',
  },
  page: {
    notFound: 'Instance not found', noSuch: 'There is no instance {{id}}.', badId: '"{{id}}" is not an instance id.', back: 'Back to instances',
    hostDeleted: 'Its host was deleted', runAgainTip: 'Same command on the same host, mode and timeout', runAgain: 'Run again',
    cannotCancel: 'Runs on the authority of {{user}}: only they, an admin or a DBA may cancel it',
    refreshFailed: 'Could not refresh', truncated: 'Log truncated',
    truncatedText: 'The output passed the run\'s log limit; what came after was not kept (or the run was halted).',
    copyCommand: 'Copy command', copied: 'Copied',
  },
  cancel: {
    title: 'Cancel this run?', text: 'Taskdeck sends TERM to the whole remote process group, then KILL after the grace period, and checks that nothing is left.',
    ok: 'Cancel run', keep: 'Keep running', failed: 'Could not cancel the run on {{host}}',
  },
  rerun: { masked: 'This command had secrets masked as ****: put them back in the command, then run it.', failed: 'The run did not start' },
  /** Runs grouped in one row each, and the filters over them. */
  runs: {
    task: 'Task', command: 'Command', status: 'Status', hosts: 'Hosts', runBy: 'Run by', trigger: 'Trigger', started: 'Started', duration: 'Duration', run: 'Run',
    host: 'Host', exit: 'Exit', attempt: 'Attempt', error: 'Error', instance: 'Instance', retry: 'Retry', adHoc: 'ad hoc', taskId: 'task {{id}}',
    openOnly: 'Open its only instance', showing: 'Showing {{shown}} of {{total}} instances. ', seeAll: 'See them all',
    searchedBefore: 'Searched runs back to ', searchedAfter: '; older runs may match too.', searchOlder: 'Search older runs', loadOlder: 'Load older runs', noOlder: 'No older runs.',
    taskFilter: 'Task name contains', taskPlaceholder: 'Task name', commandFilter: 'Command contains', commandPlaceholder: 'Command text',
    oneHost: '1 host', hostsSummary: '{{n}} hosts: {{parts}}', ok: '{{n}} ok', failed: '{{n}} failed', running: '{{n}} running', noneEnded: 'none ended', sep: ', ',
  },
  log: {
    title: 'Log', lines: 'Lines {{from}}–{{to}} of {{total}}', earlier: 'Earlier lines', later: 'Later lines', linesAria: 'Log lines',
    received: 'received {{time}}',
    waiting: 'Waiting for output…', noOutput: 'This run wrote no output.', searching: 'searching…', noMatches: 'no matches', match: '{{n}} of {{of}}',
    follow: 'Follow', jumpToEnd: 'Jump to end', goToLine: 'Go to line', search: 'Search log',
    prev: 'Previous match', prevTip: 'Previous match (Shift+Enter, Shift+F3)', next: 'Next match', nextTip: 'Next match (Enter, F3)',
    loadFailed: 'could not load these lines: {{error}}',
    times: 'Times', timesTip: 'When Taskdeck received each line: lines that arrived together share a time', download: 'Download log', downloadFailed: 'The log was not downloaded',
  },
} as const;
