import { Alert, Breadcrumb, Button, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { isFinished, type JobView } from '../../../shared/domain/jobs';
import { ApiError } from '../../api/client';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { JobActions } from './job-actions';
import { JobDuration, JobProgress, JobQueueWait, JobStatusTag } from './job-bits';
import { childrenOf, subjectLinks } from './job-model';
import { JobsTreeTable } from './jobs-tree-table';

/** Failed nodes of the tree with their errors, the job first. */
function errorsOf(job: JobView, nodes: readonly JobView[]): JobView[] {
  return [job, ...nodes.filter((n) => n.root_id === job.id && n.id !== job.id)].filter((n) => n.error);
}

/** `#/jobs/:id`: one job with its tree of steps, errors, timings, progress and links to the instances its steps ran. */
export function JobPage({ id }: { readonly id: string }) {
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
  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/jobs')}>Jobs</a> }, { title: job?.description ?? id }]} />;
  if (failure?.notFound || (loaded && !job)) {
    return (
      <Result
        status="404"
        title="Job not found"
        subTitle={`There is no job ${id}: it may have expired after its TTL, or been drained.`}
        extra={<Button type="primary" href={href('/jobs')}>Back to jobs</Button>}
      />
    );
  }
  if (!job) return <>{crumbs}{failure ? <ErrorAlert message={failure.message} onRetry={load} /> : <Skeleton active />}</>;

  return (
    <>
      {crumbs}
      <PageHeader
        title={<Space>{job.description}<JobStatusTag job={job} /></Space>}
        subtitle={`Type ${job.type} · module ${job.module}${job.external ? ` · reported by ${job.external_type ?? 'a plug-in'}` : ''}`}
        extra={<JobActions job={job} size="middle" />}
      />
      {errors.map((n) => (
        <Alert key={n.id} type={n.state === 'failed' ? 'error' : 'warning'} showIcon style={{ marginBottom: 8 }} message={n.id === job.id ? 'Job error' : `${n.step_type ?? 'Step'}: ${n.description}`} description={n.error} />
      ))}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Id" span={2}><Typography.Text copyable code>{job.id}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label="Owner">{job.owner || '—'}</Descriptions.Item>
        <Descriptions.Item label="Sequence number">{job.sequence_number}</Descriptions.Item>
        <Descriptions.Item label="Created"><Time value={job.created_time} /></Descriptions.Item>
        <Descriptions.Item label="Started"><Time value={job.started_time} empty="not yet" /></Descriptions.Item>
        <Descriptions.Item label="Ended"><Time value={job.ended_time} empty="not yet" /></Descriptions.Item>
        <Descriptions.Item label="Queued for"><JobQueueWait job={job} now={now} /></Descriptions.Item>
        <Descriptions.Item label="Ran for"><JobDuration job={job} now={now} /></Descriptions.Item>
        <Descriptions.Item label="Last update"><Time relative value={job.updated_time} /></Descriptions.Item>
        <Descriptions.Item label="Progress"><JobProgress job={job} shown={shownSteps} /></Descriptions.Item>
        <Descriptions.Item label="Abortable">{job.is_abortable ? 'Yes' : 'No'}</Descriptions.Item>
        <Descriptions.Item label="Cleared automatically">{job.auto_cleared ? 'Yes, after the TTL once ended' : 'No: stays until cleared'}</Descriptions.Item>
        {subjectLinks(job, undefined).map((l) => (
          <Descriptions.Item key={l.label} label={l.label}><a href={href(l.path)}>{l.text}</a></Descriptions.Item>
        ))}
        {job.instance_id ? (
          <Descriptions.Item label="Instance"><a href={href(`/instances/${encodeURIComponent(job.instance_id)}`)}>{job.instance_id}</a></Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5}>Steps</Typography.Title>
      <JobsTreeTable
        label="Steps"
        roots={[]}
        stepsOf={job}
        empty={
          <Typography.Text type="secondary">
            {job.children_ids.length ? 'Loading steps…' : isFinished(job.state) ? 'No steps left: finished steps fold into their job (see the counts under Progress).' : 'No steps yet.'}
          </Typography.Text>
        }
      />
    </>
  );
}
