import { Cron } from 'croner';

type Parsed = { cron: Cron; error: null } | { cron: null; error: string };

// Parsing is the expensive part of a next-run computation; thousands of tasks share few expressions.
const parsed = new Map<string, Parsed>();
const MAX_PARSED = 5_000;

/** A cron expression (5 or 6 fields; seconds allowed) in a time zone, or why it is invalid. Memoised. */
export function parseCron(expression: string, timeZone: string): Parsed {
  const key = `${timeZone}\u0000${expression}`;
  let p = parsed.get(key);
  if (p) return p;
  try {
    // UTC needs no zone conversion; croner's Intl-based zone handling is most of a next-run computation.
    const zone = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? { utcOffset: 0 } : { timezone: timeZone };
    p = { cron: new Cron(expression, { ...zone, paused: true, legacyMode: true }), error: null };
  } catch (err) {
    p = { cron: null, error: `cron_expression: ${(err as Error).message}` };
  }
  if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, p);
  return p;
}

/** The next `n` slots strictly after `after`. */
export function nextSlots(expression: string, timeZone: string, after: Date, n: number): Date[] {
  const p = parseCron(expression, timeZone);
  return p.cron ? p.cron.nextRuns(n, after) : [];
}

/** Every slot in (from, to], bounded so a long downtime cannot flood memory. */
export function slotsBetween(expression: string, timeZone: string, from: Date, to: Date, max = 10_000): Date[] {
  const out: Date[] = [];
  const p = parseCron(expression, timeZone);
  if (!p.cron) return out;
  for (let t = p.cron.nextRun(from); t && t.getTime() <= to.getTime() && out.length < max; t = p.cron.nextRun(t)) out.push(t);
  return out;
}

/**
 * What to do with slots missed while Taskdeck was down: run the latest once if it is within the
 * deadline; every other missed slot is recorded as missed.
 */
export function misfire(missed: readonly Date[], now: Date, deadlineSeconds: number): { run: Date | null; missed: Date[] } {
  if (missed.length === 0) return { run: null, missed: [] };
  const latest = missed[missed.length - 1]!;
  const inTime = now.getTime() - latest.getTime() <= deadlineSeconds * 1000;
  return inTime ? { run: latest, missed: missed.slice(0, -1) } : { run: null, missed: [...missed] };
}

/** Plain-English summary of common cron shapes; null when there is no short way to say it. */
export function describeCron(expression: string): string | null {
  const f = expression.trim().split(/\s+/);
  const [sec, min, hour, dom, mon, dow] = f.length === 6 ? f : ['0', ...f];
  if (f.length < 5 || f.length > 6) return null;
  const every = (v: string | undefined, unit: string): string | null => (v === '*' ? `every ${unit}` : v?.startsWith('*/') ? `every ${v.slice(2)} ${unit}s` : null);
  if (dom === '*' && mon === '*' && dow === '*') {
    if (hour === '*' && min === '*') return every(sec, 'second') ?? (/^\d+$/.test(sec!) ? `every minute at second ${sec}` : null);
    if (hour === '*') return every(min, 'minute') ?? (/^\d+$/.test(min!) ? `every hour at minute ${min}` : null);
    if (/^\d+$/.test(hour!) && /^\d+$/.test(min!)) return `every day at ${hour!.padStart(2, '0')}:${min!.padStart(2, '0')}${sec !== '0' ? `:${sec!.padStart(2, '0')}` : ''}`;
    return every(hour, 'hour');
  }
  return null;
}
