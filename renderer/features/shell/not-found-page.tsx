import { Button, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ROUTE, href } from '../../app/hash-route';

/** An address the console does not know: say so, and offer the way home (and back, when there is a page to go back to). */
export function NotFoundPage({ path }: { readonly path: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {t('notFound.text', { path })}
        </Typography.Text>
      }
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" href={href(DEFAULT_ROUTE)}>
            {t('notFound.home')}
          </Button>
          {window.history.length > 1 ? <Button onClick={() => window.history.back()}>{t('notFound.back')}</Button> : null}
        </Space>
      }
    />
  );
}
