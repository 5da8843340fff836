import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noticeText } from '../../shared/domain/notice-words';
import { noticeIn } from './notice-language';

test("the shell's pop-up reads in the reader's language; in English, or without words, the stored text", () => {
  const title = noticeText('approverTitle', { id: 7, task: 'fix-balances', left: '45 min' });
  const body = noticeText('lapsedBody', { deadline: '2026-12-06 02:00 UTC' });
  const posted = { title: title.text, body: body.text, words: { title: title.words, body: body.words } };
  const zh = noticeIn('zh-CN', posted);
  assert.match(zh.title, /#7/);
  assert.match(zh.title, /fix-balances/);
  assert.doesNotMatch(zh.title, /waits for your approval/, 'Chinese, not the English template');
  assert.match(zh.title, /[\u4e00-\u9fff]/);
  assert.match(zh.body, /2026-12-06 02:00 UTC/);
  assert.deepEqual(noticeIn('en', posted), { title: title.text, body: body.text });
  assert.deepEqual(noticeIn('zh-CN', { title: 'from a plug-in', body: '', words: null }), { title: 'from a plug-in', body: '' });
  assert.deepEqual(noticeIn('zh-CN', { title: 'newer', body: 'core', words: { title: { key: 'noSuchKey', params: {} }, body: null } }), { title: 'newer', body: 'core' });
});
