import { Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { isFinished, type JobView } from '../../../shared/domain/jobs';
import { href } from '../../app/hash-route';
import { Time } from '../../components/time-text';
import { useNow } from '../../lib/use-now';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { JobActions } from './job-actions';
import { JobDuration, JobProgress, JobQueueWait, JobStatusTag } from './job-bits';
import { type ErrorPlace, errorPlaces, failedBelow } from './job-errors';
import { moduleWord, subjectLinks, treeOf, typeWord, type JobTreeRow } from './job-model';
import type { TFunction } from 'i18next';
import { instanceError, jobDescription } from '../../lib/server-words';
import { statusWord } from '../../lib/status-words';
import { useTranslation } from 'react-i18next';

function NodeTitle({ job, parent, place }: { readonly job: JobView; readonly parent: JobView | undefined; readonly place: ErrorPlace | undefined }) {
  const { t } = useTranslation();
  if (job.parent_id === null) {
    return (
      // Narrower than the cell by the expand button, so a long description wraps beside it rather than dropping below.
      <Space direction="vertical" size={0} style={{ verticalAlign: 'top', maxWidth: 'calc(100% - 28px)' }}>
        <a href={href(`/jobs/${encodeURIComponent(job.id)}`)}>{jobDescription(job)}</a>
        <Typography.Text type="secondary">
          {typeWord(job)}{job.external ? t('jobs.from', { source: job.external_type ?? t('jobs.aPlugin') }) : ''}{job.internal ? t('jobs.internal') : ''}
          {subjectLinks(job, undefined).map((l) => <span key={l.label}> · <a href={href(l.path)}>{l.short}</a></span>)}
        </Typography.Text>
      </Space>
    );
  }
  // Narrower than the cell: wrapped, it still sits beside the tree's indent (a full-width block drops below it, and the step looks a level up).
  return (
    <Space size={6} wrap style={{ maxWidth: 'calc(100% - 80px)', verticalAlign: 'top' }}>
      {job.step_type ? <Tooltip title={t('status.code', { code: job.step_type })}><Tag bordered={false}>{statusWord('step', job.step_type)}</Tag></Tooltip> : null}
      <span>{jobDescription(job)}</span>
      {job.instance_id ? <a href={href(`/instances/${encodeURIComponent(job.instance_id)}`)}>{t('jobs.instance', { id: job.instance_id })}</a> : null}
      {subjectLinks(job, parent).map((l) => <a key={l.label} href={href(l.path)}>{l.short}</a>)}
      {job.error && place?.kind !== 'repeat' ? <Typography.Text type="danger">{place?.kind === 'summary' ? failedBelow(t, place.origins) : instanceError(job.error)}</Typography.Text> : null}
    </Space>
  );
}

function columns(now: number, nodeOf: (id: string | null) => JobView | undefined, placeOf: (id: string) => ErrorPlace | undefined, t: TFunction): TableColumnsType<JobTreeRow> {
  return [
    { title: t('jobs.field.jobStep'), key: 'title', width: 380, render: (_, j) => <NodeTitle job={j} parent={nodeOf(j.parent_id)} place={placeOf(j.id)} /> },
    { title: t('instances.field.status'), key: 'status', width: 100, render: (_, j) => <JobStatusTag job={j} /> },
    { title: t('jobs.field.progress'), key: 'progress', width: 200, render: (_, j) => <JobProgress job={j} shown={j.children} /> },
    { title: t('jobs.field.module'), dataIndex: 'module', width: 100, render: (m: string) => moduleWord(m) },
    { title: t('tasks.field.owner'), dataIndex: 'owner', width: 100, render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('tasks.field.created'), key: 'created', width: 130, render: (_, j) => <Time relative value={j.created_time} /> },
    { title: t('jobs.field.queued'), key: 'queue', width: 80, render: (_, j) => <JobQueueWait job={j} now={now} /> },
    { title: t('instances.field.duration'), key: 'duration', width: 90, render: (_, j) => <JobDuration job={j} now={now} /> },
    { title: t('tasks.field.actions'), key: 'actions', width: 190, fixed: 'right', render: (_, j) => <JobActions job={j} /> },
  ];
}

export interface JobsTreeTableProps {
  /** The jobs (roots) to show, or one job's steps when `stepsOf` is set. */
  readonly roots: readonly JobView[];
  readonly loading?: boolean;
  readonly empty: React.ReactNode;
  /** Show the tree below this job, without the job itself (the job page). */
  readonly stepsOf?: JobView;
  readonly label: string;
}

/** Jobs with their steps as an expandable tree; durations tick while anything runs; expanding a job loads its steps. */
export function JobsTreeTable({ roots, loading, empty, stepsOf, label }: JobsTreeTableProps) {
  const { t } = useTranslation();
  const byId = useJobs((s) => s.byId);
  const stepsLoaded = useJobs((s) => s.stepsLoaded);
  const rows = useMemo(() => {
    const nodes = Object.values(byId);
    if (stepsOf) return treeOf(stepsOf, nodes.filter((n) => n.root_id === stepsOf.root_id)).children ?? [];
    const ids = new Set(roots.map((r) => r.id));
    const byRoot = new Map<string, JobView[]>();
    for (const n of nodes) if (ids.has(n.root_id)) byRoot.set(n.root_id, [...(byRoot.get(n.root_id) ?? []), n]);
    return roots.map((r) => treeOf(r, byRoot.get(r.id) ?? []));
  }, [byId, roots, stepsOf]);
  const anyRunning = useMemo(() => Object.values(byId).some((n) => !isFinished(n.state)), [byId]);
  const now = useNow(anyRunning);
  // Per tree: an error shows where it started, and the nodes that repeat it count it.
  const places = useMemo(() => {
    const byRoot = new Map<string, JobView[]>();
    for (const n of Object.values(byId)) byRoot.set(n.root_id, [...(byRoot.get(n.root_id) ?? []), n]);
    return new Map([...byRoot.values()].flatMap((tree) => [...errorPlaces(tree)]));
  }, [byId]);
  const cols = useMemo(() => columns(now, (id) => (id === null ? undefined : byId[id]), (id) => places.get(id), t), [now, byId, places, t]);
  // An opened job shows its whole tree, steps added later included; a step a user collapses stays collapsed.
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const openKeys = useMemo(
    () => Object.values(byId).filter((n) => (stepsOf ? n.root_id === stepsOf.root_id : opened.has(n.root_id)) && !collapsed.has(n.id)).map((n) => n.id),
    [byId, stepsOf, opened, collapsed],
  );
  const toggle = (set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  return (
    <Table<JobTreeRow>
      aria-label={label}
      size="small"
      rowKey="id"
      columns={cols}
      dataSource={rows as JobTreeRow[]}
      loading={loading}
      pagination={false}
      locale={{ emptyText: empty }}
      scroll={{ x: 1300 }}
      expandable={{
        expandedRowKeys: openKeys,
        onExpand: (expanded, row) => {
          if (row.parent_id !== null || stepsOf) return setCollapsed((c) => toggle(c, row.id, !expanded));
          setOpened((o) => toggle(o, row.id, expanded));
          setCollapsed((c) => toggle(c, row.id, false));
          if (expanded && !stepsLoaded[row.id]) void jobsStore.getState().loadJob(row.id).catch(() => undefined);
        },
      }}
    />
  );
}
