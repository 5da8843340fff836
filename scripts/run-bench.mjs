// `node scripts/run-bench.mjs <bench> [args]`: run bench/<bench>.ts as Taskdeck ships its core,
// bundled by esbuild, in a Node process of its own. Under the tsx loader the process also held the
// transpiled sources and their source maps (about 38 MiB of resident memory the shipped bundle does
// not have, and every Error's stack mapped back), and what a bench measures of memory is the
// whole process. The bundle is written beside its source, so paths taken from it stay right.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !fs.existsSync(path.join(root, 'bench', `${name}.ts`))) {
  process.stderr.write(`usage: node scripts/run-bench.mjs <bench> [args]: a bench/<bench>.ts (got ${JSON.stringify(name ?? '')})\n`);
  process.exit(2);
}
const out = path.join(root, 'bench', `.${name}.bundle.mjs`);
await build({
  entryPoints: [path.join(root, 'bench', `${name}.ts`)],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  // Packages that still use require() (better-sqlite3's bindings, ssh2) need it in an ES module.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const child = spawn(process.execPath, [out, ...args], { stdio: 'inherit' });
// The bench stops its sshds and removes its bench user on SIGINT / SIGTERM, then ends; this waits for it.
// Ctrl-C reaches both processes (one process group): passing SIGINT on as well would hit the bench a
// second time, during its cleanup. SIGTERM (a test runner's timeout, `kill`) reaches this one alone.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  fs.rmSync(out, { force: true });
  process.exit(code ?? (signal === null ? 1 : 128 + os.constants.signals[signal]));
});
