import type { Client, SFTPWrapper } from 'ssh2';

export interface TransferProgress {
  readonly transferred: number;
  readonly total: number;
}

/**
 * The job or step a transfer reports to (a JobTracker handle fits): started when the transfer
 * starts, progress in bytes, ended done, failed with the reason, or aborted when cancelled.
 */
export interface TransferJob {
  start(): void;
  progress(completed: number, total?: number, units?: string): void;
  end(state: 'done' | 'failed' | 'aborted', error?: string): void;
}

export interface TransferSpec {
  readonly direction: 'upload' | 'download';
  readonly local: string;
  readonly remote: string;
}

export interface TransferOptions {
  readonly onProgress?: (p: TransferProgress) => void;
  readonly signal?: AbortSignal;
  readonly job?: TransferJob;
}

const CANCELLED = 'transfer cancelled';

function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(new Error(`cannot start SFTP: ${err.message}`)) : resolve(sftp))));
}

/**
 * Upload or download one file over SFTP with parallel requests, reporting progress (to `job` in bytes
 * too); the session closes afterwards. A refused or cancelled transfer rejects, and its job ends with why.
 */
export async function sftpTransfer(client: Client, spec: TransferSpec, o: TransferOptions = {}): Promise<{ bytes: number }> {
  o.job?.start();
  try {
    const r = await transfer(client, spec, o);
    o.job?.progress(r.bytes, r.bytes, 'bytes');
    o.job?.end('done');
    return r;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    o.job?.end(message === CANCELLED ? 'aborted' : 'failed', message);
    throw err;
  }
}

async function transfer(client: Client, { direction, local: localPath, remote: remotePath }: TransferSpec, o: TransferOptions): Promise<{ bytes: number }> {
  const sftp = await sftpOf(client);
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        sftp.end();
        reject(new Error(CANCELLED));
      };
      o.signal?.addEventListener('abort', onAbort, { once: true });
      const opts = {
        concurrency: 64,
        chunkSize: 32 * 1024,
        step: (transferred: number, _chunk: number, total: number) => {
          bytes = transferred;
          o.onProgress?.({ transferred, total });
          o.job?.progress(transferred, total, 'bytes');
        },
      };
      const done = (err: Error | null | undefined): void => {
        o.signal?.removeEventListener('abort', onAbort);
        if (err) reject(new Error(`${direction} ${direction === 'upload' ? localPath : remotePath} failed: ${err.message}`));
        else resolve();
      };
      if (direction === 'upload') sftp.fastPut(localPath, remotePath, opts, done);
      else sftp.fastGet(remotePath, localPath, opts, done);
    });
  } finally {
    sftp.end();
  }
  return { bytes };
}
