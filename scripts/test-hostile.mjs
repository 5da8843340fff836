// The hostile suite: the attacks of issue 11 against the real server (hostile/*.test.ts) and a fuzz of
// every contract operation. Quick form by default; `--soak` adds 30 kill -9 during writes and a long fuzz.
// Prints a table of figures and, last, `RESULT {json}`.
//   node scripts/test-hostile.mjs [--soak] [--runs N] [--kills N] [--seed N] [--only REGEX]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const soak = argv.includes('--soak');
const seed = flag('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = flag('runs') ?? (soak ? '100' : '6');
const kills = flag('kills') ?? '30';
const only = flag('only');

const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-hostile-run-')), 'stats.jsonl');
const env = { ...process.env, HOSTILE_STATS_FILE: statsFile, HOSTILE_SEED: seed, HOSTILE_FUZZ_RUNS: runs };
const started = Date.now();

const files = fs.readdirSync(path.join(root, 'hostile'))
  .filter((f) => f.endsWith('.test.ts') && (!only || new RegExp(only).test(f)))
  .map((f) => path.join('hostile', f));
console.log(`# hostile suite (${soak ? 'soak' : 'quick'}): seed ${seed}, ${runs} fuzz runs per operation and kind, ${files.length} files`);

const steps = [];
const tests = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root, env });
steps.push({ step: 'attacks and fuzz', ok: tests.status === 0 });
if (soak) {
  const s = spawnSync(process.execPath, ['--import', 'tsx', path.join('hostile', 'soak.ts')], { stdio: 'inherit', cwd: root, env: { ...env, HOSTILE_SOAK_KILLS: kills } });
  steps.push({ step: `soak: ${kills} kill -9 during writes`, ok: s.status === 0 });
}

const lines = fs.existsSync(statsFile) ? fs.readFileSync(statsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
fs.rmSync(path.dirname(statsFile), { recursive: true, force: true });

const sum = (k) => lines.reduce((n, l) => n + (l[k] ?? 0), 0);
const result = {
  mode: soak ? 'soak' : 'quick',
  seed: Number(seed),
  fuzz_runs_per_operation: Number(runs),
  passed: steps.every((s) => s.ok),
  steps,
  requests: sum('requests'),
  status_5xx: sum('status5xx'),
  crashes: sum('crashes'),
  kills: sum('kills'),
  restarts_ok: sum('restartsOk'),
  soak_problems: sum('soakProblems'),
  max_rss_mb: Math.max(0, ...lines.map((l) => l.maxRssMb ?? 0)),
  sse_growth_mb: sum('sseGrowthMb'),
  disk_full_error_lines: sum('diskFullErrorLines'),
  seconds: Math.round((Date.now() - started) / 1000),
};

const cols = ['file', 'requests', 'status5xx', 'crashes', 'kills', 'restartsOk', 'maxRssMb'];
const row = (values) => values.map((v, i) => String(v).padEnd(i === 0 ? 20 : 12)).join('');
console.log('\n' + row(cols));
for (const l of lines) console.log(row(cols.map((c) => l[c] ?? '')));
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.step}`);
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(result.passed ? 0 : 1);
