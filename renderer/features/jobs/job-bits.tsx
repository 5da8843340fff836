import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { JobView } from '../../../shared/domain/jobs';
import { Duration } from '../../components/duration-text';
import { instanceError } from '../../lib/server-words';
import { foldedText, progressOf, queueWaitMs, runMs, statusColor, statusWord } from './job-model';
import { useTranslation } from 'react-i18next';

/** A job's or step's status in human words (the oVirt status), coloured by state. */
export function JobStatusTag({ job }: { readonly job: Pick<JobView, 'state' | 'status' | 'error'> }) {
  const tag = <Tag color={statusColor(job.state)} style={{ marginInlineEnd: 0 }}>{statusWord(job)}</Tag>;
  return job.error ? <Tooltip title={instanceError(job.error)}>{tag}</Tooltip> : tag;
}

/** Progress as a bar with its count, plus the children that folded away (not those `shown` as rows below it); "—" when nothing is counted. */
export function JobProgress({ job, shown }: { readonly job: JobView; readonly shown?: readonly JobView[] | undefined }) {
  const { t } = useTranslation();
  const p = progressOf(job);
  const folded = foldedText(job, shown);
  return (
    <Space direction="vertical" size={0} style={{ minWidth: 140 }}>
      {p ? (
        <Tooltip title={p.text}>
          <Progress
            percent={p.percent}
            size="small"
            status={job.state === 'failed' ? 'exception' : job.state === 'running' ? 'active' : job.state === 'done' ? 'success' : 'normal'}
            format={() => p.text}
            aria-label={t('jobs.progressAria', { text: p.text })}
          />
        </Tooltip>
      ) : folded ? null : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
      {folded ? <Typography.Text type="secondary">{t('jobs.folded.label', { text: folded })}</Typography.Text> : null}
    </Space>
  );
}

/** How long it ran (ticking with `now` while it runs). */
export function JobDuration({ job, now }: { readonly job: JobView; readonly now: number }) {
  return <Duration ms={runMs(job, now)} />;
}

/** Start − creation: how long it waited before it started. */
export function JobQueueWait({ job, now }: { readonly job: JobView; readonly now: number }) {
  return <Duration ms={queueWaitMs(job, now)} />;
}
