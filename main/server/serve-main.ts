import { parseArgs } from 'node:util';
import { resolveDataDir } from '../core/data-dir';
import { serve } from './serve';

/** `taskdeck serve [--port N] [--data-dir DIR] [--static-dir DIR]`; an unknown flag is refused (node:util, not the CLI's parser). */
export function serveFlags(argv: readonly string[]): { port: number; dataDir: string; staticDir?: string } {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'static-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? process.env.TASKDECK_PORT ?? '7420';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new Error(`--port must be 0–65535, got ${portText}`);
  return { port, dataDir: resolveDataDir(values['data-dir']), ...(values['static-dir'] ? { staticDir: values['static-dir'] } : {}) };
}

/** `taskdeck serve`: run the browser-mode host until interrupted. */
export async function runServe(argv: readonly string[]): Promise<void> {
  const flags = serveFlags(argv);
  const running = await serve(flags);
  console.log(`Taskdeck is serving ${running.server.url} (data: ${flags.dataDir})`);
  if (running.core.services.users.needsAdmin()) console.log('No user yet: open the URL to create the first admin.');
  const stop = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm start` (scripts/serve-child.mjs): the channel closes when that parent dies, even by SIGKILL.
  if (process.connected) process.once('disconnect', stop);
}
