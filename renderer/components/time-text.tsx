import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../lib/time-format';
import { useTimeStyle } from '../lib/time-style';

/** The one way to show an instant: absolute with its zone, in the user's zone and clock; `relative` where recency is the point, the absolute time on hover. */
export function Time({ value, relative, empty }: { readonly value: string | null | undefined; readonly relative?: boolean; readonly empty?: string }) {
  const style = useTimeStyle();
  const { t } = useTranslation();
  if (!value) return <Typography.Text type="secondary">{empty ?? t('common.value.never')}</Typography.Text>;
  const absolute = formatDateTime(value, style);
  if (!relative) return <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{absolute}</span>;
  return (
    <Tooltip title={absolute}>
      <span style={{ whiteSpace: 'nowrap' }}>{formatRelative(value, Date.now(), style.language)}</span>
    </Tooltip>
  );
}

/** Formatters bound to the user's time style, for text that is not a `<Time>` (tooltips, sentences). */
export function useTimeFormat(): { readonly absolute: (value: string) => string; readonly relative: (value: string, now?: number) => string } {
  const style = useTimeStyle();
  return { absolute: (v) => formatDateTime(v, style), relative: (v, now = Date.now()) => formatRelative(v, now, style.language) };
}
