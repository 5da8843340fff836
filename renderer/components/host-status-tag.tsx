import { Tag, Tooltip } from 'antd';
import type { HostKeyView, HostStatus } from '../../shared/domain/hosts';
import { hostStatusView } from './host-status-view';

/** Enabled / NotEnabled / Abnormal (or, given its key, why an Enabled host cannot run yet); the reason in a tooltip. */
export function HostStatusTag({ status, reason, hostKey }: { readonly status: HostStatus; readonly reason?: string | null; readonly hostKey?: Pick<HostKeyView, 'status'> }) {
  const view = hostStatusView(status, reason, hostKey);
  const tag = (
    <Tag color={view.color} style={{ marginInlineEnd: 0 }}>
      {view.label}
    </Tag>
  );
  return view.reason ? <Tooltip title={view.reason}>{tag}</Tooltip> : tag;
}
