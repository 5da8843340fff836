/**
 * Where a fan-out's time goes: per instance, when each stage of its run was reached, from the
 * call that started it. Seen from outside the core (its events, and its pool's leases and
 * channels watched, not changed), so the run measured is the run the product makes:
 *
 *   accepted → stored (instance.changed Running) → lease (a session slot on the connection)
 *   → sent (the command written to the session) → started (instance.changed with started_time)
 *   → first byte → done (the host reported the command's end) → ended (instance.changed, end stored).
 */
import type { ClientChannel } from 'ssh2';
import { InstanceStatus } from '../shared/domain/instances';
import type { Lease } from '../main/core/executors/ssh-pool';
import type { Taskdeck } from './bench-taskdeck';
import { percentile, round } from './bench-util';

export const STAGES = ['stored', 'lease', 'sent', 'started', 'first_byte', 'done', 'ended'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Per stage: the median and the last instance to reach it, in ms after the run was asked for; and
 * the CPU time this process spent meanwhile (Taskdeck's own cost, which a loaded machine sways less).
 */
export type StageTimes = Record<Stage, { p50: number | null; max: number | null }> & { cpu_ms: number | null };

/** Watch the next run of `td`: call `start()` just before asking for it, `finish()` once it ended. */
export function watchStages(td: Taskdeck): { start(): void; finish(): StageTimes } {
  const { pool, events } = td.h.core.services;
  let t0 = 0;
  let cpu0 = process.cpuUsage();
  const at = new Map<Stage, Map<string, number>>(STAGES.map((s) => [s, new Map()]));
  const mark = (stage: Stage, key: string): void => {
    const m = at.get(stage)!;
    if (!m.has(key)) m.set(key, performance.now() - t0);
  };
  // Leases are keyed by host (the pool key starts with the host id); instances too, through their host.
  const undo: (() => void)[] = [];
  const sub = events.onDidEmit((e) => {
    if (e.type !== 'instance.changed') return;
    const i = e.data.instance;
    const host = String(i.host_id);
    if (i.status !== InstanceStatus.Running) mark('ended', host);
    else if (i.started_time) mark('started', host);
    else mark('stored', host);
  });
  const acquire = pool.acquire.bind(pool);
  pool.acquire = async (...args: Parameters<typeof pool.acquire>): Promise<Lease> => {
    const lease = await acquire(...args);
    const host = args[0].split(':')[0]!;
    mark('lease', host);
    if (lease.spare) follow(lease.spare.channel, host);
    return lease;
  };
  const follow = (ch: ClientChannel, host: string): void => {
    const write = ch.write;
    ch.write = ((...a: Parameters<typeof write>) => {
      mark('sent', host);
      return write.apply(ch, a);
    }) as typeof ch.write;
    // Prepended while the channel is paused: it stays paused until the run's own reader resumes it.
    const onData = (d: Buffer): void => {
      mark('first_byte', host);
      if (d.includes(':done:') || d.includes(':exit:')) mark('done', host);
    };
    ch.prependListener('data', onData);
    undo.push(() => {
      ch.write = write;
      ch.off('data', onData);
    });
  };
  return {
    start: () => {
      t0 = performance.now();
      cpu0 = process.cpuUsage();
      for (const m of at.values()) m.clear();
    },
    finish: () => {
      const cpu = process.cpuUsage(cpu0);
      sub.dispose();
      pool.acquire = acquire;
      for (const u of undo.splice(0)) u();
      const stages = Object.fromEntries(STAGES.map((s) => {
        const xs = [...at.get(s)!.values()];
        return [s, { p50: xs.length ? round(percentile(xs, 50)) : null, max: xs.length ? round(Math.max(...xs)) : null }];
      }));
      return { ...stages, cpu_ms: round((cpu.user + cpu.system) / 1000) } as StageTimes;
    },
  };
}
