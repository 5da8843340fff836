import { jobText, type JobText } from '../../../shared/domain/job-words';
import type { JobHandle, JobTracker } from './job-tracker';

export interface ImportOutcome {
  readonly created: readonly { readonly name: string; readonly host: string; readonly id: number | null }[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** The job an ssh-config import is (module `system`), begun running before anything is stored; progress counts entries. */
export function beginImportJob(tracker: JobTracker, owner: string, entries: number): JobHandle {
  const job = tracker.begin({
    module: 'system', type: 'ssh-config import', scope: 'hosts', ...jobText('sshImport', { count: entries }),
    owner, user_started: true, is_abortable: false, internal: false, running: true,
  });
  job.progress(0, entries, 'entries');
  return job;
}

/**
 * One step per entry, a FINALIZING summary, then the job ends done. Skipping an entry the import
 * cannot store is the import doing its work, not a failure: its step ends done saying why, as a
 * stored entry's does; both fold into the job's counts, and the summary (kept, as every
 * FINALIZING step is) counts what was stored and what was skipped, and why.
 */
export function recordImportOutcome(job: JobHandle, o: ImportOutcome): void {
  for (const c of o.created) job.step({ ...jobText('sshImportStored', { name: c.name, host: c.host, id: c.id ?? '?' }), scope: 'entry', internal: false }).end('done');
  for (const s of o.skipped) job.step({ ...jobText('sshImportSkipped', { name: s.name, reason: s.reason }), scope: 'entry', internal: false }).end('done');
  job.step({ ...importSummary(o), step_type: 'FINALIZING', scope: 'hosts', internal: false, running: true }).end('done');
  const entries = o.created.length + o.skipped.length;
  job.progress(entries, entries, 'entries');
  job.end('done');
}

/** "2 stored, 4 skipped: "tunnel": ProxyCommand is not supported; …" — what the import did, in one line. */
export function importSummary(o: ImportOutcome): JobText {
  const counts = { stored: o.created.length, skipped: o.skipped.length };
  const why = o.skipped.map((s) => `"${s.name}": ${s.reason}`).join('; ');
  // The reasons are clipped so the whole line stays within 2,000 characters, as before.
  return why ? jobText('sshImportSummaryWhy', { ...counts, reasons: why.length <= 1_950 ? why : `${why.slice(0, 1_949)}…` }) : jobText('sshImportSummary', counts);
}
