import { Alert, Button } from 'antd';

export interface ErrorAlertProps {
  readonly message: string;
  readonly title?: string;
  readonly onRetry?: () => void;
}

/** An API failure with its message and a retry. */
export function ErrorAlert({ message, title = 'Could not load', onRetry }: ErrorAlertProps) {
  return (
    <Alert
      type="error"
      showIcon
      message={title}
      description={message}
      style={{ marginBottom: 12 }}
      action={onRetry ? <Button size="small" onClick={onRetry}>Retry</Button> : undefined}
    />
  );
}
