import type { Language } from '../../shared/domain/user-prefs';

/** How times are shown: a resolved zone ("UTC" or an IANA name), the clock, and the language of words. */
export interface TimeStyle {
  readonly timeZone: string;
  readonly hour12: boolean;
  readonly language: Language;
}

/** The zone a preference names: "local" is the workstation's own. */
export function resolveZone(pref: string, systemZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  return pref === 'local' ? systemZone : pref;
}

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function partsOf(d: Date, style: Pick<TimeStyle, 'timeZone' | 'hour12'>): Parts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: style.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: style.hour12 ? 'numeric' : '2-digit',
    minute: '2-digit', second: '2-digit', hourCycle: style.hour12 ? 'h12' : 'h23', timeZoneName: 'longOffset',
  }).formatToParts(d);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** "GMT+08:00" → "UTC+08:00"; a zero offset is plain "UTC". */
function offsetLabel(p: Parts): string {
  const label = (p.timeZoneName ?? 'GMT').replace(/^GMT/, 'UTC');
  return label === 'UTC+00:00' || label === 'UTC-00:00' ? 'UTC' : label;
}

function toDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The zone as an offset DBAs read without a table: "UTC", "UTC+08:00", "UTC-05:00". */
export function zoneLabel(value: string | number | Date, timeZone: string): string {
  const d = toDate(value);
  if (!d) return '';
  return offsetLabel(partsOf(d, { timeZone, hour12: false }));
}

const dayPeriods: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en: { AM: 'AM', PM: 'PM' }, 'zh-CN': { AM: '上午', PM: '下午' } };

function clock(p: Parts, style: TimeStyle): string {
  const hms = `${p.hour}:${p.minute}:${p.second}`;
  if (!style.hour12) return hms;
  const period = dayPeriods[style.language][p.dayPeriod ?? ''] ?? p.dayPeriod ?? '';
  return style.language === 'zh-CN' ? `${period} ${hms}` : `${hms} ${period}`;
}

/** An absolute time, always with its zone: "2026-12-06 14:05:09 UTC+08:00" (24-hour) or "… 2:05:09 PM UTC+08:00". */
export function formatDateTime(value: string | number | Date, style: TimeStyle): string {
  const d = toDate(value);
  if (!d) return String(value);
  const p = partsOf(d, style);
  return `${p.year}-${p.month}-${p.day} ${clock(p, style)} ${offsetLabel(p)}`;
}

/** The calendar day of an instant in the zone: "2026-12-06". */
export function formatDay(value: string | number | Date, timeZone: string): string {
  const d = toDate(value);
  if (!d) return String(value);
  const p = partsOf(d, { timeZone, hour12: false });
  return `${p.year}-${p.month}-${p.day}`;
}

const steps: readonly [Intl.RelativeTimeFormatUnit, number][] = [['second', 60], ['minute', 60], ['hour', 24], ['day', 30], ['month', 12], ['year', Infinity]];

/** "3 minutes ago" / "3 分钟前", relative to `now`; for places where recency is the point. */
export function formatRelative(value: string | number | Date, now: number, language: Language): string {
  const d = toDate(value);
  if (!d) return String(value);
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  let v = (d.getTime() - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(v) < size) return rtf.format(Math.round(v), unit);
    v /= size;
  }
  return d.toISOString();
}

const units: Readonly<Record<Language, { ms: string; s: string; m: string; h: string; d: string; sep: string }>> = {
  en: { ms: ' ms', s: ' s', m: 'm', h: 'h', d: 'd', sep: ' ' },
  'zh-CN': { ms: ' 毫秒', s: ' 秒', m: '分', h: '小时', d: '天', sep: '' },
};

/** One duration format everywhere, at the scale that matters: "850 ms", "12 s", "4m 05s", "2h 03m", "3d 04h" (中文: "4分05秒"). */
export function formatDuration(ms: number, language: Language = 'en'): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const u = units[language];
  if (ms < 1000) return `${Math.round(ms)}${u.ms}`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}${u.s}`;
  const pad = (v: number): string => String(v).padStart(2, '0');
  const two = (a: number, ua: string, b: number, ub: string): string => `${a}${ua}${u.sep}${pad(b)}${ub}`;
  const m = Math.floor(s / 60);
  if (m < 60) return two(m, u.m, s % 60, language === 'en' ? 's' : '秒');
  const h = Math.floor(m / 60);
  if (h < 24) return two(h, u.h, m % 60, u.m);
  return two(Math.floor(h / 24), u.d, h % 24, u.h);
}
