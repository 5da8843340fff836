import { Alert, Breadcrumb, Button, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { isFinished, type JobView } from '../../../shared/domain/jobs';
import { ApiError } from '../../api/client';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { instanceError, jobDescription } from '../../lib/server-words';
import { statusWord } from '../../lib/status-words';
import { useNow } from '../../lib/use-now';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { JobActions } from './job-actions';
import { JobDuration, JobProgress, JobQueueWait, JobStatusTag } from './job-bits';
import { errorPlaces, failedBelow } from './job-errors';
import { childrenOf, moduleWord, subjectLinks, typeWord } from './job-model';
import { JobsTreeTable } from './jobs-tree-table';
import { useTranslation } from 'react-i18next';

/** The boxes of a job's errors: each where it started (a host's step, the deepest failed step), the job first. */
function errorBoxes(job: JobView, nodes: readonly JobView[]): { origins: JobView[]; summary: readonly JobView[] | null } {
  const tree = [job, ...nodes.filter((n) => n.root_id === job.id && n.id !== job.id)];
  const places = errorPlaces(tree);
  const own = places.get(job.id);
  return { origins: tree.filter((n) => places.get(n.id)?.kind === 'origin'), summary: own?.kind === 'summary' ? own.origins : null };
}

const errorBoxId = (n: JobView): string => `job-error-${n.id}`;

/** Error boxes shown above the steps; a run that failed on 200 hosts lists the rest in the steps below. */
const MAX_BOXES = 10;

/** The job's own error when it only repeats failures below: how many, each a link to where it is shown. */
function FailedBelow({ job, origins }: { readonly job: JobView; readonly origins: readonly JobView[] }) {
  const { t } = useTranslation();
  return (
    <Alert
      type={job.state === 'failed' ? 'error' : 'warning'} showIcon style={{ marginBottom: 8 }}
      message={failedBelow(t, origins)}
      description={
        <Space wrap size={12}>
          {/* Scrolled to, not linked: a `#…` link would be read as a route. */}
          {origins.slice(0, MAX_BOXES).map((o) => <Typography.Link key={o.id} onClick={() => document.getElementById(errorBoxId(o))?.scrollIntoView({ block: 'center' })}>{jobDescription(o)}</Typography.Link>)}
          {origins.length > MAX_BOXES ? <Typography.Text type="secondary">{t('jobs.page.moreInSteps', { count: origins.length - MAX_BOXES })}</Typography.Text> : null}
        </Space>
      }
    />
  );
}

function ErrorBox({ job, node }: { readonly job: JobView; readonly node: JobView }) {
  const { t } = useTranslation();
  const what = node.id === job.id ? t('jobs.page.jobError') : `${node.step_type ? statusWord('step', node.step_type) : t('jobs.page.step')}: ${jobDescription(node)}`;
  return (
    <div id={errorBoxId(node)}>
      <Alert
        type={node.state === 'failed' ? 'error' : 'warning'} showIcon style={{ marginBottom: 8 }} message={what}
        description={
          <Space direction="vertical" size={2}>
            <span>{instanceError(node.error ?? '')}</span>
            {node.instance_id ? <a href={href(`/instances/${encodeURIComponent(node.instance_id)}`)}>{t('jobs.instance', { id: node.instance_id })}</a> : null}
          </Space>
        }
      />
    </div>
  );
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

  const errors = useMemo(() => (job ? errorBoxes(job, Object.values(byId)) : null), [job, byId]);
  // Its steps listed below: the Folded count leaves them out.
  const shownSteps = useMemo(() => childrenOf(Object.values(byId), id), [byId, id]);
  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/jobs')}>{t('shell.nav.jobs')}</a> }, { title: job ? jobDescription(job) : id }]} />;
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
        title={<Space>{jobDescription(job)}<JobStatusTag job={job} /></Space>}
        subtitle={`${t('jobs.page.typeModule', { type: typeWord(job), module: moduleWord(job.module) })}${job.external ? t('jobs.page.reportedBy', { source: job.external_type ?? t('jobs.aPlugin') }) : ''}`}
        extra={<JobActions job={job} size="middle" />}
      />
      {errors?.summary ? <FailedBelow job={job} origins={errors.summary} /> : null}
      {errors?.origins.slice(0, MAX_BOXES).map((n) => <ErrorBox key={n.id} job={job} node={n} />)}
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
