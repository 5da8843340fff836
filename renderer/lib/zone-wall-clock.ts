/** A wall-clock reading (month 1–12) in some time zone, as a date picker shows it. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function readingAt(ms: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
    .formatToParts(new Date(ms));
  const n = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((x) => x.type === type)?.value ?? 0);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute') };
}

const asUtc = (w: WallClock): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** What a clock in `timeZone` reads at the instant `iso`. */
export function wallClockIn(iso: string, timeZone: string): WallClock {
  return readingAt(new Date(iso).getTime(), timeZone);
}

/** The instant (ISO) at which a clock in `timeZone` reads `w`; a reading skipped by a DST jump lands just after it. */
export function instantOf(w: WallClock, timeZone: string): string {
  const guess = asUtc(w);
  // The zone's offset near the guess, then again at the corrected instant: two steps settle across a DST change.
  const first = guess - (asUtc(readingAt(guess, timeZone)) - guess);
  const second = guess - (asUtc(readingAt(first, timeZone)) - first);
  const exact = asUtc(readingAt(second, timeZone)) === asUtc(w);
  // In a gap neither instant reads `w`: the later one is the reading moved forward by the jump.
  return new Date(exact ? second : Math.max(first, second)).toISOString();
}
