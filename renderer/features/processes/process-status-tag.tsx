import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Enabled (green) or Disabled (grey). */
export function ProcessStatusTag({ enabled }: { readonly enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={enabled ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {enabled ? t('status.process.enabled') : t('status.process.disabled')}
    </Tag>
  );
}
