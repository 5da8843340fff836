import { expect, test, type Page } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { ConsoleApi, signInAs } from './fixtures/console-api';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

// What approvals.spec.ts leaves out, in the UI: reject with a comment, cancel by the requester,
// "Execute now" for a manual request, and an admin's password reset. Setup goes over REST.

let sshd: SshdFixture;
let app: TaskdeckServer;
let bindingId: number;
let api: ConsoleApi;
const passwords = { dora: 'dora-password-1', dev: 'dev-password-1', erin: 'erin-password-1' } as const;

const SCRIPT = 'UPDATE accounts SET note = 1 WHERE id = 1;\n';

/** dev's database change, started: it waits for the dba's approval. Returns the request id. */
async function requestChange(name: string, strategy: 'auto' | 'manual' = 'auto'): Promise<number> {
  await api.call('dev', 'POST', '/tasks', {
    name, type: 'database_change', script: SCRIPT, client_command: 'cat', binding_ids: [bindingId], frequency: { mode: 'once', time_zone: 'UTC' }, execution_strategy: { kind: strategy },
  });
  const task = await api.call<{ approval: { request_id: number; state: string } | null }>('dev', 'POST', `/tasks/${name}/start`, {});
  expect(task.approval?.state).toBe('APPROVING');
  return task.approval!.request_id;
}

async function stateOf(id: number): Promise<string> {
  return (await api.call<{ state: string }>('admin', 'GET', `/requests/${id}`)).state;
}

test.beforeAll(async () => {
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  app = await startTaskdeck();
  api = new ConsoleApi(app.url);
  await api.login('admin', app.admin.password);
  const hostId = await api.trustedHost('admin', sshd, 'pg-main', 31);
  const group = await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'payments' });
  bindingId = (await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-db', group_id: group.id, executor_id: hostId })).id;
  await api.call('admin', 'POST', '/users', { user_name: 'dora', password: passwords.dora, roles: ['dba'] });
  await api.call('admin', 'POST', '/users', { user_name: 'dev', password: passwords.dev, roles: ['developer'] });
  await api.call('admin', 'POST', '/users', { user_name: 'erin', password: passwords.erin, roles: ['viewer'] });
  await api.call('admin', 'POST', '/processes', { name: 'DB changes', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
  await api.login('dora', passwords.dora);
  await api.login('dev', passwords.dev);
});
test.afterAll(async () => {
  await app?.stop();
  await sshd?.dispose();
});

const heading = (page: Page) => page.getByRole('heading', { level: 4 });

test('the dba rejects with a comment: the request ends Rejected and the timeline says why', async ({ page }) => {
  const id = await requestChange('reject-me');
  await signInAs(page, app.url, 'dora', passwords.dora);
  await page.goto(`${app.url}/#/approvals/${id}`);
  await expect(heading(page)).toContainText('Approving');
  const decision = page.getByRole('region', { name: 'Decision' });
  await decision.getByLabel('Comment').fill('No WHERE clause review yet; ask again after it.');
  await decision.getByRole('button', { name: 'Reject' }).click();
  const confirm = page.getByRole('dialog', { name: `Reject request #${id}?` });
  await expect(confirm).toContainText('dev must start the task again');
  await confirm.getByRole('button', { name: 'Reject' }).click();
  await expect(heading(page)).toContainText('Rejected');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('rejected by dora');
  await expect(timeline).toContainText('No WHERE clause review yet; ask again after it.');
  await expect(page.getByRole('alert').filter({ hasText: 'Rejected' })).toBeVisible();
  await expect(page.getByText('Nothing to decide.')).toBeVisible();
  await page.screenshot({ path: 'test-results/requests-rejected.png', fullPage: true });
  expect(await stateOf(id)).toBe('REJECTED');
});

test('the requester cancels a request after confirming; "Keep it" changes nothing', async ({ page }) => {
  const id = await requestChange('cancel-me');
  await signInAs(page, app.url, 'dev', passwords.dev);
  await page.goto(`${app.url}/#/approvals/${id}`);
  await expect(heading(page)).toContainText('Approving');
  const decision = page.getByRole('region', { name: 'Decision' });
  await decision.getByRole('button', { name: 'Cancel request' }).click();
  const confirm = page.getByRole('dialog', { name: `Cancel request #${id}?` });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(heading(page)).toContainText('Approving');
  await decision.getByRole('button', { name: 'Cancel request' }).click();
  await expect(confirm).toContainText('Nobody can approve or run it any more.');
  await confirm.getByRole('button', { name: 'Cancel request' }).click();
  await expect(heading(page)).toContainText('Cancelled');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Cancel request' })).toHaveCount(0);
  expect(await stateOf(id)).toBe('CANCELLED');
  // Nobody is asked to approve it any more.
  await signInAs(page, app.url, 'dora', passwords.dora);
  await page.getByRole('menuitem', { name: 'Approvals' }).click();
  await expect(page.getByRole('tab', { name: 'To approve' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('row', { name: /cancel-me/ })).toHaveCount(0);
});

test('a manual request waits after approval until its requester clicks Execute now; it runs on the sshd', async ({ page }) => {
  test.setTimeout(120_000);
  const id = await requestChange('run-by-hand', 'manual');
  await api.call('dora', 'POST', `/requests/${id}/approve`, { comment: 'Fine.' });
  expect(await stateOf(id)).toBe('WAIT_FOR_EXECUTION');
  await signInAs(page, app.url, 'dev', passwords.dev);
  await page.goto(`${app.url}/#/approvals/${id}`);
  await expect(heading(page)).toContainText('Waiting for execution');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('waiting for the requester to start it');
  const decision = page.getByRole('region', { name: 'Decision' });
  await decision.getByRole('button', { name: 'Execute now' }).click();
  const confirm = page.getByRole('dialog', { name: `Execute request #${id} now?` });
  await expect(confirm).toContainText('run-by-hand starts now on 1 host');
  await confirm.getByRole('button', { name: 'Execute now' }).click();
  await expect(heading(page)).toContainText('Execution succeeded', { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Execution succeeded' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Execute now' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/requests-executed.png', fullPage: true });
  expect(await stateOf(id)).toBe('EXECUTION_SUCCEEDED');
  await decision.getByRole('link', { name: 'Instances of the run' }).click();
  await expect(page).toHaveURL(/#\/instances\?run=/);
  await expect(page.getByRole('row', { name: /pg-main/ })).toContainText('Finished');
});

test('an admin resets a password: the old one and its sessions stop working, the new one signs in', async ({ page }) => {
  await api.login('erin', passwords.erin);
  const fresh = 'erin-new-password-2';
  await signInAs(page, app.url, 'admin', app.admin.password);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Reset password of erin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the password of erin' });
  await dialog.getByLabel('New password').fill(fresh);
  await dialog.getByLabel('Repeat it').fill('erin-new-password-3');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog.getByText('The passwords differ')).toBeVisible();
  await dialog.getByLabel('Repeat it').fill(fresh);
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('New password set for erin; their sessions were ended')).toBeVisible();
  // erin's token from before the reset is no longer accepted.
  const me = await fetch(`${app.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${api.token('erin')}` } });
  expect(me.status).toBe(401);

  await page.getByRole('button', { name: 'Account: admin' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByLabel('User name').fill('erin');
  await page.getByLabel('Password').fill(passwords.erin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('user name or password is wrong')).toBeVisible();
  await page.getByLabel('Password').fill(fresh);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Account: erin' })).toBeVisible();
});
