/** Jobs (the Task Monitor): the tree of tracked work, a job's page, its actions. */
export const jobs = {
  field: { module: 'Module', jobStep: 'Job / step', progress: 'Progress', queued: 'Queued' },
  from: ' · from {{source}}', aPlugin: 'a plug-in', internal: ' · internal', instance: 'instance {{id}}', progressAria: 'Progress {{text}}',
  /** Taskdeck's own job types and modules (a plug-in's are shown as it named them). */
  types: { adHocRun: 'ad-hoc run', scheduledRun: 'scheduled run', manualRun: 'manual run', backup: 'backup', sshImport: 'ssh-config import', sftpTransfer: 'SFTP transfer', command: 'command', databaseChange: 'database change', applyPermission: 'apply permission' },
  modules: { runs: 'runs', tasks: 'tasks', approvals: 'approvals', system: 'system', external: 'external' },
  units: { steps: 'steps', hosts: 'hosts', files: 'files', statements: 'statements' },
  folded: { label: 'Folded: {{text}}', done: '{{n}} finished', failed: '{{n}} failed', aborted: '{{n}} aborted', unknown: '{{n}} unknown', sep: ', ' },
  links: {
    task: 'Task', taskShort: 'task {{id}}', request: 'Change request', requestShort: 'request #{{id}}',
    instances: 'Instances', instancesText: 'every instance of this run', instancesShort: 'instances of this run',
  },
  list: {
    external: 'External (plug-ins)', own: "Taskdeck's own", noMatch: 'No jobs match the filters.', emptyTitle: 'No jobs',
    emptyText: 'Runs, scheduled fires, backups, transfers and the work plug-ins report appear here while they run and for a while after.',
    subtitle: 'Everything that takes time, as jobs and their steps: live, with progress, queue wait and duration.', filters: 'Job filters',
    origin: 'Origin', originPlaceholder: 'External or own', search: 'Search jobs', searchPlaceholder: 'Description, type, owner or id',
    showInternal: 'Show internal', newer: 'Newer', older: 'Older', page: 'Page {{n}}',
  },
  running: {
    none: 'Nothing is running.', label_one: '{{n}} running job', label_other: '{{n}} running jobs', title: 'Running jobs', open: 'Open the Jobs page',
  },
  actions: {
    unfinished: 'Unfinished steps', ended: 'Ended {{name}} as {{status}}', endTitle: 'End job {{name}}',
    endAbort_one: 'End and abort {{count}} step', endAbort_other: 'End and abort {{count}} steps', endJob: 'End job', endStatus: 'End status',
    notFinished_one: '{{count}} step has not finished; ending the job with force ends it Aborted:',
    notFinished_other: '{{count}} steps have not finished; ending the job with force ends them Aborted:',
    endFailed: 'Could not end the job', abortStep: 'Abort step {{name}}?', abortJob: 'Abort job {{name}}?',
    abortText: "The work it stands for is stopped (a run's instances are cancelled on their hosts), and it ends Aborted.",
    abortBelow: 'Its unfinished steps are aborted too:', abort: 'Abort', aborted: 'Aborted {{name}}',
    clearTitle: 'Clear job {{name}}?', clearFinished: 'It is removed once the task TTL passes.', clearRunning: 'Once it ends, it is removed after the task TTL.',
    clear: 'Clear', abortAria: 'Abort {{name}}', endAria: 'End {{name}}', clearAria: 'Clear {{name}}', end: 'End…',
  },
  page: {
    notFound: 'Job not found', notFoundText: 'There is no job {{id}}: it may have expired after its TTL, or been drained.', back: 'Back to jobs',
    typeModule: 'Type {{type}} · module {{module}}', reportedBy: ' · reported by {{source}}', jobError: 'Job error', step: 'Step',
    sequence: 'Sequence number', notYet: 'not yet', queuedFor: 'Queued for', lastUpdate: 'Last update', abortable: 'Abortable',
    autoCleared: 'Cleared automatically', autoYes: 'Yes, after the TTL once ended', autoNo: 'No: stays until cleared', instance: 'Instance',
    steps: 'Steps', loadingSteps: 'Loading steps…', noStepsLeft: 'No steps left: finished steps fold into their job (see the counts under Progress).',
    noSteps: 'No steps yet.',
    hostsFailed_one: '{{count}} host failed', hostsFailed_other: '{{count}} hosts failed',
    stepsFailed_one: '{{count}} step failed', stepsFailed_other: '{{count}} steps failed',
    moreInSteps_one: 'and {{count}} more in the steps below', moreInSteps_other: 'and {{count}} more in the steps below',
  },
} as const;
