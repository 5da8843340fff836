import type { HostStatus } from '../../shared/domain/hosts';
import { StatusTag } from './status-tag';

const colors: Record<HostStatus, string> = { Enabled: 'green', NotEnabled: 'default', Abnormal: 'red' };

/** Enabled / Not enabled / Abnormal; the probe's reason in the tooltip. */
export function HostStatusTag({ status, reason }: { readonly status: HostStatus; readonly reason?: string | null }) {
  return <StatusTag kind="host" code={status} color={colors[status]} detail={reason} />;
}
