/**
 * Taskdeck's side of the bench: a real core (temp data folder, real SQLite, real SshPool) with
 * every bed address as a trusted host, driven through `runs.create` like the UI does. Times run
 * from the call to the `instance.changed` event that ends the last instance.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { InstanceStatus, type Instance } from '../shared/domain/instances';
import type { CoreOptions } from '../main/core/create-core';
import { startHarness, type Harness } from '../testing/core-harness';
import type { HostBed } from './bench-bed';

const RUN_TIMEOUT_MS = 300_000;
/** 99 characters and a newline: output lines of exactly 100 bytes. */
const LINE = 'x'.repeat(99);

export interface Taskdeck {
  readonly h: Harness;
  readonly hostIds: readonly number[];
  dispose(): Promise<void>;
}

export async function startTaskdeck(bed: HostBed, extra: Partial<CoreOptions> = {}): Promise<Taskdeck> {
  const h = await startHarness({ connectTimeoutMs: 60_000, graceSeconds: 1, pool: { maxConnections: 1024, idleMs: 3_600_000 }, ...extra });
  const removeDir = (): void => fs.rmSync(h.dir, { recursive: true, force: true });
  process.once('exit', removeDir); // an interrupted bench leaves no data folder behind
  const dispose = async (): Promise<void> => {
    await h.dispose();
    process.off('exit', removeDir);
  };
  try {
    const hostIds: number[] = [];
    for (let i = 0; i < bed.addresses.length; i += 16) {
      hostIds.push(...(await Promise.all(bed.addresses.slice(i, i + 16).map((a, j) => trust(h, bed, a, i + j)))));
    }
    return { h, hostIds, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Add a host and pin the key it presents after checking it is the bed's key (as a user comparing fingerprints would). */
async function trust(h: Harness, bed: HostBed, address: string, i: number): Promise<number> {
  const host = await h.call('hosts.create', { name: `bench-${i}`, host: `${address}:${bed.port}`, username: bed.user.name, machine_id: i % 1024, auth: { kind: 'key', private_key_path: bed.clientKeyPath } });
  const t = await h.call('hosts.test', { id: host.id });
  if (t.host_key.fingerprint !== bed.hostKeyFingerprint) throw new Error(`${address} presented ${t.host_key.fingerprint}, expected ${bed.hostKeyFingerprint}`);
  await h.call('hosts.accept-key', { id: host.id, fingerprint: t.host_key.fingerprint });
  return host.id;
}

export interface RunTimes {
  readonly ms: number;
  readonly instances: readonly Instance[];
  /** instances that did not end Finished, with their error */
  readonly failures: readonly string[];
}

/** Start one run on `hostIds` and wait (bounded) until every instance has ended. */
export async function timedRun(td: Taskdeck, hostIds: readonly number[], command: string): Promise<RunTimes> {
  const ended = new Map<string, { instance: Instance; at: number }>();
  let wake: () => void = () => {};
  const sub = td.h.core.events.onDidEmit((e) => {
    if (e.type === 'instance.changed' && e.data.instance.status !== InstanceStatus.Running) {
      ended.set(e.data.instance.id, { instance: e.data.instance, at: performance.now() });
      wake();
    }
  });
  try {
    const t0 = performance.now();
    const run = await td.h.call('runs.create', { targets: { host_ids: hostIds }, command });
    const ids = run.instances.map((i) => i.id);
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (!ids.every((id) => ended.has(id))) {
      if (Date.now() > deadline) throw new Error(`run of ${JSON.stringify(command)} on ${ids.length} hosts did not end within ${RUN_TIMEOUT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const done = ids.map((id) => ended.get(id)!);
    const instances = done.map((d) => d.instance);
    return {
      ms: Math.max(...done.map((d) => d.at)) - t0,
      instances,
      failures: instances.filter((i) => i.status !== InstanceStatus.Finished).map((i) => `${i.host.name}: ${i.status_name} ${i.error ?? ''}`),
    };
  } finally {
    sub.dispose();
  }
}

/** Wait until the pool has started the sessions it keeps ready. */
export function settle(td: Taskdeck): Promise<void> {
  return td.h.core.services.pool.settled();
}

/** Close every pooled connection, so the next run connects anew. */
export function dropConnections(td: Taskdeck): void {
  td.h.core.services.pool.evict('');
}

/** Sequential one-host runs of `true` on one pooled connection (warmed first, the pool settled): per-command times in ms. */
export async function latencySamples(td: Taskdeck, samples: number): Promise<number[]> {
  const host = [td.hostIds[0]!];
  await timedRun(td, host, 'true');
  await settle(td);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = await timedRun(td, host, 'true');
    if (r.failures.length) throw new Error(`latency run failed: ${r.failures.join('; ')}`);
    times.push(r.ms);
  }
  return times;
}

/** `yes` output of exactly `bytes` in 100-byte lines: the command and the stdout lines it makes. */
export function bulkCommand(bytes: number): { command: string; lines: number } {
  return { command: `yes '${LINE}' | head -c ${bytes}`, lines: Math.ceil(bytes / (LINE.length + 1)) };
}

/** Stdout lines stored for an instance, counted in SQLite. */
export function storedStdoutLines(td: Taskdeck, instanceId: string): number {
  const row = td.h.core.services.store.db
    .prepare("SELECT coalesce(sum(length(streams) - length(replace(streams, 'o', ''))), 0) AS n FROM log_chunks WHERE instance_id = ?")
    .get(BigInt(instanceId)) as { n: number };
  return row.n;
}

const LAG_RESOLUTION_MS = 10;

/**
 * Event-loop lag while `fn` runs. Node's histogram holds the intervals between timer ticks every
 * `resolution` ms (an idle loop shows p50 ≈ 10.2 ms at resolution 10), so the lag is that minus the
 * resolution. The raw p99 is kept beside it.
 */
export async function loopLag<T>(fn: () => Promise<T>): Promise<{ result: T; p50Ms: number; p99Ms: number; maxMs: number; rawP99Ms: number }> {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  h.enable();
  try {
    const result = await fn();
    h.disable();
    const lag = (ns: number): number => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
    return { result, p50Ms: lag(h.percentile(50)), p99Ms: lag(h.percentile(99)), maxMs: lag(h.max), rawP99Ms: h.percentile(99) / 1e6 };
  } finally {
    h.disable();
  }
}

/** Peak resident set size since the last reset, from /proc (exact, unlike sampling); null where the kernel has no reset. */
export const peakRss = {
  reset(): boolean {
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5');
      return true;
    } catch {
      return false;
    }
  },
  read(): number | null {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  },
};

/** 1 GiB (or `bytes`) of stdout from one host: wall time, throughput, peak RSS, and the stored line count. */
export async function bulkOutput(td: Taskdeck, bytes: number) {
  const { command, lines } = bulkCommand(bytes);
  await timedRun(td, [td.hostIds[0]!], 'true'); // connected, so only the output is timed
  const rssBefore = process.memoryUsage.rss();
  const exact = peakRss.reset();
  let sampledPeak = rssBefore;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 100);
  try {
    const { result: r, p99Ms, maxMs } = await loopLag(() => timedRun(td, [td.hostIds[0]!], command));
    const i = r.instances[0]!;
    const stored = storedStdoutLines(td, i.id);
    // Its log file goes once counted. Left, each rep's GiB stays in the page cache and the next rep's
    // cache comes from memory this VM never touched (faulted in by its host, most likely): the third
    // rep took twice the first's time, with or without a sync between. The bare read allocates none.
    fs.rmSync(path.join(`${td.h.core.services.store.db.name}-logs`, `${i.id}.log`));
    return {
      ms: r.ms, bytes, failures: r.failures, linesExpected: lines, linesStored: stored,
      ok: r.failures.length === 0 && stored === lines && !i.log_truncated,
      rssBefore, peakRss: (exact ? peakRss.read() : null) ?? Math.max(sampledPeak, process.memoryUsage.rss()), peakRssExact: exact,
      lagP99Ms: p99Ms, lagMaxMs: maxMs,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Every host streams `bytesPerHost` at once over warm connections (the pool settled): event-loop lag while it lasts. */
export async function streamingLag(td: Taskdeck, hostIds: readonly number[], bytesPerHost: number) {
  dropConnections(td);
  const { result: warm, p99Ms: connectLagP99Ms, maxMs: connectLagMaxMs } = await loopLag(() => timedRun(td, hostIds, 'true'));
  await settle(td);
  const { command, lines } = bulkCommand(bytesPerHost);
  const { result: r, p50Ms, p99Ms, maxMs, rawP99Ms } = await loopLag(() => timedRun(td, hostIds, command));
  const short = r.instances.filter((i) => storedStdoutLines(td, i.id) !== lines).length;
  return {
    hosts: hostIds.length, ms: r.ms, bytes: bytesPerHost * hostIds.length, failures: [...warm.failures, ...r.failures],
    ok: warm.failures.length === 0 && r.failures.length === 0 && short === 0,
    connectMs: warm.ms, connectLagP99Ms, connectLagMaxMs,
    lagP50Ms: p50Ms, lagP99Ms: p99Ms, lagMaxMs: maxMs, lagRawP99Ms: rawP99Ms,
  };
}
