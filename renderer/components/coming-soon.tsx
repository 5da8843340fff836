import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';

/** A calm placeholder for a page a later release fills. */
export function ComingSoon({ title, description }: { readonly title: string; readonly description: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <div style={{ paddingTop: 64 }}>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <Typography.Text strong>{t('shell.comingSoon')}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{description}</Typography.Text>
            </>
          }
        />
      </div>
    </>
  );
}
