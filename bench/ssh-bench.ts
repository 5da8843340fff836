/**
 * `npm run bench:ssh [-- --quick]`: Taskdeck's SSH executor against parallel-ssh, Ansible raw and
 * an OpenSSH ControlMaster loop on a loopback host bed, plus per-command latency, 1 GiB of output
 * from one host and event-loop lag while 200 hosts stream. Beside them, the floor: bare ssh2 doing
 * the same cold and warm fan-out and reading the same bulk output, in the same run. Prints a table and a last line
 * `RESULT {json}`. `--bulk-mib N` sizes the bulk phase alone; `--only warm,latency` runs those parts alone
 * (warm, cold, peers, latency, bulk, stream, tracking); `--reps N` sets the fan-out and tracking reps (tracking takes 7 at least in a full run). A missed target is a finding, not a failure: it exits non-zero only when a
 * Taskdeck measurement itself could not be made.
 */
import * as path from 'node:path';
import { startBed, type HostBed } from './bench-bed';
import { closeMasters, ensurePeers, opensshLatency, runAnsibleRaw, runOpensshLoop, runPssh, type Measured } from './bench-peers';
import { buildResult, resultTable, type Figures } from './bench-report';
import { floorBulk, floorCold, floorWarm } from './bench-floor';
import { bulkCommand, bulkOutput, dropConnections, latencySamples, settle, startTaskdeck, streamingLag, timedRun, type Taskdeck } from './bench-taskdeck';
import { median, percentile, round } from './bench-util';
import { trackingAB, type TrackingFigures } from './bench-tracking';
import { execFloor } from './exec-floor';
import { startProfile } from './cpu-profile';
import { watchStages, type StageTimes } from './stage-marks';

const quick = process.argv.includes('--quick');
/** `--bulk-mib N`: the bulk phase's size (a reduced run on a shared machine); the mode's size otherwise. */
const bulkMib = ((i) => (i < 0 ? null : Number(process.argv[i + 1])))(process.argv.indexOf('--bulk-mib'));
if (bulkMib !== null && !(Number.isInteger(bulkMib) && bulkMib > 0)) throw new Error('--bulk-mib takes a whole number of MiB above 0');
/** `--only warm,latency`: run these parts alone (a part of a full run on a shared machine); every part otherwise. */
const PARTS = ['warm', 'cold', 'peers', 'latency', 'bulk', 'stream', 'tracking'] as const;
type Part = (typeof PARTS)[number];
const only = ((i) => (i < 0 ? null : new Set((process.argv[i + 1] ?? '').split(','))))(process.argv.indexOf('--only'));
for (const p of only ?? []) if (!PARTS.includes(p as Part)) throw new Error(`--only takes parts out of ${PARTS.join(', ')}; "${p}" is none of them`);
const wanted = (p: Part): boolean => only === null || only.has(p);
/** `--reps N`: fan-out reps (3 in a full run) and tracking reps (7 at least in a full run). */
const repsArg = ((i) => (i < 0 ? null : Number(process.argv[i + 1])))(process.argv.indexOf('--reps'));
if (repsArg !== null && !(Number.isInteger(repsArg) && repsArg > 0)) throw new Error('--reps takes a whole number above 0');
/** `--stages`: when each instance of a warm run reached each stage (bench/stage-marks.ts), in the RESULT. */
const stages = process.argv.includes('--stages');
/** `--cpu-prof DIR`: a CPU profile of each warm run and of the bulk phase, written to DIR (open it in Chrome's DevTools). */
const cpuProfDir = ((i) => (i < 0 ? null : (process.argv[i + 1] ?? '.')))(process.argv.indexOf('--cpu-prof'));
/** `fn` under a CPU profile written to `--cpu-prof DIR`/`name`.cpuprofile; as it is without the flag. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (cpuProfDir === null) return fn();
  const prof = await startProfile();
  try {
    return await fn();
  } finally {
    log(`cpu profile of ${name}: ${await prof.stop(path.join(cpuProfDir, `${name}.cpuprofile`))}`);
  }
}
const cfg = {
  ...(quick
    ? { hosts: 4, stream_hosts: 8, latency_samples: 20, bulk_bytes: 8 * 1024 ** 2, stream_bytes_per_host: 256 * 1024, reps: 1 }
    : { hosts: 50, stream_hosts: 200, latency_samples: 500, bulk_bytes: 1024 ** 3, stream_bytes_per_host: 2 * 1024 ** 2, reps: 3 }),
  ...(bulkMib !== null ? { bulk_bytes: bulkMib * 1024 ** 2 } : {}),
  ...(repsArg !== null ? { reps: repsArg } : {}),
};

/** Reps of the tracking A/B in a full run (or `--reps`, if more). */
const TRACKING_REPS = 7;

/** What every fan-out runs, Taskdeck and the floor alike. */
const FANOUT_COMMAND = 'echo hi';

const log = (m: string): void => void process.stderr.write(`[bench] ${m}\n`);
const reasons: Record<string, string> = {};
/** Stage marks of each warm run, with `--stages`. */
const warmStages: StageTimes[] = [];
/** With `--stages`: CPU time of this process over each floor warm fan-out. */
const floorWarmCpu: number[] = [];
const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Run one phase; a failure is recorded under `key` and the bench goes on. */
async function phase<T>(key: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    reasons[key] = errText(err);
    log(`${key} failed: ${reasons[key]}`);
    return null;
  }
}

/**
 * Taskdeck storing the bulk output and the bare read of it, in turn, `reps` times: the disk, the
 * host's shells and the page cache sway both alike, and one pair alone swung the ratio by a fifth.
 * Each side is its median; every Taskdeck rep must store every line, and the peak RSS is the highest.
 */
async function bulkPairs(bed: HostBed, td: Taskdeck) {
  type Mine = NonNullable<Awaited<ReturnType<typeof bulkOutput>>>;
  const mine: Mine[] = [];
  const floors: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < cfg.reps; i++) {
    const r = await phase('taskdeck_bulk', () => profiled(`bulk-${i + 1}`, () => bulkOutput(td, cfg.bulk_bytes)));
    if (r) mine.push(r);
    const f = await phase('floor_bulk', () => floorBulk(bed, bulkCommand(cfg.bulk_bytes).command, cfg.bulk_bytes));
    if (f) floors.push(f);
  }
  const mid = <T extends { ms: number }>(runs: T[]): T | undefined => [...runs].sort((a, b) => a.ms - b.ms)[(runs.length - 1) >> 1];
  const m = mid(mine);
  const f = mid(floors);
  return {
    bulk: m ? {
      ...m, ok: mine.every((r) => r.ok), linesStored: Math.min(...mine.map((r) => r.linesStored)), peakRss: Math.max(...mine.map((r) => r.peakRss)),
      failures: mine.flatMap((r) => r.failures), samplesMs: mine.map((r) => r.ms), rssSamples: mine.map((r) => ({ before: r.rssBefore, peak: r.peakRss })),
    } : null,
    bulkFloor: f ? { ...f, samplesMs: floors.map((r) => r.ms) } : null,
  };
}

/** Median of the measured runs of a peer; null with the first reason when none succeeded. */
function peerFigure(key: string, runs: Measured[], unavailable: string | undefined): number | null {
  if (unavailable) {
    reasons[key] = unavailable;
    return null;
  }
  const ok = runs.flatMap((r) => (r.ms === null ? [] : [r.ms]));
  const failed = runs.find((r) => r.ms === null);
  if (failed?.reason) reasons[key] = failed.reason;
  return ok.length ? median(ok) : null;
}

/** One rep of Taskdeck's cold, unsettled warm and warm fan-out, then the floor's, in that order. */
async function taskdeckAndFloor(bed: HostBed, td: Taskdeck, ids: readonly number[], into: { cold: number[]; warmUnsettled: number[]; warm: number[]; floor: { cold: number[]; warm: number[] } }): Promise<void> {
  const { cold, warmUnsettled, warm, floor } = into;
  await phase('taskdeck_fanout', async () => {
    dropConnections(td);
    // Warm right after cold finds the pool still starting the shells it keeps ready; warm is
    // measured once the pool has settled (as a second run a moment later would find it).
    for (const [into, label] of [[cold, 'cold'], [warmUnsettled, 'warm_unsettled'], [warm, 'warm']] as const) {
      if (label === 'warm') await settle(td);
      const watch = stages && label === 'warm' ? watchStages(td) : null;
      const prof = cpuProfDir !== null && label === 'warm' ? await startProfile() : null;
      watch?.start();
      const r = await timedRun(td, ids, FANOUT_COMMAND);
      if (watch) warmStages.push(watch.finish());
      if (prof) log(`cpu profile of the warm run: ${await prof.stop(path.join(cpuProfDir!, `warm-${warm.length + 1}.cpuprofile`))}`);
      if (r.failures.length) throw new Error(`${label}: ${r.failures.slice(0, 3).join('; ')}`);
      into.push(r.ms);
    }
  });
  // The floor right after Taskdeck, in the same rep, and as Taskdeck's cold began: its pool
  // settled, then its connections dropped (their sshds exit while the floor connects, as they did for Taskdeck).
  await phase('floor_fanout', async () => {
    await settle(td);
    dropConnections(td);
    floor.cold.push(await floorCold(bed, cfg.hosts, FANOUT_COMMAND));
    const w = await floorWarm(bed, cfg.hosts, FANOUT_COMMAND);
    floor.warm.push(w.ms);
    if (stages) floorWarmCpu.push(round(w.cpuMs)!);
  });
}

async function fanOut(bed: HostBed, td: Taskdeck, missing: Record<string, string>) {
  const ids = td.hostIds.slice(0, cfg.hosts);
  const cold: number[] = [];
  const warmUnsettled: number[] = [];
  const warm: number[] = [];
  const floor = { cold: [] as number[], warm: [] as number[] };
  const peerRuns: Record<string, Measured[]> = { pssh: [], ansibleCold: [], ansibleWarm: [], opensshCold: [], opensshWarm: [] };
  for (let rep = 0; rep < cfg.reps; rep++) {
    log(`fan-out ${cfg.hosts} hosts, rep ${rep + 1}/${cfg.reps}`);
    if (wanted('warm') || wanted('cold')) await taskdeckAndFloor(bed, td, ids, { cold, warmUnsettled, warm, floor });
    if (!wanted('peers')) continue;
    if (!missing.pssh) peerRuns.pssh!.push(await runPssh(bed, cfg.hosts));
    if (!missing['ansible-core']) {
      const dir = path.join(bed.dir, `acp${rep}`);
      peerRuns.ansibleCold!.push(await runAnsibleRaw(bed, cfg.hosts, dir));
      peerRuns.ansibleWarm!.push(await runAnsibleRaw(bed, cfg.hosts, dir));
      await closeMasters(bed, dir);
    }
    const dir = path.join(bed.dir, `ocm${rep}`);
    peerRuns.opensshCold!.push(await runOpensshLoop(bed, cfg.hosts, dir));
    peerRuns.opensshWarm!.push(await runOpensshLoop(bed, cfg.hosts, dir));
    await closeMasters(bed, dir);
  }
  return {
    cold, warm, warmUnsettled, floor,
    psshMs: peerFigure('pssh', peerRuns.pssh!, missing.pssh),
    ansibleColdMs: peerFigure('ansible_cold', peerRuns.ansibleCold!, missing['ansible-core']),
    ansibleWarmMs: peerFigure('ansible_warm', peerRuns.ansibleWarm!, missing['ansible-core']),
    opensshColdMs: peerFigure('openssh_cold', peerRuns.opensshCold!, undefined),
    opensshWarmMs: peerFigure('openssh_warm', peerRuns.opensshWarm!, undefined),
  };
}

async function latency(bed: HostBed, td: Taskdeck) {
  log(`latency: ${cfg.latency_samples} sequential runs on one warm connection`);
  // One connection alone: what the fan-out left (50 connections, shells being started) is not part of it.
  dropConnections(td);
  const asIs = await phase('taskdeck_latency', () => latencySamples(td, cfg.latency_samples));
  dropConnections(td);
  const floor = await phase('exec_floor', () => execFloor(td, cfg.latency_samples));
  const dir = path.join(bed.dir, 'ocm-latency');
  const ossh = await opensshLatency(bed, cfg.latency_samples, dir).finally(() => closeMasters(bed, dir));
  if (typeof ossh === 'string') reasons.openssh_latency = ossh;
  const p = (s: number[] | null | string, q: number): number | null => (Array.isArray(s) ? percentile(s, q) : null);
  return {
    asIsP50: p(asIs, 50), asIsP99: p(asIs, 99), opensshP50: p(ossh, 50), opensshP99: p(ossh, 99),
    floorBareP50: p(floor?.bare ?? null, 50), floorWrappedP50: p(floor?.wrapped ?? null, 50), floorWrappedP99: p(floor?.wrapped ?? null, 99),
  };
}

/** The latency figures of a run that leaves latency out. */
const noLatency = { asIsP50: null, asIsP99: null, opensshP50: null, opensshP99: null, floorBareP50: null, floorWrappedP50: null, floorWrappedP99: null };

async function main(): Promise<number> {
  log(`${quick ? 'quick' : 'full'} run: ${JSON.stringify(cfg)}`);
  const missing = wanted('peers') ? await ensurePeers(log) : {};
  const bed = await startBed(wanted('stream') || wanted('tracking') ? Math.max(cfg.hosts, cfg.stream_hosts) : cfg.hosts);
  let td: Taskdeck | undefined;
  let tracked: Taskdeck | undefined;
  let untracked: Taskdeck | undefined;
  try {
    log(`bed: ${bed.addresses.length} addresses on ${bed.sshdCount} sshds, port ${bed.port}, user ${bed.user.name}${bed.user.note ? ` (${bed.user.note})` : ''}`);
    td = await startTaskdeck(bed);
    const fan = await fanOut(bed, td, missing);
    const lat = wanted('latency') ? await latency(bed, td) : noLatency;
    if (wanted('bulk')) log(`bulk: ${cfg.bulk_bytes} bytes of stdout from one host`);
    const { bulk, bulkFloor } = wanted('bulk') ? await bulkPairs(bed, td) : { bulk: null, bulkFloor: null };
    if (wanted('stream')) log(`stream: ${cfg.stream_hosts} hosts × ${cfg.stream_bytes_per_host} bytes`);
    const stream = wanted('stream') ? await phase('taskdeck_stream', () => streamingLag(td!, td!.hostIds.slice(0, cfg.stream_hosts), cfg.stream_bytes_per_host)) : null;
    const figures: Figures = {
      quick, config: cfg,
      bed: { user: bed.user.name, dedicated_user: bed.user.dedicated, note: bed.user.note, sshds: bed.sshdCount, addresses: bed.addresses.length, port: bed.port },
      taskdeck: {
        coldMs: fan.cold.length ? median(fan.cold) : null, warmMs: fan.warm.length ? median(fan.warm) : null, coldSamples: fan.cold, warmSamples: fan.warm,
        warmUnsettledMs: fan.warmUnsettled.length ? median(fan.warmUnsettled) : null, warmUnsettledSamples: fan.warmUnsettled,
        latencyP50Ms: lat.asIsP50, latencyP99Ms: lat.asIsP99,
        floorBareP50Ms: lat.floorBareP50, floorWrappedP50Ms: lat.floorWrappedP50, floorWrappedP99Ms: lat.floorWrappedP99, bulk, stream,
      },
      floor: {
        coldMs: fan.floor.cold.length ? median(fan.floor.cold) : null, warmMs: fan.floor.warm.length ? median(fan.floor.warm) : null,
        coldSamples: fan.floor.cold, warmSamples: fan.floor.warm, bulk: bulkFloor,
      },
      peers: { ...fan, opensshLatencyP50Ms: lat.opensshP50, opensshLatencyP99Ms: lat.opensshP99 },
      reasons,
    };
    let tracking: TrackingFigures | null = null;
    if (wanted('tracking')) {
      log('tracking A/B: the same runs with runs tracked as jobs and not, in this run');
      // Two fresh cores: the one measured above has just stored the bulk output (its store still
      // checkpointing it), which the side compared against would not have. Two reps at least, so each
      // goes first once; seven in a full run: over six full runs, 3 reps put the warm ratio anywhere
      // from 0.80 to 1.64 (a 50–100 ms figure on two shared cores), 7 reps from 0.93 to 1.17.
      tracked = await startTaskdeck(bed);
      untracked = await startTaskdeck(bed, { trackRuns: false });
      const reps = Math.max(quick ? 2 : TRACKING_REPS, cfg.reps);
      tracking = await phase('tracking_ab', () => trackingAB(tracked!, untracked!, { ...cfg, reps }, FANOUT_COMMAND, log));
    }
    const result = { ...buildResult(figures), tracking, ...(stages ? { warm_stages_ms: warmStages, floor_warm_cpu_ms: floorWarmCpu } : {}) };
    const ab = tracking ? Object.entries(tracking.ratio).map(([k, r]) => `${k} ${tracking!.on[k]} / ${tracking!.off[k]} = ${r}`).join(', ') : `not measured: ${reasons.tracking_ab ?? 'left out (--only)'}`;
    process.stdout.write(`${resultTable(result)}\ntracking on/off (goal ≤ 1.10): ${ab}\nRESULT ${JSON.stringify(result)}\n`);
    const t = result.taskdeck;
    const asked: [Part, unknown][] = [['cold', t.cold_ms], ['warm', t.warm_ms], ['latency', t.latency_p50_ms], ['latency', t.latency_p99_ms], ['bulk', t.bulk_mb_per_s], ['stream', t.stream_lag_p99_ms]];
    const measured = asked.every(([part, v]) => !wanted(part) || typeof v === 'number');
    return measured ? 0 : 1;
  } finally {
    await td?.dispose();
    await tracked?.dispose();
    await untracked?.dispose();
    await bed.dispose();
  }
}

// Ctrl-C or a test runner's SIGTERM: exit through process 'exit', whose handlers stop the sshds, the user and temp dirs.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
