/**
 * Log pipeline micro-bench: the bulk bench's bytes (100-byte lines, in 32 KiB reads as ssh2 hands
 * them over) through the line splitter and the log writer into a real temp store, with no SSH. Each
 * stage is timed alone on the same bytes, then the whole path. A measurement, never enforced:
 * `node --import tsx bench/log-micro.ts [MiB] [reps]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceStatus } from '../shared/domain/instances';
import { systemClock } from '../main/core/clock';
import { toChunks, type TimedBlock } from '../main/core/domain/log-chunks';
import { LineSplitter, type LineBlock } from '../main/core/domain/log-lines';
import { EventBus } from '../main/core/event-bus';
import { LogWriter } from '../main/core/services/log-writer';
import { openStore, type Store } from '../main/core/store/store';
import { median } from './bench-util';

const mib = Number(process.argv[2] ?? 64);
const reps = Number(process.argv[3] ?? 3);
const READ = 32 * 1024;
const data = Buffer.from(`${'x'.repeat(99)}\n`.repeat(Math.ceil((mib * 1024 * 1024) / 100))).subarray(0, mib * 1024 * 1024);
const reads = Array.from({ length: Math.ceil(data.length / READ) }, (_, i) => data.subarray(i * READ, (i + 1) * READ));

function split(): LineBlock[][] {
  const s = new LineSplitter('stdout');
  return [...reads.map((r) => s.push(r)), s.end()];
}

let next = 1n;
function running(store: Store): bigint {
  const id = next++;
  store.tx(() => store.instances.insert({
    id, run_id: `r${id}`, task_id: null, attempt: 1, trigger: 'ad_hoc', host_id: null, host_snapshot: '{}', command: 'yes', mode: 'tied',
    status: InstanceStatus.Running, timeout_s: 0, log_limit_bytes: 1e12, log_policy: 'truncate', secrets: null, created_by: 'bench',
    created_time: new Date().toISOString(), task_snapshot: null, slot: null,
  }));
  return id;
}

/**
 * CPU milliseconds per MiB (1 MiB = 1,048,576 bytes) of `fn`, the median of `reps`: CPU time of the
 * whole process (the checkpointer's thread too), which other programs on a shared machine sway less than wall time.
 */
function perMiB(fn: () => void): number {
  fn();
  return median(Array.from({ length: reps }, () => {
    const t0 = process.cpuUsage();
    fn();
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1000;
  })) / mib;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-micro-'));
try {
  const store = openStore(path.join(dir, 'td.db'));
  const events = new EventBus(systemClock, () => {});
  const writer = new LogWriter(store, events, systemClock, () => {});
  const blocks = split().flat();
  const timed: TimedBlock[] = blocks.map((b) => ({ ...b, tsMs: 0 }));
  const stages = {
    split: perMiB(() => void split()),
    to_chunks: perMiB(() => {
      // As the writer cuts them: about a MiB (one flush) at a time.
      for (let i = 0; i < timed.length; i += 32) toChunks(timed.slice(i, i + 32), { lines: 512, bytes: 256 * 1024 });
    }),
    write_and_store: perMiB(() => {
      const id = running(store);
      writer.open(id, store.instances.get(id)!, () => {});
      for (const b of blocks) writer.write(id, [b]);
      writer.close(id);
    }),
    whole_path: perMiB(() => {
      const id = running(store);
      writer.open(id, store.instances.get(id)!, () => {});
      const s = new LineSplitter('stdout');
      for (const r of reads) writer.write(id, s.push(r));
      writer.write(id, s.end());
      writer.close(id);
    }),
  };
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const result = { mib, reps, ms_per_mib: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v)])), mb_per_s_whole_path: Math.round(1.048576 / (stages.whole_path / 1000)) };
  console.log(`RESULT ${JSON.stringify(result)}`);
  writer.dispose();
  store.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
