import { Alert, Card, Spin, theme, Typography } from 'antd';
import { useId } from 'react';
import { useTimeFormat } from '../../components/time-text';
import { describeCron } from '../../lib/cron-words';
import { useTimeStyle } from '../../lib/time-style';
import { usePrefs } from '../../stores/prefs-store';
import { formatInZone } from './task-view';
import { useCronPreview } from './use-cron-preview';
import { useTranslation } from 'react-i18next';

export interface CronPreviewProps {
  readonly expression: string;
  readonly timeZone: string;
  /** A one-off without a cron expression runs once, when started. */
  readonly once: boolean;
}

/** "Next runs": the expression in words and its next five slots, in the task's zone (local time in a tooltip). */
export function CronPreview({ expression, timeZone, once }: CronPreviewProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const titleId = useId();
  const { result, error, loading } = useCronPreview(expression, timeZone);
  const language = usePrefs((s) => s.language);
  const described = result?.valid ? (describeCron(expression, language) ?? result.description) : null;
  const browserZone = useTimeStyle().timeZone;
  const format = useTimeFormat();

  let body;
  if (!expression.trim()) {
    body = <Typography.Text type="secondary">{once ? t('tasks.cron.once') : t('tasks.cron.type')}</Typography.Text>;
  } else if (error) {
    body = <Alert type="warning" showIcon message={t('tasks.cron.previewFailed')} description={error} />;
  } else if (result && !result.valid) {
    body = <Alert type="error" showIcon message={t('tasks.cron.invalid')} description={result.error?.replace(/^cron_expression: /, '')} />;
  } else if (result) {
    body = (
      <>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {described ? <Typography.Text strong>{described.replace(/^./, (c) => c.toUpperCase())}</Typography.Text> : <Typography.Text type="secondary">{t('tasks.cron.noDescription')}</Typography.Text>}
          <Typography.Text type="secondary">{t('tasks.cron.inZone', { zone: timeZone })}</Typography.Text>
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
          <Typography.Text type="warning">{t('tasks.cron.never')}</Typography.Text>
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
      title={<span id={titleId}>{t('tasks.cron.nextRuns')}</span>}
      extra={loading ? <Spin size="small" aria-label={t('tasks.cron.updating')} /> : null}
      style={{ marginBottom: 12 }}
    >
      {body}
    </Card>
  );
}
