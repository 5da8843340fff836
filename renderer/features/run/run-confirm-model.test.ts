import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Grant } from '../../../shared/domain/grants';
import type { RunPreview } from '../../../shared/domain/run-safety';
import { grantedHostIds, mayRunHere } from './run-access';
import { i18n, loadLanguage } from '../../i18n/i18n';
import { refusedHosts, runConfirmText } from './run-confirm-model';

// Chinese is loaded on demand, as the console does when it is chosen.
before(() => loadLanguage('zh-CN'));

const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

const host = (id: number, name: string, over: Partial<RunPreview['hosts'][number]> = {}): RunPreview['hosts'][number] => ({ id, name, host: `10.0.0.${id}:22`, tag: '', production: false, granted: true, ...over });

test('a first run on a few ordinary hosts asks nothing; run again names the hosts', () => {
  const p: RunPreview = { hosts: [host(1, 'db-1'), host(2, 'db-2')], confirmation: null };
  assert.equal(runConfirmText(p, false, en), null);
  assert.deepEqual(runConfirmText(p, true, en), { title: 'Run this again?', body: 'The same command runs again on 2 hosts: db-1, db-2.', word: null, okText: 'Run again' });
  assert.equal(runConfirmText({ hosts: [host(1, 'db-1')], confirmation: null }, true, en)!.body, 'The same command runs again on host: db-1.');
});

test('the core asks for a typed word: it is asked first or again, with the reason and the hosts', () => {
  const p: RunPreview = { hosts: [host(1, 'pg-main', { production: true, tag: 'prod' })], confirmation: { word: 'production', reason: 'This runs on a production host: pg-main.' } };
  for (const again of [false, true]) {
    const c = runConfirmText(p, again, en)!;
    assert.equal(c.word, 'production');
    assert.equal(c.body, 'This runs on a production host: pg-main. It runs on host: pg-main.');
  }
  const many: RunPreview = { hosts: Array.from({ length: 12 }, (_, i) => host(i + 1, `db-${i + 1}`)), confirmation: { word: '12', reason: 'This runs on 12 hosts (at least 10 ask for a confirmation).' } };
  assert.match(runConfirmText(many, false, en)!.body, /^This runs on 12 hosts, enough to ask for a confirmation\. It runs on 12 hosts: db-1, db-2, db-3, db-4, db-5, db-6, db-7, db-8 and 4 more\.$/);
});

test('in Chinese the whole confirmation is Chinese, the reason composed from the core\'s facts', () => {
  const p: RunPreview = { hosts: [host(1, 'db-1'), host(2, 'db-2')], confirmation: null };
  assert.deepEqual(runConfirmText(p, true, zh), { title: '再次运行？', body: '同一命令将再次运行，目标：2 台主机（db-1、db-2）。', word: null, okText: '再次运行' });
  const prod: RunPreview = { hosts: [host(1, 'pg-main', { production: true })], confirmation: { word: 'production', reason: 'This runs on a production host: pg-main.' } };
  assert.equal(runConfirmText(prod, false, zh)!.title, '确认本次运行');
  assert.equal(runConfirmText(prod, false, zh)!.body, '本次运行涉及 1 台生产主机：pg-main。 运行目标：主机 pg-main。');
  const twoProd: RunPreview = { hosts: [host(1, 'pg-a', { production: true }), host(2, 'pg-b', { production: true }), host(3, 'db-3')], confirmation: { word: 'production', reason: 'English' } };
  assert.match(runConfirmText(twoProd, false, zh)!.body, /^本次运行涉及 2 台生产主机：pg-a、pg-b。/);
  const many: RunPreview = { hosts: Array.from({ length: 12 }, (_, i) => host(i + 1, `db-${i + 1}`)), confirmation: { word: '12', reason: 'English' } };
  assert.match(runConfirmText(many, false, zh)!.body, /^本次运行涉及 12 台主机，达到需要确认的数量。 运行目标：12 台主机（db-1、db-2、db-3、db-4、db-5、db-6、db-7、db-8 等，另有 4 个）。$/);
});

test('a word this console does not know keeps the core\'s reason rather than guessing', () => {
  const odd: RunPreview = { hosts: [host(1, 'db-1')], confirmation: { word: 'maintenance', reason: 'This runs in a freeze window.' } };
  assert.match(runConfirmText(odd, false, zh)!.body, /^This runs in a freeze window\. /);
  const noProd: RunPreview = { hosts: [host(1, 'db-1')], confirmation: { word: 'production', reason: 'The core says so.' } };
  assert.match(runConfirmText(noProd, false, en)!.body, /^The core says so\. /);
});

test('hosts the user may not run on are named; the grant rule is the core\'s', () => {
  assert.deepEqual(refusedHosts({ hosts: [host(1, 'a'), host(2, 'b', { granted: false })], confirmation: null }), ['b']);
  const g = (id: number, user_name: string, host_id: number, active = true): Grant => ({ id, user_name, host_id, host_name: null, request_id: 1, granted_by: null, granted_at: '', expires_at: '', revoked_at: null, revoked_by: null, active });
  const dev = { user_name: 'dev', roles: ['developer'] };
  const granted = grantedHostIds([g(1, 'Dev', 5), g(2, 'eve', 6), g(3, 'dev', 7, false)], dev);
  assert.deepEqual([...granted], [5]);
  assert.deepEqual([5, 6, 7].map((id) => mayRunHere(dev, granted, id)), [true, false, false]);
  assert.equal(mayRunHere({ user_name: 'root', roles: ['admin'] }, new Set(), 6), true);
  assert.equal(mayRunHere(null, new Set([5]), 5), false);
});

test('run again is the same targets and command; anything else is a new run', async () => {
  const { runKey } = await import('../../stores/run-store');
  const a = runKey({ targets: { host_ids: [1, 2] }, command: 'uptime' });
  assert.equal(runKey({ targets: { host_ids: [1, 2] }, command: 'uptime' }), a);
  for (const other of [{ targets: { host_ids: [1] }, command: 'uptime' }, { targets: { host_ids: [1, 2] }, command: 'uptime ' }, { targets: { group_ids: [1, 2] }, command: 'uptime' }]) {
    assert.notEqual(runKey(other), a, JSON.stringify(other));
  }
});
