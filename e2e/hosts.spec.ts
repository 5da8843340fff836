import { expect, test, type Page } from '@playwright/test';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

let sshd: SshdFixture;
let app: TaskdeckServer;

test.beforeAll(async () => {
  sshd = await startSshd({ addresses: ['127.0.0.1'] });
  app = await startTaskdeck();
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

test('sign in, add a host on the test sshd, accept its key, test OK, then a changed key is refused', async ({ page }) => {
  await signIn(page);
  await page.getByRole('menuitem', { name: /Hosts/ }).click();
  await page.getByRole('button', { name: 'Add host' }).first().click();

  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('Name', { exact: true }).fill('pg-primary');
  await drawer.getByLabel('Host', { exact: true }).fill(`127.0.0.1:${sshd.port}`);
  await drawer.getByLabel('Username', { exact: true }).fill(sshd.user);
  // The machine ID is filled with the next free one, under Advanced.
  await drawer.getByRole('button', { name: 'Advanced' }).click();
  await drawer.getByLabel('Machine ID').fill('7');
  await drawer.getByText('Private key', { exact: true }).click();
  await drawer.getByLabel('Private key path').fill(sshd.clientKeyPath);
  await drawer.getByRole('button', { name: 'Save' }).click();

  const row = page.getByRole('row', { name: /pg-primary/ });
  await expect(row).toBeVisible();
  // The create flow may open the key dialog by itself; otherwise test from the row.
  const keyDialog = page.getByRole('dialog', { name: /Host key/ });
  if (!(await keyDialog.isVisible())) await row.getByRole('button', { name: 'Test' }).click();
  await expect(keyDialog).toBeVisible();
  await expect(keyDialog).toContainText(sshd.hostKeyFingerprint());
  await page.screenshot({ path: 'test-results/host-key-pending.png' });
  await keyDialog.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByText('Connection OK')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row).toContainText('Trusted');

  await sshd.rotateHostKey();
  await row.getByRole('button', { name: 'Test' }).click();
  const mismatch = page.getByRole('dialog', { name: /Host key/ });
  await expect(mismatch).toBeVisible();
  await expect(mismatch).toContainText(sshd.hostKeyFingerprint());
  await expect(mismatch.getByRole('button', { name: /Re-pin/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/host-key-mismatch.png' });
  await page.keyboard.press('Escape');
  await expect(row).toContainText('Abnormal');
  await expect(row).toContainText('Changed');
});

test('bad input is shown on the field and nothing is lost', async ({ page }) => {
  await signIn(page);
  await page.getByRole('menuitem', { name: /Hosts/ }).click();
  await page.getByRole('button', { name: 'Add host' }).first().click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('Name', { exact: true }).fill('bad-host');
  await drawer.getByLabel('Host', { exact: true }).fill('10.0.0.1 :22');
  await drawer.getByLabel('Username', { exact: true }).fill('ops');
  await drawer.getByText('Agent', { exact: true }).click();
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.getByText(/must not contain spaces/)).toBeVisible();
  await expect(drawer.getByLabel('Name', { exact: true })).toHaveValue('bad-host');
});
