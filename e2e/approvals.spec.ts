import { expect, test, type Locator } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { ConsoleApi, signInAs } from './fixtures/console-api';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';
import { pick } from './fixtures/select';

let sshd: SshdFixture;
let app: TaskdeckServer;
let bindingId: number;
let api: ConsoleApi;
const passwords = { dora: 'dora-password-1', dev: 'dev-password-1' } as const;

const SCRIPT = "-- fix balances; the ';' inside quotes does not split\nUPDATE accounts SET note = 'a;b' WHERE id = 1;\nDELETE FROM sessions WHERE expired;\n";

test.beforeAll(async () => {
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  app = await startTaskdeck();
  api = new ConsoleApi(app.url);
  await api.login('admin', app.admin.password);
  const hostId = await api.trustedHost('admin', sshd, 'pg-main', 21);
  const group = await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'payments' });
  bindingId = (await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-db', group_id: group.id, executor_id: hostId })).id;
  await api.call('admin', 'POST', '/users', { user_name: 'dora', nick_name: 'Dora', password: passwords.dora, roles: ['dba'] });
  await api.call('admin', 'POST', '/users', { user_name: 'dev', password: passwords.dev, roles: ['developer'] });
  await api.login('dev', passwords.dev);
  // A disabled process, first in priority: it must be shown greyed and never matched.
  await api.call('admin', 'POST', '/processes', { name: 'Old DB process', task_type: 'database_change', enabled: false, risk_levels: [{ level: 1, approval_nodes: [{ role: 'viewer' }] }] });
});
test.afterAll(async () => {
  await app?.stop();
  await sshd?.dispose();
});

/** The same for a multiple select, whose list stays open: Escape closes the list (not the drawer). */
async function pickMany(field: Locator, text: string): Promise<void> {
  await pick(field, text);
  await field.press('Escape');
}

/** Leave only `keep` checked among a level's SQL subtypes. */
async function keepSubtypes(level: Locator, keep: readonly string[]): Promise<void> {
  for (const s of ['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'CREATE', 'DROP', 'ALTER', 'OTHER']) {
    const box = level.getByRole('checkbox', { name: s, exact: true });
    if ((await box.isChecked()) !== keep.includes(s)) await box.click();
  }
}

test('processes by priority and level; four eyes; the approved script runs; an edit voids the next approval', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 960 });

  // --- Admin defines the processes in the UI.
  await signInAs(page, app.url, 'admin', app.admin.password);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await expect(page.getByRole('row', { name: /dora/ })).toContainText('dba');
  // The last admin cannot be disabled: the core's refusal is shown as it says it.
  await page.getByRole('button', { name: 'Disable admin' }).click();
  await page.getByRole('dialog', { name: 'Disable admin?' }).getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByText('this is the last enabled admin; make another admin first')).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // A user with a custom role, typed in.
  await page.getByRole('button', { name: 'New user' }).click();
  const userDrawer = page.getByRole('dialog', { name: 'New user' });
  await userDrawer.getByLabel('User name').fill('olga');
  await userDrawer.getByLabel('Password').fill('olga-password-1');
  await pickMany(userDrawer.getByRole('combobox', { name: 'Roles' }), 'ops-lead');
  await userDrawer.getByRole('button', { name: 'Save' }).click();
  await expect(userDrawer).toBeHidden();
  await expect(page.getByRole('row', { name: /olga/ })).toContainText('ops-lead');
  await page.screenshot({ path: 'test-results/approvals-users.png', fullPage: true });
  await page.getByRole('menuitem', { name: 'Processes' }).click();
  await expect(page.getByRole('row', { name: /Old DB process/ })).toBeVisible();

  // A lax process for any database change, on all hosts.
  await page.getByRole('button', { name: 'New process' }).click();
  let drawer = page.getByRole('dialog', { name: 'New process' });
  await drawer.getByLabel('Name').fill('Any DB change');
  await pick(drawer.getByLabel('Role'), 'dba');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('row', { name: /Any DB change/ })).toBeVisible();

  // The strict one: payments only, two levels.
  await page.getByRole('button', { name: 'New process' }).click();
  drawer = page.getByRole('dialog', { name: 'New process' });
  await drawer.getByLabel('Name').fill('Payments DB change');
  // Command has one level (no "Add level"); then back to Database change.
  const type = drawer.getByLabel('Task type');
  await pick(type, 'Command');
  await expect(drawer.getByRole('button', { name: 'Add level' })).toHaveCount(0);
  await pick(type, 'Database');
  await expect(drawer.getByRole('button', { name: 'Add level' })).toBeVisible();
  const level1 = drawer.getByRole('group', { name: 'Level 1', exact: true });
  await keepSubtypes(level1, ['SELECT', 'INSERT']);
  await level1.getByLabel('Max statements').fill('10');
  await pick(level1.getByLabel('Role'), 'dba');
  await drawer.getByRole('button', { name: 'Add level' }).click();
  const level2 = drawer.getByRole('group', { name: 'Level 2', exact: true });
  await keepSubtypes(level2, ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  await expect(level2.getByLabel('Role')).toHaveCount(1);
  await level2.getByRole('button', { name: 'Add node' }).click();
  await pick(level2.getByLabel('Role').nth(1), 'admin');
  await drawer.getByText('Some hosts and groups').click();
  await pickMany(drawer.getByRole('combobox', { name: 'Groups' }), 'payments');
  // A tall window, so both levels show at once.
  await page.setViewportSize({ width: 1440, height: 1800 });
  await page.screenshot({ path: 'test-results/approvals-process-editor.png' });
  await page.setViewportSize({ width: 1440, height: 960 });
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  const strictRow = page.getByRole('row', { name: /Payments DB change/ });
  await expect(strictRow).toContainText('payments (group)');
  await expect(strictRow).toContainText('admin');

  // A name is unique: the server's message lands on the field.
  await page.getByRole('button', { name: 'New process' }).click();
  drawer = page.getByRole('dialog', { name: 'New process' });
  await drawer.getByLabel('Name').fill('Any DB change');
  await pick(drawer.getByLabel('Role'), 'dba');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.getByText('a process with this name already exists')).toBeVisible();
  await drawer.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/approvals-processes-list.png', fullPage: true });

  // Disabling asks first; cancelling changes nothing.
  await page.getByRole('switch', { name: 'Enabled: Any DB change' }).click();
  await expect(page.getByRole('dialog', { name: /Disable process Any DB change/ })).toContainText('never matched while disabled');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('switch', { name: 'Enabled: Any DB change' })).toBeChecked();

  // The view panel.
  await page.getByLabel('Search processes').fill('payments');
  await expect(page.getByRole('row', { name: /Any DB change/ })).toHaveCount(0);
  await page.getByLabel('Search processes').fill('');
  await strictRow.getByRole('link', { name: 'View Payments DB change' }).click();
  const view = page.getByRole('dialog', { name: 'Process Payments DB change' });
  await expect(view.getByRole('group', { name: 'Level 2' })).toContainText('admin');
  await expect(view).toContainText('payments');
  await expect(view.getByRole('button', { name: 'Edit' })).toBeInViewport({ ratio: 1 }); // slid all the way in
  await page.screenshot({ path: 'test-results/approvals-process-view.png', fullPage: true });
  await view.getByRole('button', { name: 'Close' }).click();

  // The unmatched-task policy: database changes no process covers are refused by default.
  await page.getByRole('tab', { name: 'Unmatched tasks' }).click();
  await expect(page.getByRole('switch', { name: 'Database change: run unmatched tasks without approval' })).not.toBeChecked();
  await page.screenshot({ path: 'test-results/approvals-policy.png', fullPage: true });

  // --- Priority: the strict process goes to the top (buttons and keyboard), then is saved.
  await page.getByRole('tab', { name: 'Set priority' }).click();
  const priority = page.getByRole('region', { name: 'Priority' });
  const items = priority.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('never matched while disabled');
  const strictItem = items.filter({ hasText: 'Payments DB change' });
  await strictItem.getByRole('button', { name: 'Move up' }).click();
  await expect(items.nth(1)).toContainText('Payments DB change');
  await expect(priority.getByRole('button', { name: 'Move up' }).nth(1)).toBeFocused();
  await strictItem.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(items.nth(0)).toContainText('Payments DB change');
  await expect(strictItem).toBeFocused();
  await expect(priority.getByRole('status')).toHaveText('Payments DB change moved to position 1 of 3.');
  await expect(priority.getByText('Unsaved order')).toBeVisible();
  await page.screenshot({ path: 'test-results/approvals-priority.png', fullPage: true });
  await priority.getByRole('button', { name: 'Save order' }).click();
  await expect(priority.getByText('Unsaved order')).toBeHidden();
  await expect(priority.getByRole('button', { name: 'Save order' })).toBeDisabled();
  // A mouse drag by the handle (dnd-kit's pointer sensor starts past a few pixels): the last row dropped over the
  // first goes first; Discard puts the saved order back. dnd-kit's live region says where the row would land.
  const dragStatus = page.getByRole('status').filter({ hasText: / is over position / });
  const anyHandle = priority.getByRole('button', { name: 'Reorder Any DB change' });
  const from = (await anyHandle.boundingBox())!;
  const top = (await items.nth(0).boundingBox())!;
  const x = from.x + from.width / 2;
  await page.mouse.move(x, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, from.y + from.height / 2 - 10, { steps: 2 });
  await expect(anyHandle).toHaveAttribute('aria-pressed', 'true');
  await expect(dragStatus).toHaveText('Any DB change is over position 3 of 3.');
  await page.mouse.move(x, top.y + top.height / 2, { steps: 12 });
  await expect(dragStatus).toHaveText('Any DB change is over position 1 of 3.');
  // Not full-page: that resizes the window, and dnd-kit cancels a drag on resize.
  await page.screenshot({ path: 'test-results/approvals-priority-drag.png', animations: 'disabled' });
  await page.mouse.up();
  await expect(items.nth(0)).toContainText('Any DB change');
  await expect(items.nth(2)).toContainText('Old DB process');
  await expect(priority.getByRole('status')).toHaveText('Any DB change moved to position 1 of 3.');
  await expect(priority.getByText('Unsaved order')).toBeVisible();
  await priority.getByRole('button', { name: 'Discard' }).click();
  await expect(items.nth(0)).toContainText('Payments DB change');
  await expect(priority.getByText('Unsaved order')).toBeHidden();
  // The keyboard drag on a focused handle: Space picks the row up, ArrowDown moves it a place, Space drops it.
  const strictHandle = priority.getByRole('button', { name: 'Reorder Payments DB change' });
  await strictHandle.focus();
  await page.keyboard.press('Space');
  await expect(strictHandle).toHaveAttribute('aria-pressed', 'true');
  await expect(dragStatus).toHaveText('Payments DB change is over position 1 of 3.');
  await page.keyboard.press('ArrowDown');
  await expect(dragStatus).toHaveText('Payments DB change is over position 2 of 3.');
  await page.keyboard.press('Space');
  await expect(items.nth(1)).toContainText('Payments DB change');
  await expect(items.nth(0)).toContainText('Old DB process');
  await expect(priority.getByRole('status')).toHaveText('Payments DB change moved to position 2 of 3.');
  await expect(strictHandle).toBeFocused();
  await priority.getByRole('button', { name: 'Discard' }).click();
  await expect(items.nth(0)).toContainText('Payments DB change');
  const saved = await api.call<{ ids: number[] }>('admin', 'GET', '/processes/priority?task_type=database_change');
  const all = await api.call<{ id: number; name: string }[]>('admin', 'GET', '/processes?task_type=database_change');
  expect(saved.ids.map((id) => all.find((p) => p.id === id)?.name)).toEqual(['Payments DB change', 'Old DB process', 'Any DB change']);

  // A process made elsewhere appears live; a column filter finds it; multi-select delete names what goes.
  await page.getByRole('tab', { name: 'Processes' }).click();
  await api.call('admin', 'POST', '/processes', { name: 'Scratch process', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: [{ role: 'ops-lead' }] }] });
  await expect(page.getByRole('row', { name: /Scratch process/ })).toBeVisible();
  await page.getByRole('button', { name: 'Filter by approval role' }).click();
  await page.getByRole('menuitem', { name: 'ops-lead' }).click();
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('row', { name: /Any DB change/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('row', { name: /Any DB change/ })).toBeVisible();
  await page.getByRole('row', { name: /Scratch process/ }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  const confirmDelete = page.getByRole('dialog', { name: 'Delete process Scratch process?' });
  await expect(confirmDelete).toContainText('Command');
  await confirmDelete.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('row', { name: /Scratch process/ })).toHaveCount(0);

  // --- The developer's task (REST), started from the Tasks page as dev.
  await api.call('dev', 'POST', '/tasks', { name: 'fix-balances', type: 'database_change', script: SCRIPT, client_command: 'cat', binding_ids: [bindingId], frequency: { mode: 'once', time_zone: 'UTC' } });
  await signInAs(page, app.url, 'dev', passwords.dev);
  await expect(page.getByRole('menuitem', { name: 'Users' })).toHaveCount(0);
  await page.goto(`${app.url}/#/tasks/fix-balances`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByText('fix-balances needs approval')).toBeVisible();

  await page.getByRole('menuitem', { name: 'Approvals' }).click();
  await page.getByRole('tab', { name: 'Mine' }).click();
  await page.getByRole('row', { name: /fix-balances/ }).getByRole('link', { name: 'fix-balances' }).click();
  await expect(page).toHaveURL(/#\/approvals\/\d+$/);
  const requestUrl = page.url();
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Approving');
  await expect(page.getByRole('link', { name: 'Payments DB change' })).toBeVisible();
  await expect(page.getByText('Level 2', { exact: true })).toBeVisible();
  const script = page.getByRole('region', { name: 'Script' });
  const marks = script.locator('mark');
  await expect(marks).toHaveCount(2);
  await expect(marks.nth(0)).toHaveAttribute('data-subtype', 'UPDATE');
  await expect(marks.nth(0)).toContainText("UPDATE accounts SET note = 'a;b' WHERE id = 1");
  await expect(marks.nth(1)).toHaveAttribute('data-subtype', 'DELETE');
  await expect(marks.nth(1)).toContainText('DELETE FROM sessions WHERE expired');
  const decision = page.getByRole('region', { name: 'Decision' });
  await expect(decision).toContainText('You requested this change; someone else must approve it.');
  await expect(decision.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(decision.getByRole('button', { name: 'Cancel request' })).toBeVisible();
  await page.screenshot({ path: 'test-results/approvals-request-requester.png', fullPage: true });

  // --- The dba approves node 1; the badge says one request waits for her.
  await signInAs(page, app.url, 'dora', passwords.dora);
  const nav = page.getByRole('menuitem', { name: 'Approvals' });
  await expect(nav).toContainText('1');
  await expect(nav).toHaveAccessibleName(/(^| )Approvals$/); // the count is not part of the name
  await expect(page.getByRole('status').filter({ hasText: 'waiting for your approval' })).toHaveText('1 change request waiting for your approval');
  await nav.click();
  await expect(page.getByRole('tab', { name: 'To approve' })).toHaveAttribute('aria-selected', 'true');
  const row = page.getByRole('row', { name: /fix-balances/ });
  await expect(row).toContainText('dba');
  await page.screenshot({ path: 'test-results/approvals-list-badge.png', fullPage: true });
  await row.getByRole('link', { name: 'fix-balances' }).click();
  await page.getByLabel('Comment').fill('Checked the WHERE clauses.');
  await decision.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('approved by Dora');
  await expect(timeline).toContainText('Checked the WHERE clauses.');
  await expect(decision).toContainText('Node 2 needs the admin role; you have dba.');
  await expect(nav).not.toContainText('1');

  // --- The admin approves node 2: it runs on the sshd.
  await signInAs(page, app.url, 'admin', app.admin.password);
  await page.goto(requestUrl);
  await decision.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Execution succeeded', { timeout: 30_000 });
  await expect(timeline).toContainText('approved by admin');
  await expect(page.getByRole('alert').filter({ hasText: 'Execution succeeded' })).toBeVisible();
  await page.screenshot({ path: 'test-results/approvals-request-light.png', fullPage: true });
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  // Reloaded in the dark, so the screenshot is not taken halfway through the colour transitions.
  await page.reload();
  await expect(timeline).toContainText('approved by admin');
  await page.screenshot({ path: 'test-results/approvals-request-dark.png', fullPage: true });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await decision.getByRole('link', { name: 'Instances of the run' }).click();
  await expect(page).toHaveURL(/#\/instances\?run=/);
  await expect(page.getByRole('row', { name: /pg-main/ })).toContainText('Finished');

  // --- Again: the dba approves (batch, in the UI), then the developer edits the script: the request is void.
  const again = await api.call<{ approval: { request_id: number } }>('dev', 'POST', '/tasks/fix-balances/start', {});
  await signInAs(page, app.url, 'dora', passwords.dora);
  await page.getByRole('menuitem', { name: 'Approvals' }).click();
  await page.getByRole('row', { name: /fix-balances/ }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Approve selected (1)' }).click();
  const batch = page.getByRole('dialog', { name: 'Approve 1 request?' });
  await batch.getByLabel('Comment').fill('Same as before.');
  await batch.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('dialog', { name: 'Batch approval' })).toContainText('1 of 1 approved.');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.goto(`${app.url}/#/approvals/${again.approval.request_id}`);
  await expect(timeline).toContainText('approved by Dora');
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Approving');
  await api.call('dev', 'PUT', '/tasks/fix-balances', { script: 'DROP TABLE accounts;' });
  // The page follows the change live.
  await expect(page.getByRole('heading', { level: 4 })).toContainText('Pre-check failed');
  await expect(page.getByRole('alert').filter({ hasText: 'Pre-check failed' })).toContainText('edited by dev after the request was made');
  await page.screenshot({ path: 'test-results/approvals-request-voided.png', fullPage: true });

  // The audit log, narrowed to requests, then to what dora did.
  await page.getByRole('menuitem', { name: 'Audit' }).click();
  await pick(page.getByRole('combobox', { name: 'Filter by target type' }), 'request');
  // Entries read as sentences, with the task's name and the node decided.
  await expect(page.getByRole('row', { name: /request #\d+ \(.+\) was voided/ })).toBeVisible();
  await page.getByLabel('Filter by actor').fill('dora');
  await page.getByLabel('Filter by actor').press('Enter');
  await expect(page.getByRole('row', { name: /was voided/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /dora approved request #\d+ \(.+\), node 1/ })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/approvals-audit.png', fullPage: true });
});
