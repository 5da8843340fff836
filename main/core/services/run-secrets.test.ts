import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** Run secrets as an attacker with the data folder would look for them: in the raw bytes of every file. */
describe('run secrets over a real sshd', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let host: number;

  before(async () => {
    sshd = await startSshd();
    h = await startHarness();
    host = await h.trustedHost(sshd, 'a', '127.0.0.1', 21);
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  const ended = (i: { status: number }): boolean => i.status !== InstanceStatus.Running;
  const logOf = async (id: string): Promise<string[]> =>
    (await h.call('instances.log', { id, from_line: 1, limit: 10_000 })).lines.filter((l) => l.stream !== 'system').map((l) => l.text);

  for (const mode of ['tied', 'detached'] as const) {
    test(`the issue's leak (${mode}): 16,380 A's then the secret, cut by the line limit, is stored masked`, async () => {
      const secret = 'RunSecret-AAAA-1111';
      const run = await h.call('runs.create', {
        targets: { host_ids: [host] }, mode, secrets: [secret],
        command: `head -c 16380 /dev/zero | tr '\\0' A; printf '%s\\n' "$S"; echo "tail $S"`.replaceAll('$S', secret),
      });
      const done = await h.waitInstance(run.instances[0]!.id, ended);
      assert.equal(done.status, InstanceStatus.Finished);
      const lines = await logOf(done.id);
      assert.equal(lines.join(''), `${'A'.repeat(16_380)}****tail ****`);
      assert.ok(!lines.join('').includes('RunS') && !lines.join('').includes('ecret-'), JSON.stringify(lines.map((l) => l.slice(-20))));
      assert.ok(!done.command.includes(secret), 'the command is stored masked');
    });
  }

  test('a secret is absent from the database, its WAL, the log files and a backup, while the run goes on and after it ended', async () => {
    const secret = `Pw-${randomBytes(8).toString('hex')}`;
    const run = await h.call('runs.create', { targets: { host_ids: [host] }, mode: 'detached', secrets: [secret], command: `echo "pw=${secret}"; sleep 1; echo done` });
    const id = run.instances[0]!.id;
    await h.waitInstance(id, (i) => i.log_lines >= 2);
    const file = path.join(h.dir, 'taskdeck.db');
    const logs = (): string[] => (fs.existsSync(`${file}-logs`) ? fs.readdirSync(`${file}-logs`).map((f) => path.join(`${file}-logs`, f)) : []);
    const files = (): string[] => [file, `${file}-wal`, ...logs()].filter((f) => fs.existsSync(f));
    // A short log is in its rows (the WAL, not yet checkpointed); a long one in its file: the masked line is in one of them, so they are the places to look.
    assert.ok(files().some((f) => fs.readFileSync(f).includes('pw=****')), 'the run\'s output is stored, masked');
    for (const f of files()) assert.ok(!fs.readFileSync(f).includes(secret), `${path.basename(f)} holds the secret while the run goes on`);
    await h.waitInstance(id, ended);
    const backup = await h.core.services.backup();
    for (const f of [...files(), backup.path]) assert.ok(!fs.readFileSync(f).includes(secret), `${path.basename(f)} holds the secret`);
    assert.ok((await logOf(id)).includes('pw=****'));
    const audit = h.core.services.store.db.prepare('SELECT details FROM audit').pluck().all() as string[];
    assert.ok(audit.length > 0 && !audit.some((d) => d.includes(secret)), 'the audit entry holds the command masked');
  });
});
