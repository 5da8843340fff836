import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { nameList } from '../../shared/domain/audit-sentences';
import { i18n, loadLanguage } from '../i18n/i18n';
import { nameListT } from './name-list';

before(() => loadLanguage('zh-CN'));

const hosts = ['db-1', 'db-2', 'db-3', 'db-4', 'db-5'];

test('a short list is the names alone, joined the way each language joins them', () => {
  assert.equal(nameListT(hosts.slice(0, 3), 3, i18n.getFixedT('en')), 'db-1, db-2, db-3');
  assert.equal(nameListT(hosts.slice(0, 3), 3, i18n.getFixedT('zh-CN')), 'db-1、db-2、db-3');
  assert.equal(nameListT([], 3, i18n.getFixedT('zh-CN')), '');
});

test('a long list says how many more, in English as the shared helper does and in Chinese', () => {
  assert.equal(nameListT(hosts, 3, i18n.getFixedT('en')), nameList(hosts, 3));
  assert.equal(nameListT(hosts, 3, i18n.getFixedT('zh-CN')), 'db-1、db-2、db-3 等，另有 2 个');
  assert.doesNotMatch(nameListT(hosts, 1, i18n.getFixedT('zh-CN')), /more|and/);
});
