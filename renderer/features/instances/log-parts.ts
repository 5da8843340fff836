/**
 * Lines the scroll area holds at once. A million 18px rows are 18M px, under what browsers can lay out;
 * longer logs are shown a million lines at a time, and go-to-line, search and follow move between parts.
 */
export const PART = 1_000_000;

/** Where the last part starts (0-based): it ends at the log's end and is full, so the end shows a screenful, never a stub. */
export function lastPartStart(total: number, part = PART): number {
  return Math.max(0, total - part);
}

/** Where the part showing line `n` (1-based) starts: a multiple of `part`, or the last part's start near the end. */
export function partStart(n: number, total: number, part = PART): number {
  return Math.min(Math.floor((Math.max(1, n) - 1) / part) * part, lastPartStart(total, part));
}

/** A line's time as the log shows it: the local clock to the millisecond ("14:03:07.250"). */
export function lineClock(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  const p = (v: number, n = 2): string => String(v).padStart(n, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

const TIMES_KEY = 'taskdeck.log.times';

/** Whether the log shows line times: the last choice on this machine, off at first. */
export function savedTimes(): boolean {
  try {
    return localStorage.getItem(TIMES_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveTimes(on: boolean): void {
  try {
    localStorage.setItem(TIMES_KEY, on ? '1' : '0');
  } catch {
    // not remembered; still shown
  }
}
