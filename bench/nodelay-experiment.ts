/**
 * Local experiment, bench only: ssh2's Client never calls socket.setNoDelay(), so Nagle's
 * algorithm holds back small SSH packets until the peer's delayed ACK. This wraps
 * Client.prototype.connect to do what the proposed one-line fix in ssh-connect.ts does —
 * `client.setNoDelay(true)` right after `client.connect(config)` — for connections opened
 * while it is on.
 */
import { Client } from 'ssh2';

/** Turn TCP_NODELAY on for every ssh2 connection opened from now on; returns the undo. */
export function forceNoDelay(): () => void {
  const original = Client.prototype.connect;
  Client.prototype.connect = function (this: Client, ...args: Parameters<Client['connect']>) {
    const r = original.apply(this, args);
    this.setNoDelay(true);
    return r;
  };
  return () => {
    Client.prototype.connect = original;
  };
}
