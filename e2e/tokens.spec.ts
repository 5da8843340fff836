import { expect, test } from '@playwright/test';
import { signInAs } from './fixtures/console-api';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let app: TaskdeckServer;

test.beforeAll(async () => {
  app = await startTaskdeck();
});
test.afterAll(async () => {
  await app?.stop();
});

/** A plug-in's request with the token, as a script would send it (bearer: the console is at level 0). */
async function asPlugin(secret: string, method: string, path: string, body?: unknown): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
  return { status: res.status, code: json?.error?.code };
}

test('an admin makes a plug-in token in Settings: the secret is shown once, the plug-in uses it within its scopes, revoking it ends it', async ({ page }) => {
  await signInAs(page, app.url, app.admin.user_name, app.admin.password);
  await page.goto(`${app.url}/#/settings`);
  await page.getByRole('tab', { name: 'API tokens' }).click();
  await expect(page.getByText('No API tokens yet.', { exact: false })).toBeVisible();

  await page.getByRole('button', { name: 'New token' }).click();
  const create = page.getByRole('dialog', { name: 'New API token' });
  // The browser asks for reduced motion (playwright.config.ts): the dialog is there at once, not zooming in.
  await expect(create).toBeVisible();
  expect(await page.locator('.ant-zoom-appear, .ant-zoom-enter').count()).toBe(0);
  await create.getByLabel('Name').fill('backup-plugin');
  await create.getByRole('checkbox', { name: /jobs-inject/ }).check();
  await create.getByRole('button', { name: 'Create token' }).click();

  const shown = page.getByRole('dialog', { name: 'API token backup-plugin created' });
  await expect(shown.getByRole('alert')).toContainText('shown only once');
  const secret = (await shown.getByLabel('New API token').innerText()).trim();
  expect(secret).toMatch(/^tok_[0-9a-f]+\./);
  await shown.getByRole('button', { name: 'I have stored it' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  // The plug-in injects a job (its scope) but cannot touch hosts (not its scope), nor approve anything.
  expect(await asPlugin(secret, 'POST', '/jobs', { description: 'nightly backup', auto_cleared: true })).toMatchObject({ status: 201 });
  expect(await asPlugin(secret, 'POST', '/hosts', { name: 'x', host: '127.0.0.1:22', username: 'x', machine_id: 9, auth: { kind: 'agent' } })).toMatchObject({ status: 403 });
  expect(await asPlugin(secret, 'POST', '/requests/1/approve', { comment: '' })).toMatchObject({ status: 403 });

  const row = page.getByRole('row', { name: /backup-plugin/ });
  await page.getByRole('button', { name: 'Reload tokens' }).click();
  await expect(row).toContainText('jobs-inject');
  await row.getByRole('button', { name: 'Revoke backup-plugin' }).click();
  await page.getByRole('dialog', { name: 'Revoke the API token backup-plugin?' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked by admin');
  expect(await asPlugin(secret, 'GET', '/jobs')).toMatchObject({ status: 401, code: 'token_revoked' });
});
