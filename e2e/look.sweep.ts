import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { startSshd, type SshdFixture } from './fixtures/sshd';
import { startTaskdeck, type TaskdeckServer } from './fixtures/taskdeck-server';

// Not a test (the suite's *.spec.ts never picks it up): a sweep of screenshots of every page, in light and dark,
// English and Chinese, at 1280×800 and 1024×768, over realistic data, for a person to look at:
// `npm run look` (LOOK_OUT: where the pictures go, default /tmp/look). Each picture's layout facts (sideways
// scroll, clipped text without a tooltip) go to facts.json beside them.
test.describe.configure({ mode: 'serial' });
test.use({ actionTimeout: 10_000 });

const out = process.env.LOOK_OUT ?? '/tmp/look';
const admin = { user_name: 'admin', password: 'admin-pass-1' };
const passwords = { dora: 'dora-long-pass-1', dev: 'dev-long-pass-4821', plugin: 'plugin-pass-12' };

interface Variant { readonly lang: 'en' | 'zh-CN'; readonly theme: 'light' | 'dark'; readonly width: number; readonly height: number }
const variants: Variant[] = (['en', 'zh-CN'] as const).flatMap((lang) =>
  (['light', 'dark'] as const).flatMap((theme) => [{ lang, theme, width: 1280, height: 800 }, { lang, theme, width: 1024, height: 768 }]),
).filter((v) => !process.env.LOOK_ONLY || new RegExp(process.env.LOOK_ONLY).test(tag(v)));

function tag(v: Variant): string {
  return `${v.width}-${v.lang === 'en' ? 'en' : 'zh'}-${v.theme}`;
}

let app: TaskdeckServer;
let sshd: SshdFixture;
let api: ConsoleApi;
const ids: Record<string, string> = {};
const facts: Record<string, unknown> = {};

test.afterAll(async () => {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'facts.json'), JSON.stringify(facts, null, 1));
  await app?.stop();
  await sshd?.dispose();
});

/** Layout facts a person could miss: the page scrolling sideways, inner boxes that do, text cut off with no tooltip. */
async function layoutFacts(page: Page): Promise<unknown> {
  return page.evaluate(LAYOUT_FACTS);
}

// Run in the page as a string: the e2e project has no DOM types, and this reads much of the DOM.
const LAYOUT_FACTS = `(() => {
  const de = document.documentElement;
  const name = (el) => {
    const cls = typeof el.className === 'string' ? el.className.split(/\\s+/).filter((c) => c && !/^css-/.test(c)).slice(0, 3).join('.') : '';
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '');
  };
  const scrolls = [], clipped = [], beyond = [];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const cs = getComputedStyle(el);
    if (!el.offsetParent && cs.position !== 'fixed') continue;
    const over = el.scrollWidth - el.clientWidth;
    if (over > 1 && (cs.overflowX === 'auto' || cs.overflowX === 'scroll')) scrolls.push(name(el) + ' +' + over + 'px');
    if (over > 1 && cs.textOverflow === 'ellipsis' && !el.closest('[title]') && !el.closest('.ant-select-selector')) clipped.push(name(el) + ' "' + (el.textContent || '').slice(0, 60) + '"');
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > de.clientWidth + 1 && !el.closest('.ant-table-content, .ant-table-body, [style*="overflow"]')) beyond.push(name(el) + ' right=' + Math.round(r.right));
  }
  return { sideways: de.scrollWidth - de.clientWidth, scrolls: scrolls.slice(0, 8), clipped: clipped.slice(0, 12), beyond: beyond.slice(0, 8) };
})()`;

/** Wait until the page has loaded what it shows (no spinner or skeleton), then picture it with the pointer parked. */
async function shot(page: Page, v: Variant, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0, { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(300); // antd's enter animations (a drawer sliding in) settle; a picture, not an assertion
  const file = `${tag(v)}-${name}.png`;
  await page.screenshot({ path: path.join(out, file), fullPage: true });
  facts[file] = await layoutFacts(page);
}

async function newPage(browser: Browser, v: Variant): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: v.width, height: v.height }, locale: v.lang === 'en' ? 'en-US' : 'zh-CN', colorScheme: v.theme });
  await context.addInitScript(`localStorage.setItem('taskdeck.theme', ${JSON.stringify(v.theme)}); localStorage.setItem('taskdeck.language', ${JSON.stringify(v.lang)});`);
  return context.newPage();
}

/** Poll until none of a task's (or all) runs are still going. */
async function settled(): Promise<void> {
  await expect.poll(async () => (await api.call<{ items: { status_name: string }[] }>('admin', 'GET', `/runs?per_page=100`)).items.filter((r) => r.status_name === 'Running').length, { timeout: 60_000 }).toBe(0);
}

test('first-run form', async ({ browser }) => {
  app = await startTaskdeck({ admin: false });
  for (const v of variants) {
    const page = await newPage(browser, v);
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 4 })).toBeVisible();
    await shot(page, v, '00-first-run');
    await page.context().close();
  }
});

test('seed realistic data', async () => {
  test.setTimeout(180_000);
  sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'] });
  const setup = await fetch(`${app.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...admin, nick_name: 'Ada Admin' }) });
  expect(setup.status).toBe(201);
  api = new ConsoleApi(app.url);
  await api.login(admin.user_name, admin.password);

  const hosts: number[] = [];
  const names = ['pg-main-01', 'pg-replica-02', 'mysql-orders-03', 'reporting-warehouse-04'];
  for (const [i, n] of names.entries()) {
    const host = await api.call<{ id: number }>('admin', 'POST', '/hosts', {
      name: n, host: `127.0.0.${i + 1}:${sshd.port}`, username: sshd.user, machine_id: 11 + i, auth: { kind: 'key', private_key_path: sshd.clientKeyPath },
      tag: i === 0 ? 'production' : i === 3 ? 'analytics' : 'staging', description: i === 3 ? 'Nightly reporting warehouse fed from the orders and payments replicas; heavy at 02:00' : '',
    });
    const probe = await api.call<{ host_key: { fingerprint: string } }>('admin', 'POST', `/hosts/${host.id}/test`, {});
    await api.call('admin', 'POST', `/hosts/${host.id}/host-key/accept`, { fingerprint: probe.host_key.fingerprint });
    hosts.push(host.id);
  }
  ids.host = String(hosts[0]);
  // A host whose key waits for a decision, and one that does not answer.
  await api.call('admin', 'POST', '/hosts', { name: 'pg-new-05', host: `127.0.0.1:${sshd.port}`, username: sshd.user, machine_id: 15, auth: { kind: 'agent' } });
  const down = await api.call<{ id: number }>('admin', 'POST', '/hosts', { name: 'legacy-oracle-06', host: '127.0.0.9:1', username: 'oracle', machine_id: 16, auth: { kind: 'password', password: 'not-a-real-one' } });
  await api.send('admin', 'POST', `/hosts/${down.id}/test`, {});

  const payments = await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'payments', description: 'Payment service databases' });
  const reporting = await api.call<{ id: number }>('admin', 'POST', '/groups', { name: 'reporting' });
  const b1 = await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-primary', group_id: payments.id, executor_id: hosts[0] });
  const b2 = await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'payments-replica', group_id: payments.id, executor_id: hosts[1], weight: 3 });
  const b3 = await api.call<{ id: number }>('admin', 'POST', '/bindings', { name: 'reporting-warehouse', group_id: reporting.id, executor_id: hosts[3] });
  ids.group = String(payments.id);

  await api.call('admin', 'POST', '/users', { user_name: 'dora', nick_name: 'Dora Wang (DBA)', password: passwords.dora, roles: ['dba'] });
  await api.call('admin', 'POST', '/users', { user_name: 'dev', nick_name: 'Devin Li', password: passwords.dev, roles: ['developer'] });
  await api.call('admin', 'POST', '/users', { user_name: 'backup-plugin', password: passwords.plugin, roles: ['plugin', 'dba'] });
  await api.login('dora', passwords.dora);
  await api.login('dev', passwords.dev);
  await api.login('backup-plugin', passwords.plugin);

  // Alerts: every task's failures to the in-app centre, and a webhook that answers nothing.
  const inApp = await api.call<{ id: number }>('admin', 'POST', '/channels', { name: 'console', kind: 'in_app' });
  const hook = await api.call<{ id: number }>('admin', 'POST', '/channels', { name: 'dba-oncall-dingtalk', kind: 'webhook', webhook_format: 'dingtalk', url: 'http://127.0.0.1:9/robot/send?access_token=abc', secret: 'SEC-signing-secret-123' });
  await api.call('admin', 'POST', '/alert-rules', { channel_id: inApp.id, task_name: null, events: ['failure', 'timeout', 'retries_exhausted', 'approval_waiting'] });
  await api.call('admin', 'POST', '/alert-rules', { channel_id: hook.id, task_name: null, events: ['failure', 'retries_exhausted'] });

  // A two-level process; dev's database change waits at its second level (the admin's) after the DBA approved.
  await api.call('admin', 'POST', '/processes', { name: 'Production database changes', task_type: 'database_change', remarks: 'Two eyes for every production change: the DBA on duty, then an admin', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }, { role: 'admin' }] }] });
  await api.call('admin', 'POST', '/processes', { name: 'Access requests', task_type: 'apply_permission', risk_levels: [{ level: 1, approval_nodes: [{ role: 'admin' }] }] });
  await api.call('dev', 'POST', '/tasks', {
    name: 'add-index-orders-created-at', type: 'database_change', description: 'Speed up the orders report: index on orders(created_at)', script: 'CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);\nANALYZE orders;\n', client_command: 'cat', binding_ids: [b1.id], frequency: { mode: 'once', time_zone: 'UTC' },
  });
  const change = await api.call<{ approval: { request_id: number } }>('dev', 'POST', '/tasks/add-index-orders-created-at/start', {});
  ids.request = String(change.approval.request_id);
  await api.call('dora', 'POST', `/requests/${ids.request}/approve`, { comment: 'Looks fine; run outside business hours.' });
  await api.call('dev', 'POST', '/tasks', { name: 'need-warehouse-access', type: 'apply_permission', binding_ids: [b3.id], grant_hours: 8, frequency: { mode: 'once', time_zone: 'UTC' } });
  await api.call('dev', 'POST', '/tasks/need-warehouse-access/start', {});

  // A task failing every minute, with a retry; run a few times so its history shows.
  await api.call('admin', 'POST', '/tasks', {
    name: 'orders-cleanup-every-minute', description: 'Purge expired carts from the orders database', command: 'echo "purging expired carts"; echo \'ERROR:  relation "carts_expired" does not exist\' >&2; exit 3',
    binding_ids: [b1.id, b2.id], cron_expression: '* * * * *', frequency: { mode: 'repeat', time_zone: 'Asia/Shanghai' }, retry_times: 1, retry_interval: 0, timeout: 600, tag: 'cleanup',
  });
  // Run by hand before it is started; each waits until the last one's retry is over (an overlapping run is refused).
  for (let i = 0; i < 3; i += 1) {
    await expect.poll(async () => (await api.send('admin', 'POST', '/tasks/orders-cleanup-every-minute/run', {})).status, { timeout: 60_000 }).toBe(201);
    await settled();
  }
  await api.call('admin', 'POST', '/tasks/orders-cleanup-every-minute/start', {});
  await api.call('admin', 'POST', '/tasks', {
    name: 'nightly-vacuum-analyze-payments-replica-with-a-long-name', description: 'VACUUM ANALYZE on the payments replica every night', command: 'vacuumdb --all --analyze-in-stages', binding_ids: [b2.id, b3.id], cron_expression: '30 2 * * *', frequency: { mode: 'repeat', time_zone: 'UTC' }, tag: 'maintenance-nightly-payments',
  });

  // Ad hoc runs: one failed with an error and a long log, one that could not connect, one that went fine.
  const failed = await api.call<{ run_id: string; instances: { id: string }[] }>('admin', 'POST', '/runs', {
    targets: { host_ids: [hosts[0], hosts[1]] }, command: 'for i in $(seq 1 400); do echo "copy batch $i: 5000 rows"; done; echo "psql: error: connection to server on socket failed: FATAL: too many connections" >&2; exit 2', timeout: 3600,
  });
  ids.instance = failed.instances[0]!.id;
  await api.call('admin', 'POST', '/runs', { targets: { host_ids: [down.id] }, command: 'uptime', timeout: 60 }).catch(() => undefined);
  await api.call('admin', 'POST', '/runs', { targets: { group_ids: [payments.id, reporting.id] }, command: 'df -h /var/lib/postgresql', timeout: 60 });
  await settled();

  // A plug-in's job with steps, one failed.
  const job = await api.call<{ id: string }>('backup-plugin', 'POST', '/jobs', { description: 'pgBackRest full backup of pg-main-01', auto_cleared: false, external_type: 'pgbackrest' });
  const s1 = await api.call<{ id: string }>('backup-plugin', 'POST', `/jobs/${job.id}/steps`, { description: 'Check the stanza', type: 'VALIDATING' });
  await api.call('backup-plugin', 'POST', `/jobs/${job.id}/steps/${s1.id}/end`, { succeeded: true });
  const s2 = await api.call<{ id: string }>('backup-plugin', 'POST', `/jobs/${job.id}/steps`, { description: 'Copy the data files to the repository', type: 'EXECUTING' });
  await api.call('backup-plugin', 'POST', `/jobs/${job.id}/steps/${s2.id}/end`, { succeeded: false, error: 'ERROR: archive-push-queue-max exceeded (4GB); WAL archiving fell behind on pg-main-01' });
  await api.call('backup-plugin', 'POST', `/jobs/${job.id}/end`, { status: 'FAILED', error: 'The copy step failed: see its error' });
  ids.job = job.id;

  await api.call('admin', 'POST', '/tokens', { name: 'backup plugin', scopes: ['read', 'jobs-inject'], owner: 'backup-plugin', expires_in_days: 90 });
  await api.call('admin', 'POST', '/keys/mine', {});
  await api.call('dora', 'POST', '/keys/mine', {});
  const doraKey = await api.call<{ content: string }>('dora', 'GET', '/keys/export?which=mine');
  await api.call('admin', 'POST', '/trust', { text: doraKey.content, user_name: 'dora', role: 'dba', label: 'Dora on the DR workstation' });
  const processes = await api.call<{ id: number }[]>('admin', 'GET', '/processes');
  ids.process = String(processes[0]!.id);
});

/** A page of the console: where it is, and what to do once there (open a drawer, a tab, a dialog). */
interface Stop { readonly name: string; readonly hash: string; readonly then?: (page: Page) => Promise<void> }

const clickTab = (n: number) => async (page: Page) => page.getByRole('tab').nth(n).click();
const stops: Stop[] = [
  { name: '01-dashboard', hash: 'dashboard' },
  { name: '02-hosts', hash: 'hosts' },
  { name: '03-host-form', hash: 'hosts', then: async (p) => p.getByRole('button', { name: /(Add host|添加主机)$/ }).click() },
  { name: '04-host-page', hash: `hosts/{host}` },
  { name: '05-groups', hash: 'groups' },
  { name: '06-bindings', hash: 'bindings' },
  { name: '07-tasks', hash: 'tasks' },
  { name: '08-task-page', hash: 'tasks/orders-cleanup-every-minute' },
  { name: '09-task-editor', hash: 'tasks/nightly-vacuum-analyze-payments-replica-with-a-long-name/edit' },
  { name: '10-task-new', hash: 'tasks/new' },
  { name: '11-run', hash: 'run' },
  { name: '12-instances', hash: 'instances' },
  { name: '13-instance-log', hash: 'instances/{instance}' },
  { name: '14-jobs', hash: 'jobs' },
  { name: '15-job-page', hash: 'jobs/{job}' },
  { name: '16-approvals', hash: 'approvals' },
  { name: '17-request', hash: 'approvals/{request}' },
  { name: '18-processes', hash: 'processes' },
  { name: '19-process-editor', hash: 'processes', then: async (p) => p.getByRole('button', { name: /(New process|新建审批流程)$/ }).click() },
  { name: '20-priority', hash: 'processes/priority' },
  { name: '21-permissions', hash: 'permissions' },
  { name: '22-audit', hash: 'audit' },
  { name: '23-notifications', hash: 'dashboard', then: async (p) => p.getByRole('button', { name: /^(Notifications|通知)/ }).click() },
  { name: '24-settings', hash: 'settings' },
  { name: '25-alerts', hash: 'settings', then: clickTab(1) },
  { name: '26-alert-log', hash: 'settings', then: async (p) => { await clickTab(1)(p); await p.getByRole('tab', { name: /^(Delivery log|投递日志)$/ }).click(); } },
  { name: '27-tokens', hash: 'settings', then: clickTab(2) },
  { name: '28-keys', hash: 'keys' },
  { name: '29-bundles', hash: 'reviews' },
  { name: '30-bundle-import', hash: 'reviews', then: async (p) => p.getByRole('button', { name: /(Import bundle|导入申请包)$/ }).click() },
  { name: '31-users', hash: 'users' },
  { name: '32-not-found', hash: 'no/such/page' },
  { name: '33-palette', hash: 'dashboard', then: async (p) => { await p.keyboard.press('Control+K'); await p.keyboard.type('pg'); } },
  { name: '34-shortcuts', hash: 'dashboard', then: async (p) => p.locator('body').press('?') },
];

test('every page, in each variant', async ({ browser }) => {
  test.setTimeout(1_800_000);
  const only = process.env.LOOK_PAGES ? new RegExp(process.env.LOOK_PAGES) : null;
  for (const v of variants) {
    await api.call('admin', 'PUT', '/users/me/prefs', { language: v.lang });
    const page = await newPage(browser, v);
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 4 })).toBeVisible();
    await shot(page, v, '00-sign-in');
    await page.getByLabel(/^(User name|用户名)$/).fill(admin.user_name);
    await page.getByLabel(/^(Password|密码)$/).fill(admin.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /^(Account|账号)/ })).toBeVisible();
    for (const s of stops) {
      if (only && !only.test(s.name)) continue;
      await page.goto(`${app.url}/#/${s.hash.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!)}`);
      try {
        await expect(page.getByRole('heading', { level: 4 }).or(page.locator('.ant-result-title')).first()).toBeVisible();
        await s.then?.(page);
        await shot(page, v, s.name);
      } catch (err) {
        facts[`${tag(v)}-${s.name}`] = `failed: ${String(err).slice(0, 300)}`;
      }
      await page.keyboard.press('Escape');
    }
    await page.context().close();
  }
});
