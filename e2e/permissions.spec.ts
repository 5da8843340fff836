import { expect, test } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { ConsoleApi, signInAs } from './fixtures/console-api';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';
import { pick } from './fixtures/select';

let sshd: SshdFixture;
let app: TaskdeckServer;
let hostId: number;
let bindingId: number;
let api: ConsoleApi;
const passwords = { dora: 'dora-password-1', dev: 'dev-password-1' } as const;
const CLIENT = 'psql -v ON_ERROR_STOP=1 -f -';
/** Permission applications besides dev's real one, so the Approvals tables have more than a page of 20. */
const EXTRA_APPLICATIONS = 22;

/** dev applies for a permission on the sshd host; the request it opens waits for a dba. */
async function apply(name: string): Promise<number> {
  await api.call('dev', 'POST', '/tasks', { name, type: 'apply_permission', binding_ids: [bindingId], grant_hours: 2, frequency: { mode: 'once', time_zone: 'UTC' } });
  return (await api.call<{ approval: { request_id: number } }>('dev', 'POST', `/tasks/${name}/start`, {})).approval.request_id;
}

test.beforeAll(async () => {
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  app = await startTaskdeck();
  api = new ConsoleApi(app.url);
  await api.login('admin', app.admin.password);
  hostId = await api.trustedHost('admin', sshd, 'pg-main', 31);
  const group = await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'payments' });
  bindingId = (await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-db', group_id: group.id, executor_id: hostId })).id;
  await api.call('admin', 'POST', '/users', { user_name: 'dora', nick_name: 'Dora', password: passwords.dora, roles: ['dba'] });
  await api.call('admin', 'POST', '/users', { user_name: 'dev', password: passwords.dev, roles: ['developer'] });
  await api.login('dora', passwords.dora);
  await api.login('dev', passwords.dev);
  await api.call('admin', 'POST', '/processes', { name: 'Access requests', task_type: 'apply_permission', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
  await api.call('admin', 'POST', '/processes', { name: 'DB changes', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });

  // dev's application, approved by the dba: a grant on pg-main for two hours.
  const requestId = await apply('need-pg-main');
  const approved = await api.call<{ state: string }>('dora', 'POST', `/requests/${requestId}/approve`, { comment: 'For the billing migration.' });
  expect(approved.state).toBe('EXECUTION_SUCCEEDED');
  for (let i = 1; i <= EXTRA_APPLICATIONS; i++) await apply(`access-${String(i).padStart(2, '0')}`);
});
test.afterAll(async () => {
  await app?.stop();
  await sshd?.dispose();
});

test('grants: the holder sees theirs, an admin revokes it and runs are refused; a host client command; the Approvals pager', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });

  // --- The developer sees the grant, and nothing to revoke it with; the grant lets them run there.
  const run = await api.send('dev', 'POST', '/runs', { targets: { host_ids: [hostId] }, command: 'true' });
  expect(run.status).toBe(201);
  await signInAs(page, app.url, 'dev', passwords.dev);
  await page.getByRole('menuitem', { name: 'Permissions' }).click();
  const devRow = page.getByRole('row', { name: /pg-main/ });
  await expect(devRow).toContainText('dev (you)');
  await expect(devRow.getByText('Active', { exact: true })).toBeVisible();
  await expect(devRow.getByRole('link', { name: 'pg-main' })).toHaveAttribute('href', `#/hosts/${hostId}`);
  await expect(devRow.getByRole('link', { name: /^Request \d+$/ })).toHaveAttribute('href', /^#\/approvals\/\d+$/);
  await expect(page.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-developer.png', fullPage: true });

  // --- The admin sees everyone's, narrows to dev, and revokes it after confirming.
  await signInAs(page, app.url, 'admin', app.admin.password);
  await page.getByRole('menuitem', { name: 'Permissions' }).click();
  const row = page.getByRole('row', { name: /pg-main/ });
  await expect(row).toContainText('dev');
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  const userFilter = page.getByRole('combobox', { name: 'Filter by user' });
  await pick(userFilter, 'dora');
  await expect(page.getByText('dora holds no active permission')).toBeVisible();
  await page.getByRole('button', { name: 'Refresh' }).click(); // the filter holds over a reload
  await expect(page.getByText('dora holds no active permission')).toBeVisible();
  await pick(userFilter, 'dev');
  await expect(row).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-admin.png', fullPage: true });
  await row.getByRole('button', { name: "Revoke dev's permission on pg-main" }).click();
  const confirm = page.getByRole('dialog', { name: "Revoke dev's permission on pg-main?" });
  await expect(confirm).toContainText('can no longer start runs on pg-main');
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText("Revoked dev's permission on pg-main")).toBeVisible();
  // "Active only" no longer lists it; "All" shows who ended it.
  await expect(page.getByText('dev holds no active permission')).toBeVisible();
  await page.getByRole('button', { name: 'Show all (1 ended)' }).click();
  await expect(row.getByText('Revoked by admin', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-revoked.png', fullPage: true });

  // --- Revoked means refused at once.
  const refused = await api.send('dev', 'POST', '/runs', { targets: { host_ids: [hostId] }, command: 'true' });
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('dev has no permission to run on pg-main');

  // --- The admin gives the host its database client; its page shows it.
  await page.goto(`${app.url}/#/hosts/${hostId}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  const drawer = page.getByRole('dialog', { name: 'Edit host pg-main' });
  const client = drawer.getByLabel('Client command');
  await expect(client).toHaveValue('');
  await client.fill(CLIENT);
  await client.scrollIntoViewIfNeeded();
  await expect(drawer.getByText('Changing it voids open change requests of tasks on this host.')).toBeVisible();
  await page.screenshot({ path: 'test-results/permissions-host-form.png' });
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('row', { name: /^Client command/ }).getByText(CLIENT, { exact: true })).toBeVisible();
  expect((await api.call<{ client_command: string }>('admin', 'GET', `/hosts/${hostId}`)).client_command).toBe(CLIENT);

  // --- The Approvals tables page on the server: 23 requests, 20 a page; a new one arrives live on page 1.
  await page.goto(`${app.url}/#/approvals?view=all&size=20`);
  const pager = page.locator('.ant-pagination');
  await expect(pager).toContainText(`1–20 of ${EXTRA_APPLICATIONS + 1}`);
  await expect(page.getByRole('row', { name: /access-22/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /need-pg-main/ })).toHaveCount(0);
  await apply('access-live');
  await expect(page.getByRole('row', { name: /access-live/ })).toBeVisible();
  await expect(pager).toContainText(`1–20 of ${EXTRA_APPLICATIONS + 2}`);
  await expect(page.getByRole('row', { name: /access-\d\d|access-live/ })).toHaveCount(20);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-approvals-pager.png', fullPage: true });
  await pager.getByTitle('2', { exact: true }).click();
  await expect(page).toHaveURL(/#\/approvals\?view=all&page=2&size=20$/);
  await expect(pager).toContainText(`21–${EXTRA_APPLICATIONS + 2} of ${EXTRA_APPLICATIONS + 2}`);
  await expect(page.getByRole('row', { name: /need-pg-main/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /access-live/ })).toHaveCount(0);
  // The search and the state filter go to the core: from page 2, "access-1" finds the ten on page 1.
  const search = page.getByLabel('Search requests');
  await search.fill('access-1');
  await expect(page).toHaveURL(/#\/approvals\?view=all&q=access-1&size=20$/);
  await expect(page.getByText('10 requests match')).toBeVisible();
  await expect(page.getByRole('row', { name: /access-1\d/ })).toHaveCount(10);
  await expect(page.getByRole('row', { name: /access-0|access-2|access-live|need-pg-main/ })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-approvals-search.png', fullPage: true });
  await page.getByRole('button', { name: 'Filter by state' }).click();
  await page.getByRole('menuitem', { name: 'Rejected' }).click();
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(/#\/approvals\?view=all&q=access-1&state=REJECTED&size=20$/);
  await expect(page.getByText('No requests match')).toBeVisible();
  await page.screenshot({ path: 'test-results/permissions-approvals-no-match.png', fullPage: true });
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page).toHaveURL(/#\/approvals\?view=all&size=20$/);
  await expect(search).toHaveValue('');
  await expect(pager).toContainText(`1–20 of ${EXTRA_APPLICATIONS + 2}`);

  // --- A database change with no client command of its own: the request shows each host's.
  await api.call('dev', 'POST', '/tasks', { name: 'fix-note', type: 'database_change', script: 'UPDATE notes SET body = trim(body);\n', binding_ids: [bindingId], frequency: { mode: 'once', time_zone: 'UTC' } });
  const change = await api.call<{ approval: { request_id: number } }>('dev', 'POST', '/tasks/fix-note/start', {});

  // --- The developer: no active grant any more, and how to get one.
  await signInAs(page, app.url, 'dev', passwords.dev);
  await page.getByRole('menuitem', { name: 'Permissions' }).click();
  await expect(page.getByText('You hold no active permission to run on hosts')).toBeVisible();
  await expect(page.getByRole('link', { name: 'New permission application' })).toHaveAttribute('href', '#/tasks/new?type=apply_permission');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-empty.png', fullPage: true });
  await page.getByRole('link', { name: 'New permission application' }).click();
  await expect(page.getByRole('heading', { name: 'New task' })).toBeVisible();
  await expect(page.getByLabel('Grant hours')).toBeVisible();

  await page.goto(`${app.url}/#/approvals/${change.approval.request_id}`);
  await expect(page.getByRole('region', { name: 'Client command', exact: true })).toContainText("(each host's own; see Target hosts)");
  const perHost = page.getByRole('list', { name: 'Client command per host' });
  await expect(perHost.getByRole('listitem')).toHaveCount(1);
  await expect(perHost.getByRole('link', { name: 'pg-main' })).toHaveAttribute('href', `#/hosts/${hostId}`);
  await expect(perHost.getByText(CLIENT, { exact: true })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/permissions-request-host-client.png', fullPage: true });
});
