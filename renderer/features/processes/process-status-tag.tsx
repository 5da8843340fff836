import { Tag } from 'antd';

/** Enabled (green) or Disabled (grey). */
export function ProcessStatusTag({ enabled }: { readonly enabled: boolean }) {
  return (
    <Tag color={enabled ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {enabled ? 'Enabled' : 'Disabled'}
    </Tag>
  );
}
