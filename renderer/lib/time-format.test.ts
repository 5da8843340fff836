import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateTime, formatDay, formatDuration, formatRelative, resolveZone, zoneLabel } from './time-format';

const at = '2026-12-06T14:05:09.000Z';

test('an absolute time names its zone, 24-hour by default', () => {
  assert.equal(formatDateTime(at, { timeZone: 'UTC', hour12: false, language: 'en' }), '2026-12-06 14:05:09 UTC');
  assert.equal(formatDateTime(at, { timeZone: 'Asia/Shanghai', hour12: false, language: 'en' }), '2026-12-06 22:05:09 UTC+08:00');
  assert.equal(formatDateTime(at, { timeZone: 'America/New_York', hour12: false, language: 'zh-CN' }), '2026-12-06 09:05:09 UTC-05:00');
  // midnight is 00, never 24
  assert.equal(formatDateTime('2026-12-06T00:00:00Z', { timeZone: 'UTC', hour12: false, language: 'en' }), '2026-12-06 00:00:00 UTC');
});

test('the 12-hour clock says AM/PM in the language', () => {
  assert.equal(formatDateTime(at, { timeZone: 'UTC', hour12: true, language: 'en' }), '2026-12-06 2:05:09 PM UTC');
  assert.equal(formatDateTime(at, { timeZone: 'UTC', hour12: true, language: 'zh-CN' }), '2026-12-06 下午 2:05:09 UTC');
});

test('daylight saving moves the offset with the instant', () => {
  assert.equal(zoneLabel('2026-07-01T12:00:00Z', 'Europe/Berlin'), 'UTC+02:00');
  assert.equal(zoneLabel('2026-01-01T12:00:00Z', 'Europe/Berlin'), 'UTC+01:00');
});

test('the day is the zone\'s calendar day', () => {
  assert.equal(formatDay('2026-12-06T20:00:00Z', 'Asia/Shanghai'), '2026-12-07');
  assert.equal(formatDay('2026-12-06T20:00:00Z', 'UTC'), '2026-12-06');
});

test('"local" resolves to the workstation\'s zone; others pass through', () => {
  assert.equal(resolveZone('local', 'Europe/Berlin'), 'Europe/Berlin');
  assert.equal(resolveZone('UTC', 'Europe/Berlin'), 'UTC');
  assert.equal(resolveZone('Asia/Tokyo', 'Europe/Berlin'), 'Asia/Tokyo');
});

test('garbage in is shown as it came, never as "Invalid Date"', () => {
  assert.equal(formatDateTime('not a time', { timeZone: 'UTC', hour12: false, language: 'en' }), 'not a time');
  assert.equal(zoneLabel('not a time', 'UTC'), '');
});

test('relative times in both languages', () => {
  const now = Date.parse(at);
  assert.equal(formatRelative(now - 3 * 60_000, now, 'en'), '3 minutes ago');
  assert.equal(formatRelative(now - 3 * 60_000, now, 'zh-CN'), '3分钟前');
  assert.equal(formatRelative(now + 2 * 3_600_000, now, 'en'), 'in 2 hours');
});

test('durations read at the scale that matters, in one format per language', () => {
  const cases: [number, string, string][] = [
    [0, '0 ms', '0 毫秒'], [850, '850 ms', '850 毫秒'], [1000, '1 s', '1 秒'], [59_999, '59 s', '59 秒'], [245_000, '4m 05s', '4分05秒'],
    [3_600_000 * 2 + 180_000, '2h 03m', '2小时03分'], [86_400_000 * 3 + 3_600_000 * 4, '3d 04h', '3天04小时'], [-1, '—', '—'], [Number.NaN, '—', '—'],
  ];
  for (const [ms, en, zh] of cases) {
    assert.equal(formatDuration(ms, 'en'), en, `${ms}`);
    assert.equal(formatDuration(ms, 'zh-CN'), zh, `${ms} zh`);
  }
});
