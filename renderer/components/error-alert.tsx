import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ErrorAlertProps {
  readonly message: string;
  readonly title?: string;
  readonly onRetry?: () => void;
}

/** An API failure with its message and a retry. */
export function ErrorAlert({ message, title, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      message={title ?? t('common.couldNotLoad')}
      description={message}
      style={{ marginBottom: 12 }}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.action.retry')}</Button> : undefined}
    />
  );
}
