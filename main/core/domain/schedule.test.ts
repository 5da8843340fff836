import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayRange, localDay } from './day-range';
import { describeCron, misfire, nextSlots, parseCron, slotsBetween } from './schedule';

const iso = (ds: Date[]): string[] => ds.map((d) => d.toISOString());

test('next slots: table of expressions and zones, seconds allowed', () => {
  const cases: [string, string, string, string[]][] = [
    ['*/15 * * * * *', 'UTC', '2026-01-01T00:00:00Z', ['2026-01-01T00:00:15.000Z', '2026-01-01T00:00:30.000Z']],
    ['0 2 * * *', 'Europe/Berlin', '2026-01-10T00:00:00Z', ['2026-01-10T01:00:00.000Z', '2026-01-11T01:00:00.000Z']],
    ['30 9 * * 1', 'Asia/Kolkata', '2026-03-01T00:00:00Z', ['2026-03-02T04:00:00.000Z', '2026-03-09T04:00:00.000Z']],
    ['0 0 1 * *', 'America/New_York', '2026-06-15T00:00:00Z', ['2026-07-01T04:00:00.000Z', '2026-08-01T04:00:00.000Z']],
  ];
  for (const [expr, tz, after, want] of cases) assert.deepEqual(iso(nextSlots(expr, tz, new Date(after), 2)), want, `${expr} ${tz}`);
});

test('DST: a slot inside the spring-forward gap does not vanish silently, and the fall-back hour runs once', () => {
  // Europe/Berlin springs forward 2026-03-29 02:00 → 03:00: 02:30 does not exist that day.
  const spring = iso(nextSlots('30 2 * * *', 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'), 3));
  assert.equal(spring.length, 3);
  assert.equal(new Set(spring.map((s) => s.slice(0, 10))).size, 3, 'one slot per day across the gap');
  // It falls back 2026-10-25 03:00 → 02:00: 02:30 happens twice in wall time, once here.
  const fall = slotsBetween('30 2 * * *', 'Europe/Berlin', new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T12:00:00Z'));
  assert.equal(fall.length, 2);
});

test('invalid cron names the field', () => {
  assert.match(parseCron('61 * * * *', 'UTC').error ?? '', /^cron_expression:/);
  assert.match(parseCron('not cron', 'UTC').error ?? '', /^cron_expression:/);
});

test('misfire: latest slot runs when within the deadline, the rest are recorded', () => {
  const now = new Date('2026-01-01T01:00:00Z');
  const slots = [new Date('2026-01-01T00:50:00Z'), new Date('2026-01-01T00:55:00Z'), new Date('2026-01-01T00:59:00Z')];
  assert.deepEqual(misfire(slots, now, 120), { run: slots[2], missed: slots.slice(0, 2) });
  assert.deepEqual(misfire(slots, now, 30), { run: null, missed: slots });
  assert.deepEqual(misfire([], now, 30), { run: null, missed: [] });
});

test('day ranges: 24 hours, 23 on spring-forward, 25 on fall-back', () => {
  assert.deepEqual(dayRange('2026-05-01', 'UTC').hours, 24);
  const spring = dayRange('2026-03-29', 'Europe/Berlin');
  assert.equal(spring.hours, 23);
  assert.equal(spring.from.toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(dayRange('2026-10-25', 'Europe/Berlin').hours, 25);
  assert.equal(dayRange('2026-05-01', 'Asia/Kolkata').from.toISOString(), '2026-04-30T18:30:00.000Z');
  assert.equal(localDay(new Date('2026-05-01T20:00:00Z'), 'Asia/Tokyo'), '2026-05-02');
});

test('describeCron', () => {
  assert.equal(describeCron('*/5 * * * *'), 'every 5 minutes');
  assert.equal(describeCron('0 30 2 * * *'), 'every day at 02:30');
  assert.equal(describeCron('*/10 * * * * *'), 'every 10 seconds');
  assert.equal(describeCron('0 0 1 * *'), null);
});
