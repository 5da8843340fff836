import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { ConsoleApi, signInAs } from './fixtures/console-api';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

// Two browser-mode servers stand for two workstations: A, the home console near the hosts; B, a reviewer's laptop.
let sshd: SshdFixture;
let a: TaskdeckServer;
let b: TaskdeckServer;
let apiA: ConsoleApi;
let apiB: ConsoleApi;
let requestId: number;
let remindedId: number;
const passwords = { dev: 'dev-password-1', lead: 'lead-password-1' } as const;
const SCREENS = 'test-results/screens';

test.beforeAll(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  [a, b] = await Promise.all([startTaskdeck(), startTaskdeck()]);
  apiA = new ConsoleApi(a.url);
  apiB = new ConsoleApi(b.url);
  await apiA.login('admin', a.admin.password);
  await apiB.login('admin', b.admin.password);
  const hostId = await apiA.trustedHost('admin', sshd, 'pg-main', 31);
  const group = await apiA.call<{ id: number }>('admin', 'POST', '/groups', { name: 'payments' });
  const bindingId = (await apiA.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-db', group_id: group.id, executor_id: hostId })).id;
  await apiA.call('admin', 'POST', '/users', { user_name: 'dev', password: passwords.dev, roles: ['developer'] });
  await apiB.call('admin', 'POST', '/users', { user_name: 'lead', password: passwords.lead, roles: ['viewer'] });
  await apiA.login('dev', passwords.dev);
  await apiB.login('lead', passwords.lead);
  // A database change needs a dba; a command's approval window is one hour, reminded at 99% left (36 s in).
  await apiA.call('admin', 'POST', '/processes', { name: 'DB change', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
  await apiA.call('admin', 'POST', '/processes', { name: 'Quick commands', task_type: 'command', validity: { approval_hours: 1, wait_hours: 1, execution_hours: 1 }, risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
  await apiA.call('admin', 'PUT', '/settings/reminders', { enabled: true, percent_left: [99], minutes_left: [] });
  // Trust both ways (the keys UI has its own spec): B trusts A's console key; A trusts lead's key as a dba.
  await apiB.call('admin', 'POST', '/trust', { text: (await apiA.call<{ content: string }>('admin', 'GET', '/keys/export?which=console')).content });
  await apiB.call('lead', 'POST', '/keys/mine', {});
  await apiA.call('admin', 'POST', '/trust', { text: (await apiB.call<{ content: string }>('lead', 'GET', '/keys/export')).content, role: 'dba' });

  await apiA.call('dev', 'POST', '/tasks', { name: 'fix-balances', type: 'database_change', script: 'UPDATE accounts SET note = 1;\n', client_command: 'cat', binding_ids: [bindingId], frequency: { mode: 'once', time_zone: 'UTC' } });
  requestId = (await apiA.call<{ approval: { request_id: number } }>('dev', 'POST', '/tasks/fix-balances/start', {})).approval.request_id;
  await apiA.call('dev', 'POST', '/tasks', { name: 'rotate-logs', type: 'command', command: 'true', binding_ids: [bindingId], frequency: { mode: 'once', time_zone: 'UTC' } });
  remindedId = (await apiA.call<{ approval: { request_id: number } }>('dev', 'POST', '/tasks/rotate-logs/start', {})).approval.request_id;
});
test.afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await sshd?.dispose();
});

/** Open the import dialog on the Approvals page and choose `file`: the dialog verifies it before anything is applied. */
async function importFile(page: Page, file: string): Promise<ReturnType<Page['getByRole']>> {
  await page.getByRole('menuitem', { name: /Approvals/ }).click();
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a bundle' });
  await dialog.locator('input[type=file]').setInputFiles(file);
  return dialog;
}

test('a request travels to a reviewer and back as signed bundles; the import dialog shows every check first; reminders reach the requester\'s bell', async ({ browser }) => {
  test.setTimeout(240_000);
  const homeHash = (await apiA.call<{ content_hash: string }>('dev', 'GET', `/requests/${requestId}`)).content_hash;
  const homeConsole = (await apiA.call<{ console_id: string }>('dev', 'GET', '/keys/console')).console_id;
  const contextA = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
  const contextB = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();

  // --- A: the requester exports the request as a bundle (a download).
  await signInAs(pageA, a.url, 'dev', passwords.dev);
  await pageA.goto(`${a.url}/#/approvals/${requestId}`);
  await pageA.getByRole('button', { name: 'Export bundle' }).click();
  const exported = pageA.waitForEvent('download');
  await pageA.getByRole('dialog', { name: `Request #${requestId} as a bundle` }).getByRole('button', { name: /^Download / }).click();
  const requestFile = path.join(SCREENS, '..', 'request.tdbundle');
  await (await exported).saveAs(requestFile);
  await pageA.keyboard.press('Escape');
  await expect(pageA.getByRole('dialog')).toHaveCount(0);

  // --- B: the reviewer imports it; the dialog shows each check, the signer and the hash before anything is applied.
  await signInAs(pageB, b.url, 'lead', passwords.lead);
  let dialog = await importFile(pageB, requestFile);
  await expect(dialog.getByText('This request bundle verifies')).toBeVisible();
  await expect(dialog.getByText('Nothing has been applied yet.')).toBeVisible();
  await expect(dialog.getByText(`console ${homeConsole}`).first()).toBeVisible();
  await expect(dialog.getByText(homeHash, { exact: true })).toBeVisible();
  expect(await dialog.getByLabel('passed').count()).toBeGreaterThan(1);
  await expect(dialog.getByLabel('failed')).toHaveCount(0);
  expect(await apiB.call<unknown[]>('lead', 'GET', '/reviews')).toEqual([]); // verified, not imported
  await pageB.screenshot({ path: `${SCREENS}/import-dialog-request.png` });
  await dialog.getByRole('button', { name: 'Import for review' }).click();

  // B: approve with lead's key; the decision bundle is downloaded.
  await expect(pageB.getByRole('heading', { name: `#${requestId} fix-balances` })).toBeVisible();
  await pageB.getByLabel('Comment').fill('reviewed offline');
  await pageB.getByRole('button', { name: 'Approve and sign' }).click();
  const decided = pageB.waitForEvent('download');
  await pageB.getByRole('dialog').getByRole('button', { name: /^Download / }).click();
  const decisionFile = path.join(SCREENS, '..', 'decision.tdbundle');
  await (await decided).saveAs(decisionFile);
  await pageB.keyboard.press('Escape');
  await expect(pageB.getByRole('dialog')).toHaveCount(0);

  // --- A: the decision is verified (signed by lead as a dba, on the same hash), then applied: the request moves on.
  dialog = await importFile(pageA, decisionFile);
  await expect(dialog.getByText('This decision bundle verifies')).toBeVisible();
  await expect(dialog.getByText('lead as dba').first()).toBeVisible();
  await expect(dialog.getByText(homeHash, { exact: true })).toBeVisible();
  expect((await apiA.call<{ state: string }>('dev', 'GET', `/requests/${requestId}`)).state).toBe('APPROVING');
  await pageA.screenshot({ path: `${SCREENS}/import-dialog-decision.png` });
  await dialog.getByRole('button', { name: 'Apply decision' }).click();
  await expect(pageA).toHaveURL(new RegExp(`#/approvals/${requestId}$`));
  await expect(pageA.getByText(/Executing|Execution succeeded/).first()).toBeVisible();
  await expect.poll(async () => (await apiA.call<{ state: string }>('dev', 'GET', `/requests/${requestId}`)).state, { timeout: 30_000 }).toBe('EXECUTION_SUCCEEDED');

  // --- A: the reminder for the other request reaches the requester's bell live (its threshold passes ~36 s after it opened).
  const bell = pageA.getByRole('button', { name: /^Notifications: 1 unread$/ });
  await expect(bell).toBeVisible({ timeout: 120_000 });
  await bell.click();
  const drawer = pageA.getByRole('dialog').filter({ has: pageA.getByRole('button', { name: 'Mark all read' }) });
  const item = drawer.getByRole('listitem', { name: new RegExp(`^Unread: Your request #${remindedId} \\(rotate-logs\\) is not approved yet: 5\\d min left$`) });
  await expect(item).toBeInViewport({ ratio: 1 });
  await pageA.screenshot({ path: `${SCREENS}/notification-centre.png`, animations: 'disabled' });
  await item.click();
  await expect(pageA).toHaveURL(new RegExp(`#/approvals/${remindedId}$`));
  await expect(pageA.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  // The thresholds are a setting: shown to everyone, changed by admins.
  await pageA.getByRole('menuitem', { name: 'Settings' }).click();
  const reminders = pageA.locator('.ant-card').filter({ hasText: 'Administrators change when reminders are due.' });
  await expect(reminders.getByText('99', { exact: true })).toBeVisible();
  await expect(reminders.getByRole('switch')).toBeDisabled();
  await reminders.scrollIntoViewIfNeeded();
  await pageA.screenshot({ path: `${SCREENS}/settings-reminders.png`, animations: 'disabled' });
  // B's reviewer never sees A's reminders (another console, another user): the centre says it is empty.
  await pageB.getByRole('button', { name: 'Notifications', exact: true }).click();
  const empty = pageB.getByRole('dialog').filter({ has: pageB.getByRole('button', { name: 'Mark all read' }) });
  await expect(empty.getByText('No notifications. Reminders before approval windows lapse appear here.')).toBeInViewport({ ratio: 1 });
  await expect(empty.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  await pageB.screenshot({ path: `${SCREENS}/notification-centre-empty.png`, animations: 'disabled' });

  await contextA.close();
  await contextB.close();
});
