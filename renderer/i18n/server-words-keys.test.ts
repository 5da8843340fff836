import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instanceErrorWordsEn } from '../../shared/domain/instance-error-words';
import { jobWordsEn } from '../../shared/domain/job-words';
import { noticeWordsEn } from '../../shared/domain/notice-words';
import { placeholders, type Templates } from '../../shared/domain/server-words';
import type { MessageTree } from './messages';
import { resources } from './resources';

/** Words the core composes: every key it can emit (its English templates) in both languages, with the same placeholders. */
const tables: Readonly<Record<string, Templates>> = { jobWords: jobWordsEn, noticeWords: noticeWordsEn, instanceErrors: instanceErrorWordsEn };

function mismatches(namespace: string, table: Templates, tree: MessageTree): string[] {
  const ns = tree[namespace];
  if (typeof ns !== 'object') return [`${namespace}: missing`];
  return Object.entries(table).flatMap(([key, english]) => {
    const template = ns[key];
    if (typeof template !== 'string') return [`${namespace}.${key}: missing`];
    const want = placeholders(english).join(',');
    return placeholders(template).join(',') === want ? [] : [`${namespace}.${key}: {{${placeholders(template).join(',')}}} instead of {{${want}}}`];
  });
}

test('every job, notification and instance-error word the core emits reads in English and Chinese, with the same placeholders', () => {
  for (const [namespace, table] of Object.entries(tables)) {
    assert.ok(Object.keys(table).length > 0, namespace);
    assert.equal(resources.en[namespace], table, `${namespace}: the English messages are the core's templates themselves`);
    for (const [lng, tree] of Object.entries(resources)) assert.deepEqual(mismatches(namespace, table, tree), [], lng);
  }
});

test('the check notices a missing key and a lost placeholder', () => {
  const zh = resources['zh-CN'];
  const broken: MessageTree = { ...zh, jobWords: { ...(zh.jobWords as MessageTree), hostStep: '主机' } };
  assert.deepEqual(mismatches('jobWords', jobWordsEn, broken), ['jobWords.hostStep: {{}} instead of {{host}}']);
  assert.deepEqual(mismatches('jobWords', { ...jobWordsEn, noSuchKey: 'x' }, zh), ['jobWords.noSuchKey: missing']);
});
