import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobText } from '../../../shared/domain/job-words';
import { leftText, noticeText } from '../../../shared/domain/notice-words';
import { fill, placeholders, said, templateOf } from '../../../shared/domain/server-words';

test('one call builds the English text and the words it came from', () => {
  assert.deepEqual(jobText('adHocRun', { count: 1, command: 'uptime' }), {
    description: 'ad-hoc run on 1 host: uptime',
    words: { key: 'adHocRun', params: { count: 1, command: 'uptime' } },
  });
  assert.equal(jobText('adHocRun', { count: 3, command: 'uptime' }).description, 'ad-hoc run on 3 hosts: uptime');
  assert.equal(jobText('adHocRun', { count: 0, command: 'uptime' }).description, 'ad-hoc run on 0 hosts: uptime');
  assert.equal(jobText('sshImport', { count: 1 }).description, 'Import of 1 host entry from an OpenSSH config');
  assert.equal(noticeText('approverTitle', { id: 4, task: 'nightly', left: leftText(90 * 60_000) }).text, 'Request #4 (nightly) waits for your approval: 1 h 30 min left');
});

test('templates: plural forms by count, placeholders filled, a missing one left showing', () => {
  const table = { x_one: '{{count}} host', x_other: '{{count}} hosts', y: 'on {{ host }}' };
  assert.equal(templateOf(table, 'x', { count: 1 }), '{{count}} host');
  assert.equal(templateOf(table, 'x', { count: 2 }), '{{count}} hosts');
  assert.equal(templateOf(table, 'x', {}), '{{count}} hosts');
  assert.equal(templateOf(table, 'z', {}), undefined);
  assert.equal(fill('on {{ host }}', { host: 'db-1' }), 'on db-1');
  assert.equal(fill('on {{host}} as {{user}}', { host: 'db-1' }), 'on db-1 as {{user}}');
  assert.deepEqual(placeholders('{{b}} and {{a}}, {{ c }}'), ['a', 'b', 'c']);
  assert.throws(() => said(table as Record<string, string>, 'nope' as never), /no words for nope/);
});

test('time left reads alike in both languages', () => {
  for (const [ms, text] of [[30_000, '<1 min'], [25 * 60_000, '25 min'], [3_600_000, '1 h'], [3_900_000, '1 h 5 min']] as const) assert.equal(leftText(ms), text);
});
