import { Alert, Card, Spin, theme, Typography } from 'antd';
import { useId } from 'react';
import { useTimeFormat } from '../../components/time-text';
import { useTimeStyle } from '../../lib/time-style';
import { formatInZone } from './task-view';
import { useCronPreview } from './use-cron-preview';

export interface CronPreviewProps {
  readonly expression: string;
  readonly timeZone: string;
  /** A one-off without a cron expression runs once, when started. */
  readonly once: boolean;
}

/** "Next runs": the expression in words and its next five slots, in the task's zone (local time in a tooltip). */
export function CronPreview({ expression, timeZone, once }: CronPreviewProps) {
  const { token } = theme.useToken();
  const titleId = useId();
  const { result, error, loading } = useCronPreview(expression, timeZone);
  const browserZone = useTimeStyle().timeZone;
  const format = useTimeFormat();

  let body;
  if (!expression.trim()) {
    body = <Typography.Text type="secondary">{once ? 'No cron expression: the task runs once, as soon as it is started.' : 'Type a cron expression to see when it runs.'}</Typography.Text>;
  } else if (error) {
    body = <Alert type="warning" showIcon message="Could not preview the schedule" description={error} />;
  } else if (result && !result.valid) {
    body = <Alert type="error" showIcon message="Not a valid cron expression" description={result.error?.replace(/^cron_expression: /, '')} />;
  } else if (result) {
    body = (
      <>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {result.description ? <Typography.Text strong>{result.description.replace(/^./, (c) => c.toUpperCase())}</Typography.Text> : <Typography.Text type="secondary">No short description for this expression.</Typography.Text>}
          <Typography.Text type="secondary"> in {timeZone}</Typography.Text>
        </Typography.Paragraph>
        {result.next.length ? (
          <ol style={{ margin: 0, paddingInlineStart: 22, fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, lineHeight: 1.8 }}>
            {result.next.map((iso) => (
              <li key={iso}>
                <span title={timeZone === browserZone ? format.relative(iso) : `${format.absolute(iso)} (${browserZone}), ${format.relative(iso)}`}>{formatInZone(iso, timeZone)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <Typography.Text type="warning">This expression never fires again.</Typography.Text>
        )}
      </>
    );
  } else {
    body = <div style={{ height: 40 }} />;
  }

  return (
    <Card
      size="small"
      role="region"
      aria-labelledby={titleId}
      title={<span id={titleId}>Next runs</span>}
      extra={loading ? <Spin size="small" aria-label="Updating the preview" /> : null}
      style={{ marginBottom: 12 }}
    >
      {body}
    </Card>
  );
}
