import ssh2, { Client, type ConnectConfig, type ParsedKey, type PublicKeyAuthMethod } from 'ssh2';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { fingerprintOf, judgeHostKey, keyTypeOf, type HostKeyVerdict } from '../domain/host-key';

/** Everything needed to reach one host; secrets already decrypted, kept in memory only. */
export interface SshTarget {
  readonly name: string;
  readonly address: string; // host:port
  readonly username: string;
  readonly auth:
    | { kind: 'key'; privateKey: string | Buffer; passphrase?: string }
    | { kind: 'agent'; socket: string | undefined }
    | { kind: 'password'; password: string };
  readonly pinnedFingerprint: string | null;
  readonly jump?: SshTarget;
}

export interface PresentedKey {
  readonly fingerprint: string;
  readonly keyType: string | null;
  readonly verdict: HostKeyVerdict;
}

export type SshFailureCode = 'host_key_unknown' | 'host_key_mismatch' | 'ssh_auth' | 'ssh_connect';

/** A failed connection: what went wrong and, when the server got that far, the key it presented. */
export class SshConnectError extends Error {
  override name = 'SshConnectError';
  constructor(
    readonly code: SshFailureCode,
    message: string,
    readonly target: string,
    readonly presentedKey: PresentedKey | null,
    /** The message without the host's name: what a record already about that host (a run's instance) says. */
    readonly reason: string = message,
  ) {
    super(message);
  }
}

/** A failure of one host: "db-1: <reason>" standing alone, the reason alone where the host is already named. */
export function hostFailure(code: SshFailureCode, t: { readonly name: string }, reason: string): SshConnectError {
  return new SshConnectError(code, `${t.name}: ${reason}`, t.name, null, reason);
}

export interface ConnectOptions {
  readonly readyTimeoutMs?: number;
  readonly keepaliveIntervalMs?: number;
  readonly keepaliveCountMax?: number;
  readonly signal?: AbortSignal;
}

export function splitAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(address.slice(i + 1)) };
}

/** Where to connect; an address no socket can be opened to (a row stored before validation) is refused here, not by net.connect throwing. */
function endpoint(t: SshTarget): { host: string; port: number } {
  const { host, port } = splitAddress(t.address);
  if (!host || host.startsWith('-') || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw hostFailure('ssh_connect', t, `${t.address} is not a valid address:port (port 1-65535); edit the host`);
  }
  return { host, port };
}

/** A private key as ssh2 will use it, or what is wrong with it, said so a user can act on it. */
export function parsePrivateKey(privateKey: string | Buffer, passphrase: string | undefined): ParsedKey | string {
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (key instanceof Error) {
    if (/no passphrase given/i.test(key.message)) return 'it is encrypted and no passphrase is given';
    if (/passphrase/i.test(key.message)) return 'the passphrase does not open it';
    return `it cannot be read as a private key (${key.message})`;
  }
  if (!key || key.getPrivatePEM() === null) return 'it is a public key, not a private key';
  return key;
}

/**
 * The private key parsed before any socket is opened: ssh2 parses it inside `connect()` and
 * throws there, after the socket exists (an unhandled socket error then ended the process).
 */
function usableKey(t: SshTarget, privateKey: string | Buffer, passphrase: string | undefined): ParsedKey {
  const key = parsePrivateKey(privateKey, passphrase);
  if (typeof key === 'string') throw hostFailure('ssh_auth', t, `the private key cannot be used: ${key}; replace the key or passphrase of this host`);
  return key;
}

function authConfig(t: SshTarget): Partial<ConnectConfig> {
  switch (t.auth.kind) {
    case 'key': {
      const key = usableKey(t, t.auth.privateKey, t.auth.passphrase || undefined);
      // Offered as parsed (`privateKey` would be parsed again, and the passphrase's KDF run twice).
      const offer: PublicKeyAuthMethod = { type: 'publickey', username: t.username, key };
      return { authHandler: [offer] };
    }
    case 'agent':
      return t.auth.socket ? { agent: t.auth.socket } : {};
    case 'password':
      return { password: t.auth.password };
  }
}

const reasons: ReadonlyMap<string, string> = new Map([
  ['ECONNREFUSED', 'connection refused'],
  ['ETIMEDOUT', 'connection timed out'],
  ['ENOTFOUND', 'address not found'],
  ['EMFILE', 'this process has too many open files (EMFILE); close connections or raise the limit (ulimit -n)'],
  ['ENFILE', 'the system has too many open files (ENFILE)'],
]);

function describe(err: Error & { level?: string; code?: string }, t: SshTarget, timeoutMs: number): SshConnectError {
  if (err instanceof SshConnectError) return err;
  if (err.level === 'client-authentication') {
    if (t.auth.kind === 'agent' && !t.auth.socket) {
      return hostFailure('ssh_auth', t, 'agent auth chosen but no SSH agent is running (SSH_AUTH_SOCK is not set)');
    }
    return hostFailure('ssh_auth', t, `authentication as ${t.username} was refused (${t.auth.kind})`);
  }
  if (err.level === 'client-timeout') {
    return hostFailure('ssh_connect', t, `no SSH handshake from ${t.address} within ${timeoutMs} ms`);
  }
  const reason = reasons.get(err.code ?? '') ?? err.message;
  return hostFailure('ssh_connect', t, `cannot connect to ${t.address}: ${reason}`);
}

/**
 * Open an authenticated connection. The host key is checked against the pinned fingerprint
 * before any credential is sent: an unknown or changed key ends the handshake there.
 * `credentials: false` stops after the key check (a probe that never authenticates).
 */
export async function connectSsh(t: SshTarget, opts: ConnectOptions = {}, credentials = true): Promise<{ client: Client; key: PresentedKey }> {
  const readyTimeout = opts.readyTimeoutMs ?? 10_000;
  // What can be refused without the network is refused before a socket exists (the jump's in its own call).
  const auth = credentials ? authConfig(t) : {};
  const { host, port } = endpoint(t);
  let via: { client: Client } | undefined;
  let tunnel: Duplex | undefined;
  if (t.jump) {
    via = await connectSsh(t.jump, opts, true);
    tunnel = await new Promise<Duplex>((resolve, reject) => {
      via!.client.forwardOut('127.0.0.1', 0, host, port, (err, stream) =>
        err ? reject(hostFailure('ssh_connect', t, `jump host ${t.jump!.name} cannot reach ${t.address}: ${err.message}`)) : resolve(stream),
      );
    }).catch((err: unknown) => {
      via!.client.end();
      throw err;
    });
  }
  const client = new Client();
  let presented: PresentedKey | null = null;
  // Set when the host key is refused: that, not ssh2's generic "verification failed", is the reason.
  let keyRefusal: SshConnectError | null = null;
  return new Promise((resolve, reject) => {
    let settled = false;
    let sock: Duplex | undefined = tunnel;
    // Every path that does not end in 'ready' ends here, and closes what was opened.
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      client.end();
      sock?.destroy(); // a socket still connecting would otherwise go on until the system gives up
      via?.client.end();
      const e = keyRefusal ?? describe(err, t, readyTimeout);
      reject(new SshConnectError(e.code, e.message, e.target, e.presentedKey ?? presented, e.reason));
    };
    const onAbort = (): void => fail(hostFailure('ssh_connect', t, 'connection cancelled'));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    client.on('ready', () => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (via) client.on('close', () => via!.client.end());
      resolve({ client, key: presented! });
    });
    client.on('error', fail);
    client.on('close', () => fail(hostFailure('ssh_connect', t, 'connection closed during handshake')));
    const config: ConnectConfig = {
      username: t.username,
      readyTimeout,
      keepaliveInterval: opts.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: opts.keepaliveCountMax ?? 3,
      ...auth,
      hostVerifier: (key: Buffer): boolean => {
        const fingerprint = fingerprintOf(key);
        const verdict = judgeHostKey(t.pinnedFingerprint, fingerprint);
        presented = { fingerprint, keyType: keyTypeOf(key), verdict };
        if (verdict === 'trusted' && credentials) return true;
        // Stop before authentication: nothing secret has left this process.
        keyRefusal =
          verdict === 'mismatch'
            ? new SshConnectError('host_key_mismatch', `host key for ${t.name} changed: expected ${t.pinnedFingerprint}, got ${fingerprint}`, t.name, presented)
            : verdict === 'pending'
              ? new SshConnectError('host_key_unknown', `host key for ${t.name} is not trusted yet: ${fingerprint}`, t.name, presented)
              : new SshConnectError('ssh_connect', `${t.name}: probe finished`, t.name, presented);
        setImmediate(() => fail(keyRefusal!));
        return false;
      },
    };
    try {
      // Our own socket, not one ssh2 makes: the output pump pauses reading it (`holdReading`).
      sock ??= net.connect({ host, port, noDelay: true });
      // Ours from its first moment: an error before ssh2 listens (or after it gave up) is a failed connect, never an unhandled event.
      sock.on('error', fail);
      transports.set(client, sock);
      client.connect({ ...config, sock });
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/**
 * The stream a connection reads from: a TCP socket with Nagle off (else a small packet — exec
 * request, EOF, close — waits for the peer's delayed ACK, ~40 ms), or the jump host's channel.
 */
const transports = new WeakMap<Client, Duplex>();
/** How many holders keep each connection from being read. */
const holds = new WeakMap<Client, number>();

/**
 * Stop reading a connection until every holder has let go (the returned function, once). Several
 * runs share a connection: one run's turn must not resume reading while another still waits for its own.
 */
export function holdReading(client: Client): () => void {
  const transport = transports.get(client);
  if (!transport) return () => {};
  const n = holds.get(client) ?? 0;
  holds.set(client, n + 1);
  if (n === 0) transport.pause();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    const left = (holds.get(client) ?? 1) - 1;
    holds.set(client, left);
    if (left === 0) transport.resume();
  };
}

/** Handshake only: the key the server presents, never a credential. Used by the health probe and first contact. */
export async function probeHostKey(t: SshTarget, opts: ConnectOptions = {}): Promise<PresentedKey> {
  try {
    const { client, key } = await connectSsh(t, opts, false);
    client.end();
    return key;
  } catch (err) {
    if (err instanceof SshConnectError && err.presentedKey) return err.presentedKey;
    throw err;
  }
}

