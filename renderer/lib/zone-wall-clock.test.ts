import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantOf, wallClockIn } from './zone-wall-clock';

describe('zone wall clock', () => {
  const cases: [string, string, string][] = [
    ['Asia/Shanghai', '2026-12-06T02:30:00.000Z', '2026-12-06 10:30'],
    ['UTC', '2026-12-06T02:30:00.000Z', '2026-12-06 02:30'],
    ['America/New_York', '2026-07-01T03:15:00.000Z', '2026-06-30 23:15'],
    ['America/New_York', '2026-12-01T03:15:00.000Z', '2026-11-30 22:15'],
    ['Asia/Kolkata', '2026-01-01T00:00:00.000Z', '2026-01-01 05:30'],
  ];
  const show = (w: ReturnType<typeof wallClockIn>): string =>
    `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;

  for (const [zone, iso, reading] of cases) {
    it(`${iso} reads ${reading} in ${zone}, and back`, () => {
      const w = wallClockIn(iso, zone);
      assert.equal(show(w), reading);
      assert.equal(instantOf(w, zone), iso);
    });
  }

  it('does not depend on the machine zone: 10:30 in Shanghai is 02:30 UTC', () => {
    assert.equal(instantOf({ year: 2026, month: 12, day: 6, hour: 10, minute: 30 }, 'Asia/Shanghai'), '2026-12-06T02:30:00.000Z');
  });

  it('a reading skipped by spring-forward lands after the jump, not an hour early', () => {
    // 2026-03-08 02:30 does not exist in New York (01:59 EST → 03:00 EDT).
    const iso = instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    assert.ok(iso >= '2026-03-08T07:00:00.000Z' && iso <= '2026-03-08T07:30:00.000Z', iso);
  });
});
