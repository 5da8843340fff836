import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let app: TaskdeckServer;
const admin = { user_name: 'admin', password: 'admin-pass-1' };

// No admin from the environment: the console opens on its first-run form.
test.beforeAll(async () => {
  app = await startTaskdeck({ admin: false });
});
test.afterAll(async () => {
  await app?.stop();
});

/** Open a plain select and click one of its options (antd's visible items carry a title). */
async function choose(page: Page, field: Locator, option: string): Promise<void> {
  await field.click({ force: true });
  await page.locator(`.ant-select-item-option[title="${option}"]`).click();
}

test('Chinese from the first-run form on: the console, its times and its status words follow, and the choice is kept for the user', async ({ page, browser }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 4 })).toHaveText('Create the first administrator');
  await choose(page, page.getByRole('combobox', { name: 'Language' }), '简体中文');
  await expect(page.getByRole('heading', { level: 4 })).toHaveText('创建第一个管理员');
  await page.getByLabel('用户名').fill(admin.user_name);
  await page.getByLabel('密码', { exact: true }).fill(admin.password);
  await page.getByLabel('确认密码').fill(admin.password);
  await page.getByRole('button', { name: '创建管理员并登录' }).click();

  await expect(page.getByRole('menuitem', { name: '任务' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 4 })).toHaveText('概览');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: 'test-results/i18n-zh-dashboard.png', fullPage: true });

  // Settings: the zone and the clock, shown with the zone named.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByRole('heading', { level: 4 })).toHaveText('设置');
  await page.getByText('UTC', { exact: true }).click();
  await expect(page.getByText(/^现在：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/)).toBeVisible();
  await page.screenshot({ path: 'test-results/i18n-zh-settings.png', fullPage: true });

  // Remembered per user in the core: a fresh browser (English, nothing kept locally) turns Chinese once admin signs in.
  const other = await browser.newContext({ locale: 'en-US' });
  const second = await other.newPage();
  await second.goto(app.url);
  await expect(second.getByRole('heading', { level: 4 })).toHaveText('Sign in');
  await second.getByLabel('User name').fill(admin.user_name);
  await second.getByLabel('Password').fill(admin.password);
  await second.getByRole('button', { name: 'Sign in' }).click();
  await expect(second.getByRole('menuitem', { name: '任务' })).toBeVisible();
  await other.close();

  // Back to English from Settings: the words are exactly the English ones again.
  await choose(page, page.getByRole('combobox', { name: '语言' }), 'English');
  await expect(page.getByRole('menuitem', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 4 })).toHaveText('Settings');
  await expect(page.getByText(/^Now: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/)).toBeVisible();
});
