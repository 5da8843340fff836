// Build everything: Node bundles with esbuild (fast), the renderer with Vite (only when its sources changed).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const external = ['better-sqlite3', 'ssh2', 'cpu-features', 'electron'];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, external, logLevel: 'warning' };

await Promise.all([
  build({ ...common, format: 'esm', entryPoints: { 'server/serve': 'main/server/serve-main.ts', 'cli/taskdeck': 'main/cli/taskdeck-cli.ts' }, outdir: 'dist', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }),
  build({ ...common, format: 'cjs', entryPoints: { 'electron/main': 'main/electron/main.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } }).catch(missingShell),
  build({ ...common, format: 'cjs', entryPoints: { 'preload/preload': 'preload/preload.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } }).catch(missingShell),
]);

function missingShell(err) {
  if (String(err).includes('Could not resolve') && !fs.existsSync(path.join(root, 'main/electron/main.ts'))) return;
  throw err;
}

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const index = path.join(root, 'dist/renderer/index.html');
const stale = !fs.existsSync(index) || Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'shared')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs) > fs.statSync(index).mtimeMs;
if (stale || process.argv.includes('--force')) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
}
