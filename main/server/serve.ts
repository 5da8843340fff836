import { createCore, type Core } from '../core/create-core';
import { defaultStaticDir, type RunningServer, startHttpServer } from './http-server';

export interface ServeOptions {
  readonly port: number;
  readonly dataDir: string;
  readonly staticDir?: string;
  readonly healthIntervalMs?: number;
}

/** Browser mode: the core plus the HTTP server on 127.0.0.1, serving the built renderer. */
export async function serve(o: ServeOptions): Promise<{ core: Core; server: RunningServer; stop(): Promise<void> }> {
  const admin = process.env.TASKDECK_ADMIN_USER && process.env.TASKDECK_ADMIN_PASSWORD
    ? { user_name: process.env.TASKDECK_ADMIN_USER, password: process.env.TASKDECK_ADMIN_PASSWORD }
    : undefined;
  const core = await createCore({
    dataDir: o.dataDir,
    ...(admin ? { initialAdmin: admin } : {}),
    ...(o.healthIntervalMs !== undefined ? { healthIntervalMs: o.healthIntervalMs } : {}),
  });
  const staticDir = o.staticDir ?? defaultStaticDir();
  const server = await startHttpServer(core, { port: o.port, ...(staticDir ? { staticDir } : {}) });
  return {
    core,
    server,
    async stop() {
      await server.close();
      await core.dispose();
    },
  };
}
