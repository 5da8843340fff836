#!/usr/bin/env node
// Entry of the `taskdeck` tool: `serve` runs the browser-mode host, everything else is the REST client.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const entry = join(root, 'dist', args[0] === 'serve' ? 'server/serve.js' : 'cli/taskdeck.js');
if (!existsSync(entry)) {
  console.error('taskdeck: not built yet; run "npm run build" first');
  process.exit(1);
}
const mod = await import(entry);
try {
  if (args[0] === 'serve') await mod.runServe(args.slice(1));
  else process.exitCode = await mod.runCli(args);
} catch (err) {
  console.error(`taskdeck: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
