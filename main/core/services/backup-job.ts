import { jobText } from '../../../shared/domain/job-words';
import type { BackupProgress } from '../store/database';
import type { JobTracker } from './job-tracker';

export interface BackupResult {
  readonly path: string;
  readonly bytes: number;
}

/**
 * An online backup tracked as a job (module `system`, type `backup`) that counts bytes: it ends
 * done with total = completed = the copy's size, or failed with the error the backup threw.
 */
export async function backupAsJob(tracker: JobTracker, owner: string, backup: (onProgress: BackupProgress) => Promise<BackupResult>): Promise<BackupResult> {
  const job = tracker.begin({
    module: 'system', type: 'backup', scope: 'database', ...jobText('backup'), owner,
    user_started: true, is_abortable: false, internal: false, running: true,
  });
  job.progress(0, 0, 'bytes');
  try {
    const r = await backup((copied, total) => job.progress(copied, total, 'bytes'));
    job.progress(r.bytes, r.bytes, 'bytes');
    job.end('done');
    return r;
  } catch (err) {
    job.end('failed', err instanceof Error ? err.message : String(err));
    throw err;
  }
}
