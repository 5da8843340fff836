import { CaretRightOutlined, DeleteOutlined, EditOutlined, ExportOutlined, PauseOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, theme, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { editsByOthers, type Task } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { href, navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { bindingsStore, useBindings } from '../../stores/bindings-store';
import { useCan, useSession } from '../../stores/session-store';
import { tasksStore, useTask, useTasks } from '../../stores/tasks-store';
import { ExportYamlModal } from './export-yaml-modal';
import { NextRunText } from './next-run-text';
import { ScheduleText } from './schedule-text';
import { TaskInstancesCard } from './task-instances-card';
import { TaskSlotsCard } from './task-slots-card';
import { TaskStageTag } from './task-stage-tag';
import { approvalText, awaitingApproval, frequencyText, strategyText, typeLabel } from './task-view';
import { TaskEditList } from './task-edit-list';
import { useTaskActions, type TaskActions } from './use-task-actions';
import { useTaskOwnership } from './use-task-ownership';

function Actions({ task, actions, onExport }: { readonly task: Task; readonly actions: TaskActions; readonly onExport: () => void }) {
  const canWrite = useCan('tasks:write');
  const canRun = useCan('runs:execute');
  const own = useTaskOwnership(task);
  const busy = actions.busy[task.name];
  const started = task.stage === 'Started';
  return (
    <>
      {canWrite ? (
        started ? (
          <Tooltip title={own.reason}>
            <Button icon={<PauseOutlined aria-hidden />} loading={busy === 'stop'} disabled={!own.manage} onClick={() => void actions.stop(task)}>
              Stop
            </Button>
          </Tooltip>
        ) : (
          <Tooltip title={own.reason}>
            <Button type="primary" icon={<CaretRightOutlined aria-hidden />} loading={busy === 'start'} disabled={!own.manage} onClick={() => void actions.start(task)}>
              Start
            </Button>
          </Tooltip>
        )
      ) : null}
      {canRun ? (
        <Tooltip title={own.reason}>
          <Button icon={<ThunderboltOutlined aria-hidden />} loading={busy === 'run'} disabled={!own.manage} onClick={() => void actions.runNow(task)}>
            Run now
          </Button>
        </Tooltip>
      ) : null}
      {canWrite ? (
        <Tooltip title={own.reason ?? (started ? 'Stop the task to edit it' : undefined)}>
          <Button icon={<EditOutlined aria-hidden />} disabled={!own.manage} onClick={() => actions.edit(task)}>
            Edit
          </Button>
        </Tooltip>
      ) : null}
      <Button icon={<ExportOutlined aria-hidden />} onClick={onExport}>
        Export YAML
      </Button>
      {canWrite ? (
        <Tooltip title={own.reason}>
          <Button danger icon={<DeleteOutlined aria-hidden />} loading={busy === 'delete'} disabled={!own.manage} onClick={() => actions.confirmDelete(task)}>
            Delete
          </Button>
        </Tooltip>
      ) : null}
    </>
  );
}

function Summary({ task }: { readonly task: Task }) {
  const bindings = useBindings((s) => s.bindings);
  const bound = useMemo(() => task.binding_ids.map((id) => ({ id, b: bindings.find((x) => x.id === id) })), [task.binding_ids, bindings]);
  const zone = task.frequency.time_zone;
  const waiting = awaitingApproval(task);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xxl: 3 }}
      items={[
        { key: 'stage', label: 'Stage', children: <TaskStageTag task={task} /> },
        {
          key: 'approval',
          label: 'Approval',
          children: task.approval ? (
            <a href={href(`/approvals/${task.approval.request_id}`)}>{waiting ? approvalText(waiting) : `#${task.approval.request_id} (${task.approval.state})`}</a>
          ) : (
            <Typography.Text type="secondary">none</Typography.Text>
          ),
        },
        { key: 'schedule', label: 'Schedule', children: <ScheduleText task={task} /> },
        { key: 'frequency', label: 'Frequency', children: frequencyText(task.frequency) },
        { key: 'next', label: 'Next run', children: <NextRunText task={task} /> },
        { key: 'last', label: 'Last run', children: <Time relative value={task.last_run_at} /> },
        { key: 'fired', label: 'Runs fired', children: task.runs_fired.toLocaleString() },
        {
          key: 'running',
          label: 'Running instances',
          children: task.running_instances ? <a href={href(`/instances?task=${task.id}&status=1`)}>{task.running_instances}</a> : '0',
        },
        {
          key: 'bindings',
          label: 'Bindings',
          children: bound.length ? (
            <Space size={4} wrap>
              {bound.map(({ id, b }) => (
                <Tooltip key={id} title={b ? `${b.group_name} / ${b.executor_name} (${b.executor_host})` : 'This binding no longer exists'}>
                  <Tag color={b ? undefined : 'red'} style={{ marginInlineEnd: 0 }}>
                    {b ? `${b.name} — ${b.group_name} / ${b.executor_name}` : `#${id} (deleted)`}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          ) : (
            <Typography.Text type="danger">none: the task has no hosts</Typography.Text>
          ),
        },
        { key: 'dispatch', label: 'Dispatch', children: task.dispatch === 'all' ? 'all bound hosts' : 'one host, by weight' },
        { key: 'timeout', label: 'Timeout', children: task.timeout ? `${task.timeout.toLocaleString()} s` : 'none' },
        { key: 'retries', label: 'Retries', children: task.retry_times ? `${task.retry_times}, ${task.retry_interval} s apart` : 'none' },
        { key: 'overlap', label: 'Overlap', children: task.overlap_policy === 'allow' ? `allow, up to ${task.maximum_parallel_runnable_num} at once` : task.overlap_policy },
        { key: 'misfire', label: 'Misfire deadline', children: `${task.misfire_deadline_seconds.toLocaleString()} s` },
        { key: 'mode', label: 'Run mode', children: task.run_mode },
        { key: 'strategy', label: 'After approval', children: strategyText(task.execution_strategy, zone) },
        { key: 'tag', label: 'Tag', children: task.tag ? <Tag style={{ marginInlineEnd: 0 }}>{task.tag}</Tag> : <Typography.Text type="secondary">none</Typography.Text> },
        { key: 'owner', label: 'Owner', children: task.owner },
        { key: 'started_by', label: 'Runs on the authority of', children: task.started_by ?? <Typography.Text type="secondary">not started yet</Typography.Text> },
        { key: 'created', label: 'Created', children: <span><Time value={task.created_at} /> by {task.created_by}</span> },
        { key: 'updated', label: 'Updated', children: <Time value={task.updated_at} /> },
      ]}
    />
  );
}

function CodeCard({ task }: { readonly task: Task }) {
  const { token } = theme.useToken();
  const sql = task.type === 'database_change';
  if (task.type === 'apply_permission') {
    return (
      <Card size="small" title="Permission application">
        Once approved, the requester may run commands on the bound hosts for {task.grant_hours} hour{task.grant_hours === 1 ? '' : 's'}.
      </Card>
    );
  }
  const code = { margin: 0, maxHeight: 360, overflow: 'auto', padding: 10, background: token.colorFillTertiary, borderRadius: token.borderRadius, fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, whiteSpace: 'pre-wrap' as const };
  return (
    <Card size="small" title={sql ? 'Script' : 'Command'}>
      {sql ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {task.client_command ? (
            <>
              Sent on stdin to <Typography.Text code>{task.client_command}</Typography.Text>
            </>
          ) : (
            "Sent on stdin to each bound host's own client command"
          )}
        </Typography.Paragraph>
      ) : null}
      <pre style={code}>{(sql ? task.script : task.command) || '(empty)'}</pre>
    </Card>
  );
}

/** Who changed what since the task last started; a warning when it was someone other than the viewer. */
function EditedSinceStart({ task }: { readonly task: Task }) {
  const me = useSession((s) => s.user?.user_name ?? '');
  const edit = task.edited_since_start;
  if (!edit) return null;
  const others = editsByOthers(edit, me).length > 0;
  return (
    <Alert
      type={others ? 'warning' : 'info'}
      showIcon
      message={
        <span>
          Changed since it last started: last by {edit.by}, <Time value={edit.at} />
          {others ? '. Starting or running it asks you to confirm these changes.' : ''}
        </span>
      }
      description={<TaskEditList changes={edit.changes} />}
      style={{ marginBottom: 12 }}
    />
  );
}

/** `#/tasks/:name`: a task's configuration, its actions, its recent slots and its instances, all live. */
export function TaskPage({ name }: { readonly name: string }) {
  const task = useTask(name);
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  // The task this page showed: renamed elsewhere, the page follows it; deleted, the page says so.
  const [seenId, setSeenId] = useState<number | null>(null);
  const renamedTo = useTasks((s) => (!task && seenId !== null ? Object.values(s.byName).find((t) => t.id === seenId)?.name : undefined));
  const [exporting, setExporting] = useState(false);
  const actions = useTaskActions({ onDeleted: () => navigate('/tasks') });

  const load = (): void => {
    setFailure(null);
    tasksStore
      .getState()
      .fetch(name)
      .catch((err: unknown) => setFailure({ notFound: err instanceof ApiError && err.status === 404, message: errorMessage(err) }));
  };
  useEffect(() => {
    load();
    if (!bindingsStore.getState().loaded) void bindingsStore.getState().load();
  }, [name]); // load is rebuilt each render; the name is what matters
  useEffect(() => {
    if (task) tasksStore.getState().describe([task.cron_expression]);
  }, [task?.cron_expression]);
  useEffect(() => {
    if (task) setSeenId(task.id);
  }, [task?.id]);
  useEffect(() => {
    if (renamedTo) navigate(`/tasks/${encodeURIComponent(renamedTo)}`);
  }, [renamedTo]);

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/tasks')}>Tasks</a> }, { title: name }]} />;
  if (!task) {
    if (seenId !== null && !renamedTo) {
      return <Result status="warning" title={`Task ${name} was deleted`} subTitle="Its past instances and logs are still in Instances." extra={<Button type="primary" href={href('/tasks')}>Back to tasks</Button>} />;
    }
    if (failure?.notFound) {
      return <Result status="404" title="Task not found" subTitle={`There is no task ${name}; it may have been renamed or deleted.`} extra={<Button type="primary" href={href('/tasks')}>Back to tasks</Button>} />;
    }
    return <>{crumbs}{failure ? <ErrorAlert message={failure.message} onRetry={load} /> : <Skeleton active />}</>;
  }
  const waiting = awaitingApproval(task);

  return (
    <>
      <PageHeader
        breadcrumb={crumbs}
        title={
          <Space size={10} wrap>
            <span>{task.name}</span>
            <TaskStageTag task={task} />
            <Tag style={{ fontWeight: 'normal' }}>{typeLabel[task.type]}</Tag>
          </Space>
        }
        subtitle={task.description || undefined}
        extra={<Actions task={task} actions={actions} onExport={() => setExporting(true)} />}
      />
      {waiting ? (
        <Alert
          type="info"
          showIcon
          message={`Waiting on change request #${waiting.request_id} (${waiting.state})`}
          description="An approval process governs this task. It stays Stopped until the request is approved, then starts as its After approval setting says."
          action={<Button size="small" href={href(`/approvals/${waiting.request_id}`)}>Open request</Button>}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <EditedSinceStart task={task} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title="Configuration">
              <Summary task={task} />
            </Card>
            <CodeCard task={task} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <TaskSlotsCard task={task} />
        </Col>
        <Col span={24}>
          <TaskInstancesCard task={task} />
        </Col>
      </Row>
      {exporting ? <ExportYamlModal name={task.name} onClose={() => setExporting(false)} /> : null}
    </>
  );
}
