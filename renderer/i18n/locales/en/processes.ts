/** Approval processes: the list, a process's view and form. */
export const processes = {
  list: {
    noMatch: 'No processes match the search or filters.', emptyTitle: 'No approval processes yet',
    emptyText: 'A process says who must approve a task before it runs: per task type, per risk level, on which hosts.',
    createFirst: 'Create the first process', askAdmin: 'Ask an administrator to define approval processes.',
    search: 'Search name, remarks, role, creator', searchAria: 'Search processes', typeFilter: 'Type filter',
    deleteSelected: 'Delete selected', deleteSelectedN: 'Delete selected ({{n}})',
    subtitle: 'Who approves a task before it runs: per task type and risk level, on which hosts, within which deadlines.',
    new: 'New process', priority: 'Set priority', unmatched: 'Unmatched tasks',
  },
  level: 'Level {{n}}', levels: 'Levels', nodes: 'Approval nodes', associated: 'Associated hosts', allHosts: 'All hosts',
  hostN: 'host {{name}}', groupN: 'group {{name}}', groupSuffix: '{{name}} (group)', hostDeleted: 'host #{{id}} (deleted)', groupDeleted: 'group #{{id}} (deleted)',
  priority: 'Priority', priorityTip: "Position in its type's priority order: the first enabled process that covers a task's hosts is used",
  enabledAria: 'Enabled: {{name}}', on: 'On', off: 'Off', createdBy: 'Created by', viewLink: 'View', viewAria: 'View {{name}}', copyAria: 'Copy {{name}}',
  anyStatements: 'any number of statements', upToStatements_one: 'up to {{count}} statement', upToStatements_other: 'up to {{count}} statements',
  sqlSubtypes: 'SQL subtypes', maxStatements: 'Max statements', approvedByA: 'approved by a', taskType: 'Task type', riskLevels: 'Risk levels',
  remarks: 'Remarks', hours_one: '{{count}} hour', hours_other: '{{count}} hours',
  validity: {
    approval: 'Approval validity', approvalExtra: 'Approval must finish within this; then the request expires.',
    wait: 'Waiting for execution', waitExtra: 'An approved request started by hand must start within this.',
    execution: 'Execution validity', executionExtra: 'The run (or a scheduled start) must finish within this.',
    waitPeriod: 'Waiting period',
  },
  view: {
    notFound: 'Process not found', notFoundText: 'There is no process #{{id}}; it may have been deleted.', basic: 'Basic information',
    allHosts: 'All hosts, present and future.', title: 'Process {{name}}',
    disabled: 'Disabled: never matched. Its tasks go to the next process in priority, or to the unmatched-task policy.',
  },
  form: {
    copyName: '{{name}} (copy)', editTitle: 'Edit process {{name}}', notSaved: 'The process was not saved', nameRequired: 'Give the process a name',
    nameExtra: 'Unique; up to 110 characters', typeRequired: 'Pick the type of task this process approves', levelsAndApproval: 'Risk levels and approval',
    levelsHelp: "The script's statements are classified; the lowest level that covers them chooses who approves.", validity: 'Validity',
    hoursRange: '{{min}} to {{max}} hours', appliesTo: 'Applies to', some: 'Some hosts and groups',
    pickHosts: 'Pick at least one host or group, or apply to all hosts', groupsExtra: 'Every host bound to these groups',
    matchRule: 'A task matches the first enabled process, in priority order, that covers every one of its hosts.', statusRemarks: 'Status and remarks',
    enabledExtra: 'A disabled process is never matched: its tasks fall to the next process, or to the unmatched-task policy.',
  },
} as const;
