import type { HostKeyView, HostStatus } from '../../shared/domain/hosts';
import { t } from '../i18n/i18n';

export interface HostStatusView {
  readonly label: string;
  readonly color: string;
  readonly reason: string | null;
}

const colors: Record<HostStatus, string> = { Enabled: 'green', NotEnabled: 'default', Abnormal: 'red' };

/** An Enabled host whose key is not trusted cannot run anything yet: it is not shown as a green Enabled. */
const untrusted: Record<Exclude<HostKeyView['status'], 'trusted'>, Omit<HostStatusView, 'reason'>> = {
  pending: { label: 'Key pending', color: 'gold' },
  unknown: { label: 'Not verified', color: 'default' },
  mismatch: { label: 'Key changed', color: 'red' },
};

/** What the status column says about a host: its status, unless its key keeps it from running. */
export function hostStatusView(status: HostStatus, reason: string | null | undefined, hostKey?: Pick<HostKeyView, 'status'>): HostStatusView {
  if (status === 'Enabled' && hostKey && hostKey.status !== 'trusted') {
    const u = untrusted[hostKey.status];
    return { label: u.label, color: u.color, reason: t(`hosts.keyBlocks.${hostKey.status}`) };
  }
  return { label: status, color: colors[status], reason: reason ?? null };
}
