import { Tooltip, Typography } from 'antd';
import { useTimeFormat } from '../../components/time-text';
import { useNow } from '../../lib/use-now';
import { isUrgent } from './request-model';

/** A deadline as relative time ("in 3 hours"), red when less than an hour is left; the exact time in a tooltip. */
export function DeadlineText({ value, active = true, empty = '—', label }: { readonly value: string | null | undefined; readonly active?: boolean; readonly empty?: string; readonly label?: string }) {
  const now = useNow(Boolean(value) && active, 30_000);
  const format = useTimeFormat();
  if (!value) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const urgent = active && isUrgent(value, now);
  return (
    <Tooltip title={label ? `${label} ${format.absolute(value)}` : format.absolute(value)}>
      <Typography.Text type={urgent ? 'danger' : active ? undefined : 'secondary'} strong={urgent} style={{ whiteSpace: 'nowrap' }}>
        {format.relative(value, now)}
      </Typography.Text>
    </Tooltip>
  );
}
