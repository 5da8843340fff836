/**
 * The soak: `kill -9` of the server during writes (runs printing lines, task, host and group edits),
 * each followed by a restart that must open cleanly: PRAGMA quick_check ok, no instance left
 * Running after reconcile, audit verify ok. Run by `node scripts/test-hostile.mjs --soak`;
 * HOSTILE_SOAK_KILLS sets the number of kills (default 30). Exits non-zero on any failure.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { startSshd } from '../e2e/fixtures/sshd';
import { startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, waitFor, type World } from './world';

const KILLS = Number(process.env.HOSTILE_SOAK_KILLS ?? 30);

interface Page { items: { id: string; status: number }[]; total: number | null }

function quickCheck(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'taskdeck.db'), { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('quick_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Start writes of every kind and leave them in flight; resolves once a run has stored log lines (a state, so the kill lands mid-write). */
async function writesInFlight(world: World, round: number): Promise<void> {
  const { api } = world;
  const tied = round % 2 === 0;
  const run = await api.call<{ instances: { id: string }[] }>('admin', 'POST', '/runs', {
    targets: { host_ids: [world.hosts.ssh] },
    mode: tied ? 'tied' : 'detached',
    command: 'i=0; while [ $i -lt 40000 ]; do echo "soak line $i"; i=$((i+1)); done',
  });
  for (let i = 0; i < 10; i++) {
    void api.send('admin', 'PUT', `/tasks/${world.tasks.admin}`, { description: `round ${round} edit ${i}` }).catch(() => undefined);
    void api.send('admin', 'PUT', `/hosts/${world.hosts.refused}`, { tag: `r${round}-${i}` }).catch(() => undefined);
    void api.send('admin', 'POST', '/groups', { name: `soak-${round}-${i}` }).catch(() => undefined);
  }
  await waitFor('the soak run to store lines', async () => {
    const i = await api.call<{ log_lines: number; status: number }>('admin', 'GET', `/instances/${run.instances[0]!.id}`);
    return i.log_lines > 0 || i.status !== 1 ? true : undefined;
  });
}

async function restartChecks(server: ServerProcess, world: World, problems: string[], round: number): Promise<boolean> {
  const check = quickCheck(server.dataDir);
  if (check !== 'ok') problems.push(`round ${round}: quick_check ${check}`);
  const stuck = await waitFor('no instance left Running after reconcile', async () => {
    const page = await world.api.call<Page>('admin', 'GET', '/instances?per_page=500');
    return page.items.every((i) => i.status !== 1) ? [] : undefined;
  }, 90_000).catch(() => ['still Running after 90 s']);
  if (stuck.length) problems.push(`round ${round}: instances stuck Running`);
  const verify = await world.api.call<{ ok: boolean }>('admin', 'GET', '/audit/verify');
  if (!verify.ok) problems.push(`round ${round}: audit verify ${JSON.stringify(verify)}`);
  return check === 'ok' && stuck.length === 0 && verify.ok;
}

async function main(): Promise<void> {
  const stats = new Stats('soak');
  const problems: string[] = [];
  const sshd = await startSshd();
  let server = await startServer();
  const dataDir = server.dataDir;
  const world = await buildWorld(server.url, { sshd });
  try {
    for (let round = 1; round <= KILLS; round++) {
      await writesInFlight(world, round);
      stats.rss(server.rssMb());
      await server.kill9();
      stats.figures.kills++;
      try {
        server = await startServer({ dataDir, ownsDataDir: true });
      } catch (err) {
        problems.push(`round ${round}: restart failed: ${(err as Error).message.slice(0, 500)}`);
        break;
      }
      world.api.retarget(server.url);
      if (await restartChecks(server, world, problems, round)) stats.figures.restartsOk++;
      console.log(`# soak round ${round}/${KILLS}: restart ${problems.length ? 'with problems' : 'ok'}`);
    }
  } finally {
    stats.add('soakProblems', problems.length);
    stats.flush();
    await server.dispose();
    await sshd.dispose();
  }
  for (const p of problems) console.error(`soak: ${p}`);
  process.exitCode = problems.length ? 1 : 0;
}

await main();
