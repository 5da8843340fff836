import type { JobState } from '../../../shared/domain/jobs';
import type { RequestState } from '../../../shared/domain/processes';
import { isTerminal } from './change-request';

/** What the job of a request's execution is called: "database change", or the task's type in words. */
export function executionJobType(taskType: string): string {
  return taskType.replace(/_/g, ' ');
}

/**
 * How the job of an execution ends once its request is in `state`: done when it succeeded, aborted
 * when cancelled, failed with the request's reason otherwise; null while the request is still open.
 */
export function executionJobEnd(state: RequestState, reason: string | null): { state: Exclude<JobState, 'created' | 'running'>; error?: string } | null {
  if (!isTerminal(state)) return null;
  if (state === 'EXECUTION_SUCCEEDED') return { state: 'done' };
  if (state === 'CANCELLED') return { state: 'aborted', error: reason ?? 'cancelled' };
  return { state: 'failed', error: reason ?? `the change request ended ${state}` };
}
