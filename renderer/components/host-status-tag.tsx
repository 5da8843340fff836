import type { HostKeyView, HostStatus } from '../../shared/domain/hosts';
import { hostStatusView } from './host-status-view';
import { StatusTag } from './status-tag';

/** Enabled / Not enabled / Abnormal; an Enabled host whose key is not trusted shows its key's state instead (it cannot run yet). The reason in the tooltip. */
export function HostStatusTag({ status, reason, hostKey }: { readonly status: HostStatus; readonly reason?: string | null; readonly hostKey?: Pick<HostKeyView, 'status'> }) {
  const view = hostStatusView(status, reason, hostKey);
  const keyBlocks = status === 'Enabled' && hostKey !== undefined && hostKey.status !== 'trusted';
  return keyBlocks ? <StatusTag kind="hostKey" code={hostKey.status} color={view.color} detail={view.reason} /> : <StatusTag kind="host" code={status} color={view.color} detail={reason} />;
}
