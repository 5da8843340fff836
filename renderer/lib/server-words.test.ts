import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { jobText } from '../../shared/domain/job-words';
import { instanceErrorText } from '../../shared/domain/instance-error-words';
import { noticeText } from '../../shared/domain/notice-words';
import { applyLanguage, loadLanguage } from '../i18n/i18n';
import { instanceError, jobDescription, noticeTexts } from './server-words';

before(() => loadLanguage('zh-CN'));
after(() => applyLanguage('en'));

test("a run's job reads in the reader's language, with its plural and params", () => {
  const one = jobText('adHocRun', { count: 1, command: 'uptime' });
  const many = jobText('validating', { count: 3 });
  applyLanguage('en');
  assert.equal(jobDescription(one), 'ad-hoc run on 1 host: uptime');
  assert.equal(jobDescription(many), 'resolve 3 hosts, connect, verify host keys');
  applyLanguage('zh-CN');
  assert.equal(jobDescription(one), '在 1 台主机上临时运行：uptime');
  assert.equal(jobDescription(many), '解析 3 台主机，建立连接，校验主机密钥');
  assert.equal(jobDescription(jobText('hostStepAttempt', { host: 'pg-main-01', attempt: 2 })), 'pg-main-01（第 2 次尝试）');
});

test("without words (a plug-in's job) or with a key this console does not know, the English description shows", () => {
  applyLanguage('zh-CN');
  assert.equal(jobDescription({ description: 'nightly vacuum (plug-in)', words: null }), 'nightly vacuum (plug-in)');
  assert.equal(jobDescription({ description: 'nightly vacuum (plug-in)' }), 'nightly vacuum (plug-in)');
  assert.equal(jobDescription({ description: 'from a newer core', words: { key: 'noSuchKey', params: {} } }), 'from a newer core');
});

test('a notification reads in Chinese, a grouped alert with its count; one without words keeps its English', () => {
  applyLanguage('zh-CN');
  const title = noticeText('failureGrouped', { task: 'nightly', count: 25, since: '14:02' });
  const body = noticeText('onHostFailedLatest', { host: 'db-1', attempt: 2, why: 'exit code 3' });
  assert.deepEqual(noticeTexts({ title: title.text, body: body.text, words: { title: title.words, body: body.words } }), {
    title: '任务 nightly 自 14:02 UTC 起失败 25 次',
    body: '最近一次在 db-1 上（第 2 次尝试）：exit code 3',
  });
  assert.deepEqual(noticeTexts({ title: 'Task x failed', body: '', words: null }), { title: 'Task x failed', body: '' });
  applyLanguage('en');
  assert.equal(noticeTexts({ title: title.text, body: body.text, words: { title: title.words, body: body.words } }).title, 'Task nightly failed 25 times since 14:02 UTC');
});

test("an instance's error the core recorded reads in the reader's language; a host's own message stays as it came", () => {
  const exit = instanceErrorText('exitCode', { code: 2 });
  const timeout = instanceErrorText('timedOut', { seconds: 3600 });
  applyLanguage('zh-CN');
  assert.equal(instanceError(exit), '退出码 2');
  assert.equal(instanceError(timeout), '运行 3600 秒后超时');
  assert.equal(instanceError(instanceErrorText('cancelledBy', { user: 'alice' })), '已被 alice 取消');
  assert.equal(instanceError('cannot connect to 10.0.0.5:22: connection refused'), 'cannot connect to 10.0.0.5:22: connection refused');
  applyLanguage('en');
  assert.equal(instanceError(exit), 'exit code 2');
});
