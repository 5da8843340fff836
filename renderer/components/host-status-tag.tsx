import { Tag, Tooltip } from 'antd';
import type { HostStatus } from '../../shared/domain/hosts';

const colors: Record<HostStatus, string> = { Enabled: 'green', NotEnabled: 'default', Abnormal: 'red' };

/** Enabled / NotEnabled / Abnormal; the probe's reason in a tooltip. */
export function HostStatusTag({ status, reason }: { readonly status: HostStatus; readonly reason?: string | null }) {
  const tag = (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }}>
      {status}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}
