import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leftText } from '../../../shared/domain/notice-words';
import { dueReminder, openWindow, thresholdTimes, type ReminderWindow, type WindowedRequest } from './reminder-schedule';
import { reminderText, utcText } from './reminder-text';

const H = 3_600_000;
const t0 = Date.parse('2026-12-01T00:00:00Z');
const at = (hours: number): Date => new Date(t0 + hours * H);
// A 24 h window: 25% left is at 18 h, 1 h left at 23 h.
const day: ReminderWindow = { name: 'approval', opens: at(0), lapses: at(24) };
const defaults = { percent_left: [25], minutes_left: [60] };

describe('reminder thresholds', () => {
  it('places each threshold in the window, earliest first', () => {
    assert.deepEqual(thresholdTimes(day, defaults).map((p) => [p.label, p.at.toISOString()]), [
      ['25%', at(18).toISOString()],
      ['60m', at(23).toISOString()],
    ]);
  });

  it('skips thresholds at or before the window opens, and merges two at one instant', () => {
    const hour: ReminderWindow = { name: 'approval', opens: at(0), lapses: at(1) };
    // 60 min left of a 1 h window is its opening: no reminder the moment it opens.
    assert.deepEqual(thresholdTimes(hour, defaults).map((p) => p.label), ['25%']);
    const four: ReminderWindow = { name: 'approval', opens: at(0), lapses: at(4) };
    assert.deepEqual(thresholdTimes(four, defaults).map((p) => p.label), ['25%']); // 25% of 4 h is 1 h
  });

  const cases: { name: string; now: Date; want: ReturnType<typeof dueReminder> }[] = [
    { name: 'nothing due early in the window', now: at(1), want: null },
    { name: 'just before 25% left', now: new Date(at(18).getTime() - 1), want: null },
    { name: 'at 25% left', now: at(18), want: { kind: 'lapsing', threshold: '25%', leftMs: 6 * H } },
    { name: 'between the thresholds', now: at(20), want: { kind: 'lapsing', threshold: '25%', leftMs: 4 * H } },
    { name: 'at 1 h left', now: at(23), want: { kind: 'lapsing', threshold: '60m', leftMs: H } },
    // Closed from 17 h to 23.5 h: both thresholds passed; only the latest is due.
    { name: 'both passed while closed: only the latest', now: at(23.5), want: { kind: 'lapsing', threshold: '60m', leftMs: 0.5 * H } },
    { name: 'at the deadline itself: still lapsing', now: at(24), want: { kind: 'lapsing', threshold: '60m', leftMs: 0 } },
    { name: 'past the deadline: lapsed', now: new Date(at(24).getTime() + 1), want: { kind: 'lapsed' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(dueReminder(day, defaults, c.now), c.want));

  it('with no thresholds only the lapse is reported', () => {
    assert.equal(dueReminder(day, { percent_left: [], minutes_left: [] }, at(23.9)), null);
    assert.deepEqual(dueReminder(day, { percent_left: [], minutes_left: [] }, at(25)), { kind: 'lapsed' });
  });
});

describe('the window a request is in', () => {
  const validity = { approval_hours: 24, wait_hours: 12, execution_hours: 6 };
  const base: WindowedRequest = { state: 'APPROVING', validity, approval_deadline: at(24).toISOString(), wait_deadline: null, execution_deadline: null };
  const cases: { name: string; r: WindowedRequest; want: [string, number, number] | null }[] = [
    { name: 'approving: the approval window', r: base, want: ['approval', 0, 24] },
    { name: 'manual, approved: the waiting window', r: { ...base, state: 'WAIT_FOR_EXECUTION', wait_deadline: at(30).toISOString() }, want: ['waiting', 18, 30] },
    { name: 'scheduled, approved: the execution window', r: { ...base, state: 'WAIT_FOR_EXECUTION', execution_deadline: at(30).toISOString() }, want: ['execution', 24, 30] },
    { name: 'executing: the execution window', r: { ...base, state: 'EXECUTING', execution_deadline: at(40).toISOString() }, want: ['execution', 34, 40] },
    { name: 'succeeded: none', r: { ...base, state: 'EXECUTION_SUCCEEDED' }, want: null },
    { name: 'rejected: none', r: { ...base, state: 'REJECTED' }, want: null },
    { name: 'expired: none', r: { ...base, state: 'APPROVAL_EXPIRED' }, want: null },
    { name: 'cancelled: none', r: { ...base, state: 'CANCELLED' }, want: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const w = openWindow(c.r);
      assert.deepEqual(w && [w.name, (w.opens.getTime() - t0) / H, (w.lapses.getTime() - t0) / H], c.want);
    });
  }
});

describe('time left in words', () => {
  for (const [ms, text] of [[30_000, '<1 min'], [25 * 60_000, '25 min'], [H, '1 h'], [H + 5 * 60_000, '1 h 5 min']] as const) {
    it(text, () => assert.equal(leftText(ms), text));
  }
});

describe('reminder words', () => {
  it('names the deadline in UTC, to the minute', () => {
    assert.equal(utcText(new Date('2026-12-06T16:03:34.196Z')), '2026-12-06 16:03 UTC');
    const r = { id: 4, task_name: 'nightly', state: 'APPROVING', current_node: 1, nodes: [{ role: 'dba' }, { role: 'admin' }] };
    const text = reminderText(r, day, { kind: 'lapsing', threshold: '60m', leftMs: H }, 'approver');
    assert.deepEqual({ title: text.title, body: text.body }, {
      title: 'Request #4 (nightly) waits for your approval: 1 h left',
      body: 'Decide approval node 2 of 2 (admin) by 2026-12-02 00:00 UTC; after that the request expires.',
    });
    assert.deepEqual(text.words, {
      title: { key: 'approverTitle', params: { id: 4, task: 'nightly', left: '1 h' } },
      body: { key: 'approverBody', params: { node: 2, nodes: 2, role: 'admin', deadline: '2026-12-02 00:00 UTC' } },
    });
    assert.equal(reminderText(r, day, { kind: 'lapsed' }, 'requester').title, 'Request #4 (nightly): the approval window lapsed');
  });
});
