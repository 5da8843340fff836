import { expect, test, type Locator, type Page } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { expectNoSidewaysScroll } from './fixtures/layout';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let app: TaskdeckServer;
let sshd: SshdFixture | undefined;
const admin = { user_name: 'admin', password: 'admin-pass-1' };

// No admin from the environment: the console opens on its first-run form.
test.beforeAll(async () => {
  app = await startTaskdeck({ admin: false });
});
test.afterAll(async () => {
  await app?.stop();
  await sshd?.dispose();
});

/** Open a plain select and click one of its options (antd's visible items carry a title). */
async function choose(page: Page, field: Locator, option: string): Promise<void> {
  await field.click({ force: true });
  await page.locator(`.ant-select-item-option[title="${option}"]`).click();
}

test.describe.configure({ mode: 'serial' });

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

/** A screenshot to look at: the page as a Chinese-reading DBA sees it (the pointer parked where it hovers nothing). */
async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `test-results/screens/zh-${name}.png`, fullPage: true });
}

test('the screens added since the first translation are Chinese too; the title counts the approvals waiting for me', async ({ page }) => {
  // A permission application by dev on a trusted host: it waits for an admin's decision.
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  const api = new ConsoleApi(app.url);
  await api.login(admin.user_name, admin.password);
  const host = { id: await api.trustedHost('admin', sshd, 'pg-main', 31) };
  const group = await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'payments' });
  const binding = await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-db', group_id: group.id, executor_id: host.id });
  await api.call('admin', 'POST', '/users', { user_name: 'dev', password: 'dev-long-pass-4821', roles: ['developer'] });
  await api.login('dev', 'dev-long-pass-4821');
  await api.call('admin', 'POST', '/processes', { name: 'Access requests', task_type: 'apply_permission', risk_levels: [{ level: 1, approval_nodes: [{ role: 'admin' }] }] });
  await api.call('dev', 'POST', '/tasks', { name: 'need-pg-main', type: 'apply_permission', binding_ids: [binding.id], grant_hours: 2, frequency: { mode: 'once', time_zone: 'UTC' } });
  await api.call('dev', 'POST', '/tasks/need-pg-main/start', {});
  await api.call('admin', 'PUT', '/users/me/prefs', { language: 'zh-CN' });

  // 1280 px with the menu open: the widest tables must still show every column (Chinese headers are wider).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(app.url);
  await page.getByLabel('User name').fill(admin.user_name);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('menuitem', { name: /审批$/ })).toBeVisible();
  await expect(page).toHaveTitle('(1) Taskdeck');

  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '通知' }).click();
  await expect(page.getByRole('tab', { name: '投递日志' })).toBeVisible();
  await page.getByRole('button', { name: '添加通道' }).click();
  await expect(page.getByRole('dialog', { name: '添加通道' })).toBeVisible();
  await shot(page, 'channel-modal');
  await page.getByRole('dialog', { name: '添加通道' }).getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByRole('dialog', { name: '添加通道' })).toBeHidden();
  await page.getByRole('tab', { name: '适用于所有任务的规则' }).click();
  await shot(page, 'settings-notifications');

  await page.getByRole('tab', { name: 'API 令牌' }).click();
  await expect(page.getByText('请求签名')).toBeVisible();
  await shot(page, 'settings-tokens');
  await page.getByRole('button', { name: '新建令牌' }).click();
  await expect(page.getByRole('dialog', { name: '新建 API 令牌' })).toBeVisible();
  await shot(page, 'token-modal');
  await page.getByRole('dialog', { name: '新建 API 令牌' }).getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByRole('dialog', { name: '新建 API 令牌' })).toBeHidden();

  await page.getByRole('tab', { name: '常规' }).click();
  await expect(page.getByText('默认超时（秒）')).toBeVisible();
  await shot(page, 'settings-general');

  await page.getByRole('menuitem', { name: '实例' }).click();
  await expect(page.getByLabel('任务名包含')).toBeVisible();
  await shot(page, 'instances');
  await expectNoSidewaysScroll(page, 'Instances in Chinese');

  await page.getByRole('menuitem', { name: '审计' }).click();
  await expect(page.getByRole('columnheader', { name: '发生了什么' })).toBeVisible();
  await shot(page, 'audit');

  await page.getByRole('menuitem', { name: /执行$/ }).click();
  await shot(page, 'run');

  await page.getByRole('button', { name: /^通知/ }).click();
  await expect(page.getByRole('button', { name: '全部标为已读' })).toBeVisible();
  await shot(page, 'notification-centre');
  await page.getByRole('dialog').getByRole('button', { name: /关闭|Close/ }).first().click();
  await expect(page.getByRole('button', { name: '全部标为已读' })).toBeHidden();

  await page.keyboard.press('Control+K');
  await expect(page.getByRole('combobox', { name: '跳转到页面、主机、任务或申请' })).toBeVisible();
  await page.keyboard.type('pg');
  await shot(page, 'palette');
  await page.keyboard.press('Escape');
  // Closed, not closing: a key pressed while it fades out would still land in its search field.
  await expect(page.getByRole('combobox', { name: '跳转到页面、主机、任务或申请' })).toBeHidden();
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
  await shot(page, 'shortcuts');
  await page.keyboard.press('Escape');

  // Deciding the one request empties the count: the title is the bare name again.
  await page.getByRole('menuitem', { name: /审批$/ }).click();
  await expect(page.getByRole('link', { name: 'need-pg-main' })).toBeVisible();
  await shot(page, 'approvals');
  await expectNoSidewaysScroll(page, 'Approvals in Chinese');
  await page.goto(`${app.url}/#/tasks/need-pg-main`);
  await expect(page.getByRole('region', { name: '此任务的实例' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the task page in Chinese');
  await page.getByRole('menuitem', { name: /审批$/ }).click();
  const [request] = await api.call<{ items: { id: number }[] }>('admin', 'GET', '/requests?view=to_approve').then((r) => r.items);
  await api.call('admin', 'POST', `/requests/${request!.id}/approve`, { comment: 'ok' });
  await expect(page).toHaveTitle('Taskdeck');

  // The Jobs page: Taskdeck's own job types and modules in Chinese, not as the core names them.
  await api.call('admin', 'POST', '/runs', { targets: { host_ids: [host.id] }, command: 'echo zh-jobs' });
  await page.goto(`${app.url}/#/jobs`);
  const runJob = page.getByRole('row').filter({ hasText: 'echo zh-jobs' });
  await expect(runJob).toContainText('临时运行');
  await expect(runJob.getByRole('cell', { name: '运行', exact: true })).toBeVisible();
  await expect(runJob).not.toContainText('ad-hoc run');
  await shot(page, 'jobs');

  // The same pages in English at 1280 px.
  await api.call('admin', 'PUT', '/users/me/prefs', { language: 'en' });
  await page.reload();
  await page.goto(`${app.url}/#/approvals?view=all`);
  await expect(page.getByRole('menuitem', { name: /Approvals$/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'need-pg-main' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'Approvals in English');
  await page.goto(`${app.url}/#/instances`);
  await expect(page.getByRole('heading', { name: 'Instances' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'Instances in English');
  await page.goto(`${app.url}/#/tasks/need-pg-main`);
  await expect(page.getByRole('region', { name: 'Instances of this task' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the task page in English');
});
