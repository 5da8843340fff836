import { theme } from 'antd';
import { useMemo } from 'react';
import type { DailyStatus } from './dashboard-model';

/**
 * Colours of the instance status tags (processing, success, error, orange, default, purple) from the
 * current theme. Apart from the chart, so the totals use them without loading the charting library.
 */
export function useStatusColors(): Readonly<Record<DailyStatus, string>> {
  const { token } = theme.useToken();
  return useMemo(
    () => ({
      running: token.colorInfo,
      finished: token.colorSuccess,
      abnormal: token.colorError,
      timeout: token.orange,
      cancelled: token.colorTextQuaternary,
      unknown: token.purple,
    }),
    [token],
  );
}
