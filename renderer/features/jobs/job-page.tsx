import { Alert, Breadcrumb, Button, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { isFinished, type JobView } from '../../../shared/domain/jobs';
import { ApiError } from '../../api/client';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { statusWord } from '../../lib/status-words';
import { useNow } from '../../lib/use-now';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { JobActions } from './job-actions';
import { JobDuration, JobProgress, JobQueueWait, JobStatusTag } from './job-bits';
import { childrenOf, subjectLinks } from './job-model';
import { JobsTreeTable } from './jobs-tree-table';
import { useTranslation } from 'react-i18next';

/** Failed nodes of the tree with their errors, the job first. */
function errorsOf(job: JobView, nodes: readonly JobView[]): JobView[] {
  return [job, ...nodes.filter((n) => n.root_id === job.id && n.id !== job.id)].filter((n) => n.error);
}

/** `#/jobs/:id`: one job with its tree of steps, errors, timings, progress and links to the instances its steps ran. */
export function JobPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const job = useJobs((s) => s.byId[id]);
  const byId = useJobs((s) => s.byId);
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  const [loaded, setLoaded] = useState(false);
  const now = useNow(Boolean(job && !isFinished(job.state)));

  const load = (): void => {
    setFailure(null);
    jobsStore
      .getState()
      .loadJob(id)
      .then(() => setLoaded(true))
      .catch((err: unknown) => setFailure({ notFound: err instanceof ApiError && err.status === 404, message: errorMessage(err) }));
  };
  useEffect(load, [id]); // load is rebuilt each render; the id is what matters

  const errors = useMemo(() => (job ? errorsOf(job, Object.values(byId)) : []), [job, byId]);
  // Its steps listed below: the Folded count leaves them out.
  const shownSteps = useMemo(() => childrenOf(Object.values(byId), id), [byId, id]);
  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/jobs')}>{t('shell.nav.jobs')}</a> }, { title: job?.description ?? id }]} />;
  if (failure?.notFound || (loaded && !job)) {
    return (
      <Result
        status="404"
        title={t('jobs.page.notFound')}
        subTitle={t('jobs.page.notFoundText', { id })}
        extra={<Button type="primary" href={href('/jobs')}>{t('jobs.page.back')}</Button>}
      />
    );
  }
  if (!job) return <>{crumbs}{failure ? <ErrorAlert message={failure.message} onRetry={load} /> : <Skeleton active />}</>;

  return (
    <>
      {crumbs}
      <PageHeader
        title={<Space>{job.description}<JobStatusTag job={job} /></Space>}
        subtitle={`${t('jobs.page.typeModule', { type: job.type, module: job.module })}${job.external ? t('jobs.page.reportedBy', { source: job.external_type ?? t('jobs.aPlugin') }) : ''}`}
        extra={<JobActions job={job} size="middle" />}
      />
      {errors.map((n) => (
        <Alert key={n.id} type={n.state === 'failed' ? 'error' : 'warning'} showIcon style={{ marginBottom: 8 }} message={n.id === job.id ? t('jobs.page.jobError') : `${n.step_type ? statusWord('step', n.step_type) : t('jobs.page.step')}: ${n.description}`} description={n.error} />
      ))}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('instances.field.id')} span={2}><Typography.Text copyable code>{job.id}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('tasks.field.owner')}>{job.owner || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('jobs.page.sequence')}>{job.sequence_number}</Descriptions.Item>
        <Descriptions.Item label={t('tasks.field.created')}><Time value={job.created_time} /></Descriptions.Item>
        <Descriptions.Item label={t('instances.field.started')}><Time value={job.started_time} empty={t('jobs.page.notYet')} /></Descriptions.Item>
        <Descriptions.Item label={t('instances.field.ended')}><Time value={job.ended_time} empty={t('jobs.page.notYet')} /></Descriptions.Item>
        <Descriptions.Item label={t('jobs.page.queuedFor')}><JobQueueWait job={job} now={now} /></Descriptions.Item>
        <Descriptions.Item label={t('run.ranFor')}><JobDuration job={job} now={now} /></Descriptions.Item>
        <Descriptions.Item label={t('jobs.page.lastUpdate')}><Time relative value={job.updated_time} /></Descriptions.Item>
        <Descriptions.Item label={t('jobs.field.progress')}><JobProgress job={job} shown={shownSteps} /></Descriptions.Item>
        <Descriptions.Item label={t('jobs.page.abortable')}>{job.is_abortable ? t('common.value.yes') : t('common.value.no')}</Descriptions.Item>
        <Descriptions.Item label={t('jobs.page.autoCleared')}>{job.auto_cleared ? t('jobs.page.autoYes') : t('jobs.page.autoNo')}</Descriptions.Item>
        {subjectLinks(job, undefined).map((l) => (
          <Descriptions.Item key={l.label} label={l.label}><a href={href(l.path)}>{l.text}</a></Descriptions.Item>
        ))}
        {job.instance_id ? (
          <Descriptions.Item label={t('jobs.page.instance')}><a href={href(`/instances/${encodeURIComponent(job.instance_id)}`)}>{job.instance_id}</a></Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5}>{t('jobs.page.steps')}</Typography.Title>
      <JobsTreeTable
        label={t('jobs.page.steps')}
        roots={[]}
        stepsOf={job}
        empty={
          <Typography.Text type="secondary">
            {job.children_ids.length ? t('jobs.page.loadingSteps') : isFinished(job.state) ? t('jobs.page.noStepsLeft') : t('jobs.page.noSteps')}
          </Typography.Text>
        }
      />
    </>
  );
}
