import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';
import { pick } from './fixtures/select';

let sshd: SshdFixture;
let app: TaskdeckServer;
let token: string;
let bindingId: number;

const TASK = 'every-two-seconds';

/** REST call as the admin (test setup only; the flows under test go through the UI). */
async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test.beforeAll(async () => {
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  app = await startTaskdeck();
  const login = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(app.admin) });
  token = ((await login.json()) as { token: string }).token;
  // A host on the test sshd with its key trusted, in a group through a binding: what a task targets.
  const host = await rest<{ id: number }>('POST', '/hosts', {
    name: 'db-1', host: `127.0.0.1:${sshd.port}`, username: sshd.user, machine_id: 21, auth: { kind: 'key', private_key_path: sshd.clientKeyPath },
  });
  const probe = await rest<{ host_key: { fingerprint: string | null } }>('POST', `/hosts/${host.id}/test`, {});
  expect(probe.host_key.fingerprint).toBe(sshd.hostKeyFingerprint());
  await rest('POST', `/hosts/${host.id}/host-key/accept`, { fingerprint: probe.host_key.fingerprint });
  const group = await rest<{ id: number }>('POST', '/groups', { name: 'ops' });
  bindingId = (await rest<{ id: number }>('POST', '/bindings', { name: 'ops-db1', group_id: group.id, executor_id: host.id })).id;
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
  await expect(page.getByRole('menuitem', { name: 'Dashboard' })).toBeVisible();
}

/** Open a plain select and click one of its options. */
async function choose(page: Page, field: Locator, option: string): Promise<void> {
  await field.click({ force: true });
  // antd's role=option elements are a hidden list for screen readers; the visible items carry a title.
  await page.locator(`.ant-select-item-option[title="${option}"]`).click();
}

/** The number a dashboard statistic shows. */
async function statistic(page: Page, title: string): Promise<number> {
  const text = await page.getByRole('group', { name: title, exact: true }).innerText();
  return Number(/([\d,]+)\s*$/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

test('create a task every 2 s in the UI, start it, watch its instances, count them on the dashboard, refuse an edit while started, stop it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page);
  // The dashboard is the default page.
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.getByRole('region', { name: 'Instances per hour' })).toBeVisible();

  await page.getByRole('menuitem', { name: 'Tasks' }).click();
  await page.getByRole('button', { name: 'New task' }).click();
  await expect(page).toHaveURL(/#\/tasks\/new$/);

  await page.getByLabel('Name', { exact: true }).fill(TASK);
  // A database change takes a script and the client that reads it instead of a command.
  await choose(page, page.getByLabel('Type', { exact: true }), 'Database change');
  await expect(page.getByLabel('Script', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Client command')).toBeVisible();
  // (The Type list's hidden options are labelled too: the command box is looked up by role from here on.)
  const command = page.getByRole('textbox', { name: 'Command', exact: true });
  await expect(command).toHaveCount(0);
  await choose(page, page.getByLabel('Type', { exact: true }), 'Command');
  await command.fill('echo scheduled');
  await page.getByLabel('Cron expression').fill('*/2 * * * * *');
  await pick(page.getByLabel('Time zone'), 'Europe/Berlin');
  await pick(page.getByLabel('Bindings'), 'ops-db1');
  await page.keyboard.press('Escape');
  await expect(page.locator('form .ant-select-selection-item').getByText('ops-db1 — ops / db-1')).toBeVisible();
  await expect(page.getByLabel('Timeout (seconds)')).toHaveValue('0');

  const preview = page.getByRole('region', { name: 'Next runs' });
  await expect(preview).toContainText('Every 2 seconds');
  await expect(preview).toContainText('in Europe/Berlin');
  await expect(preview.getByRole('listitem')).toHaveCount(5);

  // A bad expression is explained, then fixed.
  await page.getByLabel('Cron expression').fill('*/2 * * *');
  await expect(preview).toContainText('Not a valid cron expression');
  await page.getByLabel('Cron expression').fill('*/2 * * * * *');
  await expect(preview.getByRole('listitem')).toHaveCount(5);

  await page.getByRole('button', { name: 'Check' }).click();
  const checks = page.getByRole('region', { name: 'Check results' });
  await expect(checks).toContainText('1 warning');
  await expect(checks).toContainText('no timeout');
  // The warning is also on its field.
  await expect(page.getByText('no timeout: a hung run keeps its slot until cancelled').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/tasks-editor.png', fullPage: true });

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(new RegExp(`#/tasks/${TASK}$`));
  const header = page.getByRole('heading', { level: 4 });
  await expect(header).toContainText('Stopped');

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(header).toContainText('Started');
  const instances = page.getByRole('region', { name: 'Instances of this task' });
  // They keep coming, live, every two seconds.
  const finished = instances.getByRole('row').filter({ hasText: 'Finished' });
  await expect(finished.first()).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => finished.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('region', { name: 'Recent slots' }).getByText('fired').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/tasks-task-page.png', fullPage: true });

  // Editing a Started task is refused, and says how to get there.
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page).toHaveURL(new RegExp(`#/tasks/${TASK}/edit$`));
  await expect(page.getByRole('alert').filter({ hasText: 'Stop the task to edit it' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  await page.getByRole('menuitem', { name: 'Dashboard' }).click();
  await expect.poll(() => statistic(page, 'Finished'), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(await statistic(page, 'Abnormal')).toBe(0);
  expect(await statistic(page, 'Running')).toBeGreaterThanOrEqual(0);
  const chart = page.getByRole('region', { name: 'Instances per hour' });
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/tasks-dashboard-light.png', fullPage: true });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.mouse.move(700, 900);
  await expect(page.getByRole('tooltip', { name: 'Switch to light theme' })).toBeHidden();
  await page.screenshot({ path: 'test-results/tasks-dashboard-dark.png', fullPage: true });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  // A bar opens the instances of its hour (and of the clicked status).
  await chart.locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/#\/instances\?.*from=.*&to=/);
  await expect(page.getByRole('row').filter({ hasText: 'echo scheduled' }).first()).toBeVisible();

  await page.getByRole('menuitem', { name: 'Tasks' }).click();
  const row = page.getByRole('row', { name: new RegExp(TASK) });
  await expect(row).toContainText('Started');
  await expect(row).toContainText('Every 2 seconds');
  await page.screenshot({ path: 'test-results/tasks-list.png', fullPage: true });
  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toContainText('Stopped');
  await expect(row.getByRole('button', { name: 'Start' })).toBeVisible();

  // Stopped: the editor saves again.
  await row.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
  await expect(page.getByText('Stop the task to edit it')).toHaveCount(0);
});

test('delete refuses a task with a running instance until asked to cancel it; import YAML shows the check result; a save with errors stays in the editor', async ({ page }) => {
  await rest('POST', '/tasks', { name: 'long-sleep', command: 'sleep 60', frequency: { mode: 'once', time_zone: 'UTC' }, binding_ids: [bindingId], timeout: 120 });
  await signIn(page);
  await page.getByRole('menuitem', { name: 'Tasks' }).click();
  const row = page.getByRole('row', { name: /long-sleep/ });
  await row.getByRole('button', { name: 'Run now' }).click();
  await expect(row.getByRole('link', { name: '1 running instance of long-sleep' })).toBeVisible({ timeout: 15_000 });

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  const force = page.getByRole('dialog').filter({ hasText: 'has 1 running instance' });
  await expect(force).toBeVisible();
  await force.getByRole('button', { name: 'Delete and cancel 1 running' }).click();
  await expect(row).toHaveCount(0);

  await page.getByRole('button', { name: 'Import YAML' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import a task from YAML' });
  await dialog.getByLabel('Task YAML').fill(`name: imported\ncommand: echo imported\ncron_expression: "0 3 * * *"\nfrequency:\n  mode: repeat\n  time_zone: Asia/Tokyo\nbinding_ids: [${bindingId}]\ntimeout: 60\n`);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toContainText('Imported imported');
  await expect(dialog).toContainText('No problems found');
  await dialog.getByRole('button', { name: 'Open imported' }).click();
  await expect(page.getByRole('heading', { level: 4 })).toContainText('imported');
  await expect(page.getByText('At 03:00 · Asia/Tokyo')).toBeVisible();

  // Saved with errors: the task exists (Stopped), the editor stays with the errors on their fields, and the next save updates it.
  await page.getByRole('menuitem', { name: 'Tasks' }).click();
  await page.getByRole('button', { name: 'New task' }).click();
  await page.getByLabel('Name', { exact: true }).fill('unbound');
  await page.getByRole('textbox', { name: 'Command', exact: true }).fill('echo unbound');
  await page.getByLabel('Cron expression').fill('0 4 * * *');
  await page.getByLabel('Timeout (seconds)').fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/tasks\/unbound\/edit$/);
  await expect(page.getByRole('region', { name: 'Check results' })).toContainText('Saved: 1 error');
  await expect(page.getByText('bind the task to at least one host (binding)').first()).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('unbound');
  await pick(page.getByLabel('Bindings'), 'ops-db1');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/tasks\/unbound$/);
  await expect(page.getByRole('region', { name: 'Recent slots' })).toBeVisible();
});

test('starting a task an approval process governs opens a change request: the task stays Stopped and links to it', async ({ page }) => {
  await rest('POST', '/processes', { name: 'commands need a DBA', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
  await rest('POST', '/tasks', { name: 'governed', command: 'echo governed', cron_expression: '0 3 * * *', binding_ids: [bindingId], timeout: 60 });
  await signIn(page);
  await page.goto(`${app.url}/#/tasks/governed`);
  const header = page.getByRole('heading', { level: 4 });
  await expect(header).toContainText('Stopped');
  await page.getByRole('button', { name: 'Start' }).click();
  const tag = header.getByRole('link', { name: /awaiting approval #\d+/ });
  await expect(tag).toBeVisible();
  await expect(tag).toHaveAttribute('href', /^#\/approvals\/\d+$/);
  await expect(header).toContainText('Stopped');
  await expect(page.getByText(/Waiting on change request #\d+: Approving/)).toBeVisible();
  await page.getByRole('menuitem', { name: 'Tasks' }).click();
  await expect(page.getByRole('row', { name: /governed/ })).toContainText(/awaiting approval #\d+/);
});
