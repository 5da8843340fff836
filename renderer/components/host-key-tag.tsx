import { theme } from 'antd';
import type { HostKeyView } from '../../shared/domain/hosts';
import { StatusTag } from './status-tag';

const colors: Record<HostKeyView['status'], string> = { trusted: 'green', pending: 'gold', mismatch: 'red', unknown: 'default' };

/** Trusted / Pending / Changed / Not seen yet, with the fingerprint in the tooltip. */
export function HostKeyTag({ hostKey }: { readonly hostKey: HostKeyView }) {
  const { token } = theme.useToken();
  const fp = hostKey.status === 'trusted' ? hostKey.pinned_fingerprint : (hostKey.seen_fingerprint ?? hostKey.pinned_fingerprint);
  const detail = fp ? <span style={{ fontFamily: token.fontFamilyCode, wordBreak: 'break-all' }}>{[hostKey.key_type, fp].filter(Boolean).join(' ')}</span> : undefined;
  return <StatusTag kind="hostKey" code={hostKey.status} color={colors[hostKey.status]} detail={detail} />;
}
