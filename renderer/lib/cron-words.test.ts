import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCron } from './cron-words';

test('cron descriptions in both languages, 24-hour, seconds field included', () => {
  assert.equal(describeCron('30 2 * * 1-5', 'en'), 'At 02:30, Monday through Friday');
  assert.equal(describeCron('30 2 * * 1-5', 'zh-CN'), '在02:30, 星期一至星期五');
  assert.equal(describeCron('0 */5 * * * *', 'zh-CN'), '每隔 5 分钟');
});

test('garbage and empty expressions have no description', () => {
  assert.equal(describeCron('', 'en'), null);
  assert.equal(describeCron('not a cron', 'en'), null);
  assert.equal(describeCron('99 99 * * *', 'zh-CN'), null);
});
