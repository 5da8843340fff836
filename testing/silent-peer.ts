import { once } from 'node:events';
import net from 'node:net';

/** A loopback TCP peer that accepts and never speaks; it knows every socket it was given and when each closed. */
export interface SilentPeer {
  /** 127.0.0.1:port */
  readonly address: string;
  readonly port: number;
  readonly accepted: number;
  readonly open: number;
  /** Resolves once every socket accepted so far is closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

/** `closeAtOnce`: it drops every connection as soon as it is made. */
export async function silentPeer(closeAtOnce = false): Promise<SilentPeer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    // Reads and drops what comes, never writes: a socket nobody reads never sees the client's FIN, and would look open forever.
    s.resume();
    if (closeAtOnce) s.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    port,
    get accepted() { return accepted; },
    get open() { return sockets.size; },
    allClosed: () => Promise.all([...sockets].map((s) => (s.destroyed ? undefined : once(s, 'close')))).then(() => {}),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
