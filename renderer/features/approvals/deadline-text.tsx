import { Tooltip, Typography } from 'antd';
import { formatTime, relativeTime } from '../../components/time-text';
import { useNow } from '../../lib/use-now';
import { isUrgent } from './request-model';

/** A deadline as relative time ("in 3 hours"), red when less than an hour is left; the exact time in a tooltip. */
export function DeadlineText({ value, active = true, empty = '—', label }: { readonly value: string | null | undefined; readonly active?: boolean; readonly empty?: string; readonly label?: string }) {
  const now = useNow(Boolean(value) && active, 30_000);
  if (!value) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const urgent = active && isUrgent(value, now);
  return (
    <Tooltip title={label ? `${label} ${formatTime(value)}` : formatTime(value)}>
      <Typography.Text type={urgent ? 'danger' : active ? undefined : 'secondary'} strong={urgent} style={{ whiteSpace: 'nowrap' }}>
        {relativeTime(value, now)}
      </Typography.Text>
    </Tooltip>
  );
}
