import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hostKeyStatuses, hostStatuses } from '../../shared/domain/hosts';
import { instanceStatusNames } from '../../shared/domain/instances';
import { ovirtStatuses, stepTypes } from '../../shared/domain/jobs';
import { requestStates } from '../../shared/domain/processes';
import { TaskStage } from '../../shared/domain/tasks';
import { ApiError } from '../api/client';
import { applyLanguage, i18n, loadLanguage } from '../i18n/i18n';
import { errorMessage } from './errors';
import { statusMeaning, statusWord, type StatusKind } from './status-words';

before(() => loadLanguage('zh-CN'));
after(() => applyLanguage('en'));

/** Every code the core can send, per kind: a status added to the domain without words fails here. */
const codes: Readonly<Record<StatusKind, readonly (string | number)[]>> = {
  instance: Object.keys(instanceStatusNames),
  host: hostStatuses,
  hostKey: hostKeyStatuses,
  stage: TaskStage.options,
  request: requestStates,
  job: [...ovirtStatuses, 'queued'],
  step: stepTypes,
};

test('every status code has words in both languages', () => {
  for (const lng of ['en', 'zh-CN'] as const) {
    for (const [kind, list] of Object.entries(codes) as [StatusKind, readonly (string | number)[]][]) {
      for (const code of list) assert.ok(i18n.exists(`status.${kind}.${code}`, { lng, fallbackLng: false }), `${lng}: status.${kind}.${code}`);
    }
  }
});

test('DBA words, not enum names: in English and in Chinese, with the meaning for the tooltip', () => {
  applyLanguage('en');
  assert.equal(statusWord('instance', 3), 'Abnormal');
  assert.equal(statusWord('instance', 5), 'Cancelled');
  assert.equal(statusWord('request', 'WAIT_FOR_EXECUTION'), 'Waiting for execution');
  assert.match(statusMeaning('instance', 4), /timeout/);
  applyLanguage('zh-CN');
  assert.equal(statusWord('instance', 3), '异常结束');
  assert.equal(statusWord('step', 'EXECUTING'), '执行');
});

test('an unknown code is shown as it came, with no meaning', () => {
  applyLanguage('en');
  assert.equal(statusWord('instance', 99), '99');
  assert.equal(statusMeaning('request', 'NO_SUCH_STATE'), '');
});

test('a server error: known codes are titled in Chinese, the server\'s message is kept; English shows it as it is', () => {
  const err = new ApiError('conflict', 'this is the last enabled admin; make another admin first', 409);
  applyLanguage('en');
  assert.equal(errorMessage(err), 'this is the last enabled admin; make another admin first');
  applyLanguage('zh-CN');
  assert.equal(errorMessage(err), '冲突：this is the last enabled admin; make another admin first');
  assert.equal(errorMessage(new ApiError('internal', 'boom', 500)), '内部错误：boom');
  // A code this console does not know (a newer core): the message alone.
  assert.equal(errorMessage(new ApiError('brand_new' as 'internal', 'said by the core', 500)), 'said by the core');
});
