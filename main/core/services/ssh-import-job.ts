import type { JobHandle, JobTracker } from './job-tracker';

export interface ImportOutcome {
  readonly created: readonly { readonly name: string; readonly host: string; readonly id: number | null }[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** The job an ssh-config import is (module `system`), begun running before anything is stored; progress counts entries. */
export function beginImportJob(tracker: JobTracker, owner: string, entries: number): JobHandle {
  const job = tracker.begin({
    module: 'system', type: 'ssh-config import', scope: 'hosts', description: `Import of ${entries} host entr${entries === 1 ? 'y' : 'ies'} from an OpenSSH config`,
    owner, user_started: true, is_abortable: false, internal: false, running: true,
  });
  job.progress(0, entries, 'entries');
  return job;
}

/**
 * One step per entry, then the job ends done. A stored entry's step ends done (and folds into the
 * job's counts); a skipped one's ends FAILED with why, so it stays listed under the job: folding keeps only failures.
 */
export function recordImportOutcome(job: JobHandle, o: ImportOutcome): void {
  for (const c of o.created) job.step({ description: `"${c.name}" (${c.host}) stored as host #${c.id}`, scope: 'entry', internal: false }).end('done');
  for (const s of o.skipped) job.step({ description: `"${s.name}" skipped`, scope: 'entry', internal: false }).end('failed', s.reason);
  const entries = o.created.length + o.skipped.length;
  job.progress(entries, entries, 'entries');
  job.end('done');
}
