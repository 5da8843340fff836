import { expect, test, type Page } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let app: TaskdeckServer;

test.beforeAll(async () => {
  app = await startTaskdeck();
});
test.afterAll(async () => {
  await app?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.getByLabel('User name').fill(app.admin.user_name);
  await page.getByLabel('Password').fill(app.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('menuitem', { name: /Hosts/ })).toBeVisible();
}

test('Ctrl+K jumps to a page and to a host by part of its name; ? lists the shortcuts; g h goes to Hosts', async ({ page }) => {
  const api = new ConsoleApi(app.url);
  await api.login(app.admin.user_name, app.admin.password);
  const host = await api.call<{ id: number }>(app.admin.user_name, 'POST', '/hosts', {
    name: 'db-prod-7', host: '127.0.0.1:1', username: 'postgres', machine_id: 77, auth: { kind: 'agent' },
  });
  await signIn(page);

  await page.keyboard.press('Control+K');
  const search = page.getByRole('combobox', { name: 'Jump to a page, host, task or request' });
  await expect(search).toBeFocused();
  await search.fill('audit');
  await expect(page.getByRole('option').first()).toContainText('Audit');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/audit$/);

  await page.keyboard.press('Control+K');
  await search.fill('dbp7');
  await expect(page.getByRole('option', { name: /db-prod-7/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/hosts/${host.id}$`));

  // Arrow keys move the highlight; Esc closes without going anywhere.
  await page.keyboard.press('Control+K');
  await search.fill('');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/hosts/${host.id}$`));

  await page.keyboard.press('Shift+?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page).toHaveURL(/#\/tasks$/);

  // A question mark typed into a field is text, not the help sheet.
  const box = page.getByRole('searchbox', { name: 'Search tasks' });
  await box.click();
  await page.keyboard.press('?');
  await expect(box).toHaveValue('?');
  await expect(sheet).toBeHidden();
});

test('the server goes away: the page says so; it comes back: the banner goes and a list that failed meanwhile reloads by itself', async ({ page }) => {
  await signIn(page);
  // The task editor's code is loaded, the task list never asked for.
  await page.goto(`${app.url}/#/tasks/new`);
  await expect(page.getByText('Saved tasks are Stopped', { exact: false })).toBeVisible();

  await app.halt();
  const banner = page.getByRole('alert').filter({ hasText: 'Lost the connection to the Taskdeck service' });
  await expect(banner).toBeVisible();

  // While it is down the list fails, as the issue saw on Hosts.
  await page.getByRole('menuitem', { name: /Tasks/ }).click();
  await expect(page.getByText('Could not load', { exact: true })).toBeVisible();

  await app.resume();
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('status', { name: 'Live updates: Live' })).toBeVisible();
  await expect(page.getByText('Could not load', { exact: true })).toBeHidden();
  await expect(page.getByText('No tasks yet')).toBeVisible();
});
