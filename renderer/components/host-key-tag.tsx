import { Tag, theme, Tooltip } from 'antd';
import type { HostKeyView } from '../../shared/domain/hosts';

const colors: Record<HostKeyView['status'], string> = { trusted: 'green', pending: 'gold', mismatch: 'red', unknown: 'default' };

/** trusted / pending / mismatch / unknown, with the fingerprint in a tooltip. */
export function HostKeyTag({ hostKey }: { readonly hostKey: HostKeyView }) {
  const { token } = theme.useToken();
  const fp = hostKey.status === 'trusted' ? hostKey.pinned_fingerprint : (hostKey.seen_fingerprint ?? hostKey.pinned_fingerprint);
  const tag = (
    <Tag color={colors[hostKey.status]} style={{ marginInlineEnd: 0 }}>
      {hostKey.status}
    </Tag>
  );
  if (!fp) return tag;
  return (
    <Tooltip title={<span style={{ fontFamily: token.fontFamilyCode, wordBreak: 'break-all' }}>{[hostKey.key_type, fp].filter(Boolean).join(' ')}</span>}>
      {tag}
    </Tooltip>
  );
}
