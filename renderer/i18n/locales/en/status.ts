/** Human status words: one mapping for every status tag; the code itself goes in the tooltip. */
export const status = {
  instance: {
    '1': 'Running', '2': 'Finished', '3': 'Abnormal', '4': 'Timeout', '5': 'Cancelled', '81': 'Unknown',
  },
  instanceMeaning: {
    '1': 'Running on the host now.',
    '2': 'Ended with exit code 0.',
    '3': 'Ended with a non-zero exit code, a signal, or an error.',
    '4': 'Ended because its timeout was reached.',
    '5': 'Cancelled by a user.',
    '81': 'Its outcome is not known (a detached run that could not be re-attached).',
  },
  host: { Enabled: 'Enabled', NotEnabled: 'Not enabled', Abnormal: 'Abnormal' },
  hostMeaning: { Enabled: 'Runs may use this host.', NotEnabled: 'Switched off: no run uses it.', Abnormal: 'The last health probe failed.' },
  hostKey: { trusted: 'Trusted', pending: 'Pending', mismatch: 'Changed', unknown: 'Not seen yet' },
  hostKeyMeaning: {
    trusted: 'The host key is pinned and matched.',
    pending: 'A key was seen and waits for someone to accept it.',
    mismatch: 'The host presented a different key than the pinned one.',
    unknown: 'Never contacted.',
  },
  stage: { Started: 'Started', Stopped: 'Stopped' },
  stageMeaning: { Started: 'Scheduled: its slots fire', Stopped: 'Not scheduled; it may be edited' },
  request: {
    APPROVING: 'Approving', REJECTED: 'Rejected', APPROVAL_EXPIRED: 'Approval expired', WAIT_FOR_EXECUTION: 'Waiting for execution',
    WAIT_FOR_EXECUTION_EXPIRED: 'Waiting expired', EXECUTING: 'Executing', EXECUTION_SUCCEEDED: 'Execution succeeded',
    EXECUTION_FAILED: 'Execution failed', EXECUTION_EXPIRED: 'Execution expired', CANCELLED: 'Cancelled', PRE_CHECK_FAILED: 'Pre-check failed',
  },
  requestMeaning: {
    APPROVING: 'Waiting for its approval nodes, one after another.',
    REJECTED: 'An approver rejected it; it will not run.',
    APPROVAL_EXPIRED: 'Approval did not finish within the approval validity.',
    WAIT_FOR_EXECUTION: 'Approved; waiting to start (at once, by hand, or at its time).',
    WAIT_FOR_EXECUTION_EXPIRED: 'Approved, but not started within the waiting period.',
    EXECUTING: 'Running (or scheduled) under this approval.',
    EXECUTION_SUCCEEDED: 'It ran and every host finished with exit code 0.',
    EXECUTION_FAILED: 'It ran and at least one host failed.',
    EXECUTION_EXPIRED: 'The run did not finish (or start) within the execution validity.',
    CANCELLED: 'Cancelled by its requester or an administrator.',
    PRE_CHECK_FAILED: 'The task changed after the request was made; the approval is void.',
  },
  job: { queued: 'Queued', STARTED: 'Running', FINISHED: 'Finished', FAILED: 'Failed', ABORTED: 'Aborted', UNKNOWN: 'Unknown' },
  step: { VALIDATING: 'Validating', EXECUTING: 'Executing', FINALIZING: 'Finalizing', TRANSFERRING: 'Transferring', UNKNOWN: 'Unknown' },
  process: { enabled: 'Enabled', disabled: 'Disabled' },
  /** "Status code: X" in a tooltip. */
  code: 'Code: {{code}}',
} as const;
