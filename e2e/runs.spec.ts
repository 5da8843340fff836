import { expect, test, type Page } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let sshd: SshdFixture;
let app: TaskdeckServer;

const SCRIPT = 'for i in $(seq 1 3000); do echo line $i; done; echo oops >&2; exit 2';

/** REST call as the admin (test setup only; the flows under test go through the UI). */
async function rest<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Add a host on the test sshd and trust the key it presents. */
async function trustedHost(token: string, name: string, address: string, machineId: number): Promise<void> {
  const host = await rest<{ id: number }>(token, 'POST', '/hosts', {
    name, host: `${address}:${sshd.port}`, username: sshd.user, machine_id: machineId, auth: { kind: 'key', private_key_path: sshd.clientKeyPath },
  });
  const probe = await rest<{ host_key: { fingerprint: string | null } }>(token, 'POST', `/hosts/${host.id}/test`, {});
  expect(probe.host_key.fingerprint).toBe(sshd.hostKeyFingerprint());
  await rest(token, 'POST', `/hosts/${host.id}/host-key/accept`, { fingerprint: probe.host_key.fingerprint });
}

test.beforeAll(async () => {
  sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2'] });
  app = await startTaskdeck();
  const login = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(app.admin) });
  const { token } = (await login.json()) as { token: string };
  await trustedHost(token, 'db-1', '127.0.0.1', 11);
  await trustedHost(token, 'db-2', '127.0.0.2', 12);
});
test.afterAll(async () => {
  await app?.stop();
  await sshd?.dispose();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.getByLabel('User name').fill(app.admin.user_name);
  await page.getByLabel('Password').fill(app.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('menuitem', { name: /Hosts/ })).toBeVisible();
}

/** Type into Targets to filter the options, Enter picks the one left. */
async function pickTarget(page: Page, name: string): Promise<void> {
  const targets = page.getByLabel('Targets');
  await targets.click();
  await targets.fill(name);
  await targets.press('Enter');
  await expect(page.locator('form').getByText(name, { exact: true })).toBeVisible();
}

test('run a script on two hosts side by side, then read its log: go to line, search', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.getByRole('menuitem', { name: 'Run' }).click();

  await pickTarget(page, 'db-1');
  await pickTarget(page, 'db-2');
  await page.keyboard.press('Escape');
  await page.getByLabel('Command').fill(SCRIPT);
  await expect(page.getByLabel('Timeout (seconds)')).toHaveValue('3600');
  await expect(page.getByRole('radio', { name: 'Tied' })).toBeChecked();
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  for (const name of ['db-1', 'db-2']) {
    const pane = page.getByRole('region', { name: `Output of ${name}` });
    await expect(pane).toContainText('Abnormal', { timeout: 30_000 });
    await expect(pane).toContainText('exit 2');
    await expect(pane).toContainText('oops');
  }
  await expect(page.getByText('0 running · 0 finished · 2 failed')).toBeVisible();
  // The form keeps its values for the next run.
  await expect(page.getByLabel('Command')).toHaveValue(SCRIPT);
  await page.screenshot({ path: 'test-results/runs-run-page.png', fullPage: true });

  await page.getByRole('menuitem', { name: 'Instances' }).click();
  // One row for the run on both hosts; expanding it lists each host's instance.
  const runRow = page.getByRole('row').filter({ hasText: '2 hosts: 2 failed' });
  await expect(runRow).toContainText('Abnormal');
  await expect(runRow).toContainText('ad hoc');
  await runRow.getByRole('button', { name: 'Expand row' }).click();
  const hostRow = (name: string) => page.getByRole('row', { name: new RegExp(name) }).filter({ hasText: 'Abnormal' }).filter({ hasNot: page.getByRole('table') });
  const row = hostRow('db-1');
  await expect(row).toBeVisible();
  await expect(hostRow('db-2')).toBeVisible();
  await page.screenshot({ path: 'test-results/runs-instances.png', fullPage: true });

  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/instances\/\d+$/);
  const log = page.getByRole('region', { name: 'Log' });
  await expect(log.getByText('line 1', { exact: true })).toBeVisible();
  await expect(page.getByText('code 2', { exact: true })).toBeVisible();

  await log.getByLabel('Go to line').fill('2500');
  await log.getByLabel('Go to line').press('Enter');
  await expect(log.getByText('line 2500', { exact: true })).toBeVisible();

  await log.getByLabel('Search log').fill('oops');
  await log.getByLabel('Search log').press('Enter');
  await expect(log.getByRole('status')).toHaveText('1 of 1');
  await expect(log.locator('mark', { hasText: 'oops' })).toBeVisible();
  await expect(log.getByRole('button', { name: 'Download log' })).toBeVisible();
  await page.screenshot({ path: 'test-results/runs-instance-light.png', fullPage: true });

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(log.locator('mark', { hasText: 'oops' })).toBeVisible();
  await page.screenshot({ path: 'test-results/runs-instance-dark.png', fullPage: true });
});

test('a long run is cancelled from its instance page', async ({ page }) => {
  await signIn(page);
  await page.getByRole('menuitem', { name: 'Run' }).click();
  await pickTarget(page, 'db-1');
  await page.keyboard.press('Escape');
  await page.getByLabel('Command').fill('sleep 60');
  await page.getByLabel('Command').press('Control+Enter');

  const pane = page.getByRole('region', { name: 'Output of db-1' });
  await expect(pane).toContainText('Running');
  await pane.getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(/#\/instances\/\d+$/);
  await expect(page.getByRole('switch', { name: 'Follow' })).toBeChecked();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Cancelled', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Log' })).toContainText(`cancelled by ${app.admin.user_name}`);
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.screenshot({ path: 'test-results/runs-cancelled.png', fullPage: true });
});
