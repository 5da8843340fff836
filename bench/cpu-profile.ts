/** A CPU profile of this process over a stretch of the bench, through the inspector (no restart with --cpu-prof). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';

export async function startProfile(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 100 µs: a 60 ms run gives a few hundred samples.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      try {
        const { profile } = await session.post('Profiler.stop');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(profile));
        return file;
      } finally {
        session.disconnect();
      }
    },
  };
}
