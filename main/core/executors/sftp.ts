import type { Client, SFTPWrapper } from 'ssh2';

export interface TransferProgress {
  readonly transferred: number;
  readonly total: number;
}

function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(new Error(`cannot start SFTP: ${err.message}`)) : resolve(sftp))));
}

/** Upload or download one file over SFTP with parallel requests, reporting progress; the session closes afterwards. */
export async function sftpTransfer(
  client: Client,
  { direction, local: localPath, remote: remotePath }: { direction: 'upload' | 'download'; local: string; remote: string },
  onProgress: (p: TransferProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<{ bytes: number }> {
  const sftp = await sftpOf(client);
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        sftp.end();
        reject(new Error('transfer cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const opts = {
        concurrency: 64,
        chunkSize: 32 * 1024,
        step: (transferred: number, _chunk: number, total: number) => {
          bytes = transferred;
          onProgress({ transferred, total });
        },
      };
      const done = (err: Error | null | undefined): void => {
        signal?.removeEventListener('abort', onAbort);
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
