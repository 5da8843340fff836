import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Daily } from '../../../shared/domain/dashboard';
import { parseInstanceQuery } from '../instances/instance-query';
import { dayInstancesHref, hourBars, hourInstancesHref, hourLabel, todayIn } from './dashboard-model';

const zero = { running: 0, finished: 0, abnormal: 0, timeout: 0, cancelled: 0, unknown: 0 };

function day(tz: string, starts: string[], to: string): Daily {
  return {
    day: '2024-10-27', tz, from: starts[0]!, to,
    hours: starts.map((start, hour) => ({ hour, start, ...zero, ...(hour === 1 ? { finished: 2, abnormal: 1 } : {}) })),
    totals: { ...zero, scheduled: 0, total: 3, finished: 2, abnormal: 1 }, top_failed_tasks: [], top_failed_hosts: [], pending_approvals: 0,
  };
}

test('bars: every hour with its end (the next start, the day end for the last), labels in the zone', () => {
  // Berlin leaves DST on 2024-10-27: 02:00 happens twice, the day has 25 hours.
  const starts = Array.from({ length: 25 }, (_, i) => new Date(Date.parse('2024-10-26T22:00:00.000Z') + i * 3_600_000).toISOString());
  const bars = hourBars(day('Europe/Berlin', starts, '2024-10-27T23:00:00.000Z'));
  assert.equal(bars.length, 25);
  assert.deepEqual(bars.slice(0, 5).map((b) => b.label), ['00:00', '01:00', '02:00', '02:00', '03:00']);
  assert.equal(bars[0]!.end, starts[1]);
  assert.equal(bars[24]!.end, '2024-10-27T23:00:00.000Z');
  assert.equal(bars[1]!.total, 3);
  assert.equal(bars[1]!.finished, 2);
});

test('a bar opens the instances created in its hour, of the clicked status if known', () => {
  const bar = { start: '2024-10-27T01:00:00.000Z', end: '2024-10-27T02:00:00.000Z' };
  const all = parseInstanceQuery(Object.fromEntries(new URLSearchParams(hourInstancesHref(bar).split('?')[1])));
  assert.deepEqual(all, { from: bar.start, to: bar.end, page: 1, per_page: 50 });
  const failed = parseInstanceQuery(Object.fromEntries(new URLSearchParams(hourInstancesHref(bar, 'abnormal').split('?')[1])));
  assert.equal(failed.status, 3);
  const host = parseInstanceQuery(Object.fromEntries(new URLSearchParams(dayInstancesHref({ from: bar.start, to: bar.end }, { host_id: 4 }).split('?')[1])));
  assert.equal(host.host_id, 4);
});

test('hour labels and today follow the zone', () => {
  assert.equal(hourLabel('2024-06-30T17:30:00.000Z', 'Asia/Tokyo'), '02:30');
  assert.equal(hourLabel('2024-06-30T17:00:00.000Z', 'UTC'), '17:00');
  assert.equal(todayIn('Asia/Tokyo', new Date('2024-06-30T17:30:00.000Z')), '2024-07-01');
  assert.equal(todayIn('America/New_York', new Date('2024-07-01T01:00:00.000Z')), '2024-06-30');
});
