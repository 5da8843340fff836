/**
 * The floor under per-command latency: one exec channel on a warm TCP_NODELAY connection, without
 * the runs service (no SQLite, no events) — once for a bare `true` and once for `true` inside the
 * tied-run wrapper Taskdeck really sends. The gap from these to a real run is Taskdeck's own cost.
 */
import type { Client } from 'ssh2';
import { tiedScript } from '../main/core/domain/remote-script';
import { execChannel } from '../main/core/executors/ssh-pool';
import type { Taskdeck } from './bench-taskdeck';

const NONCE = 'benchfloor';

/** Run `command` on its own channel; resolves when the channel closes. Ends our side once the wrapper reports the command's end. */
async function execOnce(client: Client, command: string): Promise<void> {
  const ch = await execChannel(client, command);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`exec of ${command.slice(0, 40)} did not close within 10 s`)), 10_000);
    ch.on('data', (d: Buffer) => {
      // After `done` the wrapper waits for a next command: closing our side ends it.
      if (d.includes(`:${NONCE}:exit:`) || d.includes(`:${NONCE}:done:`)) ch.end();
    });
    ch.stderr.resume();
    ch.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Sequential exec round trips on a pooled connection of the first host, with TCP_NODELAY on. */
export async function execFloor(td: Taskdeck, samples: number): Promise<{ bare: number[]; wrapped: number[] }> {
  const { pool, store, hosts } = td.h.core.services;
  const row = store.hosts.get(td.hostIds[0]!)!;
  const lease = await pool.acquire('bench-exec-floor', () => hosts.target(row));
  try {
    lease.client.setNoDelay(true);
    const out = { bare: [] as number[], wrapped: [] as number[] };
    const wrapped = tiedScript('true', NONCE, 1);
    for (let i = 0; i <= samples; i++) {
      for (const [into, cmd] of [[out.bare, 'true'], [out.wrapped, wrapped]] as const) {
        const t0 = performance.now();
        await execOnce(lease.client, cmd);
        if (i > 0) into.push(performance.now() - t0); // the first round warms up
      }
    }
    return out;
  } finally {
    lease.release();
    pool.evict('bench-exec-floor');
  }
}
