// The browser-mode host exactly as `taskdeck serve` runs it, from source (the hostile suite needs no build).
import { runServe } from '../main/server/serve-main';

try {
  await runServe(process.argv.slice(2));
} catch (err) {
  console.error(`taskdeck: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
