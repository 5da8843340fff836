import type { Client, ClientChannel } from 'ssh2';
import { SshConnectError } from './ssh-connect';

/* Channels on a connection: open one, run a short command on one, close one. */

/** Open an exec channel; rejects with a clear message when the server refuses (e.g. MaxSessions). */
export function execChannel(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => (err ? reject(new SshConnectError('ssh_connect', `cannot open an SSH session: ${err.message}`, '', null)) : resolve(stream)));
  });
}

/** Run a short command and collect its output (for control scripts: kill, probe). */
export async function execCollect(client: Client, command: string, timeoutMs = 30_000, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const ch = await execChannel(client, command);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let code: number | null = null;
    const timer = setTimeout(() => {
      ch.close();
      reject(new Error(`control command did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    ch.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    ch.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    ch.on('exit', (c: number | null) => (code = c));
    ch.on('close', () => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    ch.end(input);
  });
}

/** Read and drop what a channel still has, so it can end and close. */
export function discard(ch: ClientChannel): void {
  ch.resume();
  ch.stderr.resume();
}

/** Close a channel; resolves once the server has closed it too (its session no longer counts against MaxSessions). */
export function shut(ch: ClientChannel): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    timer.unref();
    ch.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    discard(ch);
    ch.close();
  });
}
