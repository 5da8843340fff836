import { Tooltip, Typography } from 'antd';

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago" relative to `now`. */
export function relativeTime(iso: string, now = Date.now()): string {
  let v = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(v) < size) return rtf.format(Math.round(v), unit);
    v /= size;
  }
  return iso;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A time: relative ("5 minutes ago") or absolute, the other form in a tooltip. */
export function TimeText({ value, absolute, empty = 'never' }: { readonly value: string | null | undefined; readonly absolute?: boolean; readonly empty?: string }) {
  if (!value) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Tooltip title={absolute ? relativeTime(value) : formatTime(value)}>
      <span style={{ whiteSpace: 'nowrap' }}>{absolute ? formatTime(value) : relativeTime(value)}</span>
    </Tooltip>
  );
}
