import { parseArgs } from '../../shared/command-line';
import { resolveDataDir } from '../core/data-dir';
import { serve } from './serve';

/** `taskdeck serve`: run the browser-mode host until interrupted. */
export async function runServe(argv: readonly string[]): Promise<void> {
  const { flags } = parseArgs(argv);
  const port = Number(flags.port ?? process.env.TASKDECK_PORT ?? 7420);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${String(flags.port)}`);
  const dataDir = resolveDataDir(typeof flags['data-dir'] === 'string' ? flags['data-dir'] : undefined);
  const running = await serve({ port, dataDir, ...(typeof flags['static-dir'] === 'string' ? { staticDir: flags['static-dir'] } : {}) });
  console.log(`Taskdeck is serving ${running.server.url} (data: ${dataDir})`);
  if (running.core.services.users.needsAdmin()) console.log('No user yet: open the URL to create the first admin.');
  const stop = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
