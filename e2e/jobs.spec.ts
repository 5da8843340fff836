import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let app: TaskdeckServer;
let sshd: SshdFixture;
let pluginToken: string;
/** A plug-in that also starts runs: runs on a host need a grant or an overseer role (a plug-in alone cannot apply for a grant). */
let runnerToken: string;
let adminToken: string;
/** db-1, a host on the test sshd whose key is trusted. */
let hostId: number;
let scratch: string;

async function login(user_name: string, password: string): Promise<string> {
  const res = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_name, password }) });
  return ((await res.json()) as { token: string }).token;
}

/** The plug-in: plain `fetch` with its own token, as a backup script would call Taskdeck. Returns status and body. */
async function plugin<T>(method: string, path: string, body?: unknown, token = pluginToken): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}
async function ok<T>(method: string, path: string, body?: unknown, token = pluginToken): Promise<T> {
  const r = await plugin<T>(method, path, body, token);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

/** REST as the admin (setup only; the flows under test go through the UI or the plug-in). */
async function asAdmin<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.url}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Add db-1 on the test sshd and trust the key it presents. */
async function trustedHost(): Promise<number> {
  const host = await asAdmin<{ id: number }>('POST', '/hosts', {
    name: 'db-1', host: `127.0.0.1:${sshd.port}`, username: sshd.user, machine_id: 11, auth: { kind: 'key', private_key_path: sshd.clientKeyPath },
  });
  const probe = await asAdmin<{ host_key: { fingerprint: string | null } }>('POST', `/hosts/${host.id}/test`, {});
  expect(probe.host_key.fingerprint).toBe(sshd.hostKeyFingerprint());
  await asAdmin('POST', `/hosts/${host.id}/host-key/accept`, { fingerprint: probe.host_key.fingerprint });
  return host.id;
}

test.beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-jobs-e2e-'));
  sshd = await startSshd();
  app = await startTaskdeck();
  adminToken = await login(app.admin.user_name, app.admin.password);
  await asAdmin('POST', '/users', { user_name: 'backup-plugin', password: 'pluginpass1', roles: ['plugin'] });
  pluginToken = await login('backup-plugin', 'pluginpass1');
  await asAdmin('POST', '/users', { user_name: 'drill-plugin', password: 'pluginpass2', roles: ['plugin', 'dba'] });
  runnerToken = await login('drill-plugin', 'pluginpass2');
  hostId = await trustedHost();
});
test.afterAll(async () => {
  await app?.stop();
  await sshd?.dispose();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.getByLabel('User name').fill(app.admin.user_name);
  await page.getByLabel('Password').fill(app.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('menuitem', { name: 'Dashboard' })).toBeVisible();
}

interface Node { id: string; status: string }

test('a plug-in injects a job with nested steps, ends a step, ends the job with force; the Task Monitor shows each change live', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const indicator = page.getByRole('button', { name: /running jobs?$/ });
  await expect(indicator).toHaveAccessibleName('0 running jobs');
  await page.getByRole('menuitem', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Jobs' })).toBeVisible();
  await expect(page.getByText('No jobs', { exact: true })).toBeVisible();

  // The plug-in starts its job: it appears on top, running, and the header counts it.
  const job = await ok<Node>('POST', '/jobs', { description: 'nightly backup of db-1', auto_cleared: false, external_type: 'pgbackrest' });
  const jobRow = page.getByRole('row', { name: /nightly backup of db-1/ });
  await expect(jobRow).toContainText('Running');
  await expect(jobRow).toContainText('pgbackrest');
  await expect(indicator).toHaveAccessibleName('1 running job');

  // Nested steps: one with a sub-step, one reported already finished (it folds into the job at once).
  const copy = await ok<Node>('POST', `/jobs/${job.id}/steps`, { description: 'copy base', type: 'EXECUTING' });
  const sub = await ok<Node>('POST', `/jobs/${job.id}/steps`, { parent_step_id: copy.id, description: 'copy tablespace 1', type: 'EXECUTING' });
  await ok('POST', `/jobs/${job.id}/steps`, { description: 'check space', type: 'VALIDATING', status: 'FINISHED' });
  await jobRow.getByRole('button', { name: /expand row/i }).click();
  const copyRow = page.getByRole('row', { name: /Executing copy base/ });
  const subRow = page.getByRole('row', { name: /copy tablespace 1/ });
  await expect(copyRow).toContainText('Running');
  await expect(subRow).toContainText('Running');
  await expect(jobRow).toContainText('Folded: 1 finished');

  // The plug-in ends the sub-step: it folds into its parent, which counts it.
  await ok('POST', `/jobs/${job.id}/steps/${sub.id}/end`, { succeeded: true });
  await expect(subRow).toHaveCount(0);
  await expect(copyRow).toContainText('Folded: 1 finished');
  await page.screenshot({ path: '/tmp/ui12-jobs-page.png', fullPage: true });

  // The header's task monitor lists it.
  await indicator.click();
  const popover = page.getByRole('tooltip').filter({ hasText: 'Running jobs' });
  await expect(popover.getByRole('link', { name: 'nightly backup of db-1' })).toBeVisible();
  await page.screenshot({ path: '/tmp/ui12-indicator.png' });
  await page.keyboard.press('Escape');

  // Ending with a step still open is refused, naming it; with force the step ends Aborted.
  const refused = await plugin<{ error: { message: string } }>('POST', `/jobs/${job.id}/end`, { status: 'FAILED' });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toContain('"copy base"');
  await ok('POST', `/jobs/${job.id}/end`, { status: 'FAILED', force: true, error: 'disk full on the backup target' });
  await expect(jobRow).toContainText('Failed');
  await expect(copyRow).toContainText('Aborted');
  await expect(indicator).toHaveAccessibleName('0 running jobs');

  // Its page: the tree, the error, and the aborted step.
  await jobRow.getByRole('link', { name: 'nightly backup of db-1' }).click();
  await expect(page).toHaveURL(new RegExp(`#/jobs/${job.id}$`));
  await expect(page.getByText('disk full on the backup target').first()).toBeVisible();
  await expect(page.getByRole('row', { name: /copy base/ })).toContainText('Aborted');
  await page.screenshot({ path: '/tmp/ui12-job-page.png', fullPage: true });
});

test('an admin ends an external job with force from its page, confirmed with the unfinished steps listed, then clears it', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const job = await ok<Node>('POST', '/jobs', { description: 'schema migration v42', auto_cleared: false });
  await ok('POST', `/jobs/${job.id}/steps`, { description: 'apply 0042_add_index.sql', type: 'EXECUTING' });
  await signIn(page);
  await page.goto(`${app.url}/#/jobs/${job.id}`);
  await expect(page.getByRole('row', { name: /apply 0042_add_index.sql/ })).toContainText('Running');

  await page.getByRole('button', { name: 'End schema migration v42' }).click();
  const dialog = page.getByRole('dialog', { name: 'End job "schema migration v42"' });
  await expect(dialog.getByRole('list', { name: 'Unfinished steps' })).toContainText('apply 0042_add_index.sql');
  await dialog.getByText('Finished', { exact: true }).click();
  await page.screenshot({ path: '/tmp/ui12-end-dialog.png' });
  await dialog.getByRole('button', { name: 'End and abort 1 step' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Finished');
  await expect(page.getByRole('row', { name: /apply 0042_add_index.sql/ })).toContainText('Aborted');

  await page.getByRole('button', { name: 'Clear schema migration v42' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('button', { name: 'Clear schema migration v42' })).toHaveCount(0);
  await expect(page.getByText('Yes, after the TTL once ended')).toBeVisible();
});

interface RunResult { run_id: string; instances: { id: string }[] }

test('a plug-in starts a run inside its job: the job page shows the run\'s job under it, its host linking to the instance, then folds it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const job = await ok<Node>('POST', '/jobs', { description: 'restore drill on db-1', auto_cleared: false, external_type: 'drill.sh' }, runnerToken);
  await signIn(page);
  await page.goto(`${app.url}/#/jobs/${job.id}`);
  await expect(page.getByRole('heading', { level: 4 })).toContainText('restore drill on db-1');

  // The run waits for a flag file this test writes, so it is seen running before it folds away.
  const flag = path.join(scratch, 'release-plugin-run');
  const run = await ok<RunResult>('POST', '/runs', { targets: { host_ids: [hostId] }, command: `echo from-plugin; while [ ! -e ${flag} ]; do sleep 0.2; done`, job_id: job.id }, runnerToken);
  const instanceId = run.instances[0]!.id;
  const runRow = page.getByRole('row', { name: /ad-hoc run on 1 host: echo from-plugin/ });
  await expect(runRow).toContainText('Running');
  await expect(runRow.getByRole('link', { name: 'instances of this run' })).toHaveAttribute('href', `#/instances?run=${run.run_id}`);
  const hostRow = page.getByRole('row', { name: /Executing db-1/ });
  await expect(hostRow).toContainText('Running');
  const instanceLink = hostRow.getByRole('link', { name: `instance ${instanceId}` });
  await expect(instanceLink).toBeVisible();
  await page.screenshot({ path: '/tmp/ux12-job-page-run-inside.png', fullPage: true });

  await instanceLink.click();
  await expect(page).toHaveURL(new RegExp(`#/instances/${instanceId}$`));
  await expect(page.getByText('from-plugin').first()).toBeVisible();

  // Released, the run ends; finished without failure, it folds into the plug-in's job, which counts it.
  fs.writeFileSync(flag, '');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/jobs/${job.id}$`));
  await expect(page.getByRole('row', { name: /echo from-plugin/ })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText('Folded: 1 finished')).toBeVisible();
  await expect(page.getByText('No steps yet.')).toBeVisible();
  await ok('POST', `/jobs/${job.id}/end`, { status: 'FINISHED' }, runnerToken);
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Finished');
});

test('aborting a running ad-hoc run from the Jobs page, confirmed, cancels its instance on the host', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const run = await asAdmin<RunResult>('POST', '/runs', { targets: { host_ids: [hostId] }, command: 'sleep 30' });
  const instanceId = run.instances[0]!.id;
  await signIn(page);
  await page.getByRole('menuitem', { name: 'Jobs' }).click();
  const description = 'ad-hoc run on 1 host: sleep 30';
  const row = page.getByRole('row', { name: new RegExp(description) });
  await expect(row).toContainText('Running');

  // The search is the core's: the hash carries it and only the matching job comes back.
  await page.getByLabel('Search jobs').fill('SLEEP 30');
  await page.getByLabel('Search jobs').press('Enter');
  await expect(page).toHaveURL(/#\/jobs\?q=SLEEP(\+|%20)30$/);
  await expect(page.getByRole('row', { name: /nightly backup of db-1/ })).toHaveCount(0);
  await expect(row).toContainText('Running');

  await row.getByRole('button', { name: `Abort ${description}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('instances are cancelled on their hosts');
  await dialog.getByRole('button', { name: 'Abort' }).click();
  await expect(row).toContainText('Aborted', { timeout: 30_000 });
  const instance = await asAdmin<{ status: number }>('GET', `/instances/${instanceId}`);
  expect(instance.status, 'ManualCancellation').toBe(5);
  await page.screenshot({ path: '/tmp/ux12-jobs-aborted.png', fullPage: true });
});
