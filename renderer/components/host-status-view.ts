import type { HostKeyView, HostStatus } from '../../shared/domain/hosts';

export interface HostStatusView {
  readonly label: string;
  readonly color: string;
  readonly reason: string | null;
}

const colors: Record<HostStatus, string> = { Enabled: 'green', NotEnabled: 'default', Abnormal: 'red' };

/** An Enabled host whose key is not trusted cannot run anything yet: it is not shown as a green Enabled. */
const untrusted: Record<Exclude<HostKeyView['status'], 'trusted'>, Omit<HostStatusView, 'reason'> & { readonly why: string }> = {
  pending: { label: 'Key pending', color: 'gold', why: 'its host key was seen but not accepted: test it and accept the key before anything runs on it' },
  unknown: { label: 'Not verified', color: 'default', why: 'its host key was never seen: test it to see and accept the key before anything runs on it' },
  mismatch: { label: 'Key changed', color: 'red', why: 'its host key changed since it was pinned: nothing runs on it until you check and re-pin the key' },
};

/** What the status column says about a host: its status, unless its key keeps it from running. */
export function hostStatusView(status: HostStatus, reason: string | null | undefined, hostKey?: Pick<HostKeyView, 'status'>): HostStatusView {
  if (status === 'Enabled' && hostKey && hostKey.status !== 'trusted') {
    const u = untrusted[hostKey.status];
    return { label: u.label, color: u.color, reason: `Enabled, but ${u.why}` };
  }
  return { label: status, color: colors[status], reason: reason ?? null };
}
