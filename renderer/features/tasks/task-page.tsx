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
import { statusWord } from '../../lib/status-words';
import { bindingsStore, useBindings } from '../../stores/bindings-store';
import { useLiveReturns } from '../../stores/live-store';
import { useCan, useSession } from '../../stores/session-store';
import { tasksStore, useTask, useTasks } from '../../stores/tasks-store';
import { ExportYamlModal } from './export-yaml-modal';
import { NextRunText } from './next-run-text';
import { ScheduleText } from './schedule-text';
import { TaskInstancesCard } from './task-instances-card';
import { TaskSlotsCard } from './task-slots-card';
import { TaskAlertsCard } from '../settings/notifications/task-alerts-card';
import { TaskStageTag } from './task-stage-tag';
import { approvalText, awaitingApproval, frequencyText, strategyText, typeLabel } from './task-view';
import { TaskEditList } from './task-edit-list';
import { ButtonReason } from './button-reason';
import { taskButtons } from './task-buttons';
import { useTaskActions, type TaskActions } from './use-task-actions';
import { useTaskOwnership } from './use-task-ownership';
import { useTranslation } from 'react-i18next';

function Actions({ task, actions, onExport }: { readonly task: Task; readonly actions: TaskActions; readonly onExport: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCan('tasks:write');
  const canRun = useCan('runs:execute');
  const own = useTaskOwnership(task);
  const user = useSession((s) => s.user);
  const b = taskButtons(task, user);
  const busy = actions.busy[task.name];
  const started = task.stage === 'Started';
  return (
    <>
      {canWrite ? (
        started ? (
          <ButtonReason state={b.stop}>
            <Button icon={<PauseOutlined aria-hidden />} loading={busy === 'stop'} disabled={!b.stop.enabled} onClick={() => void actions.stop(task)}>
              {t('tasks.action.stop')}
            </Button>
          </ButtonReason>
        ) : (
          <ButtonReason state={b.start}>
            <Button type="primary" icon={<CaretRightOutlined aria-hidden />} loading={busy === 'start'} disabled={!b.start.enabled} onClick={() => void actions.start(task)}>
              {t('tasks.action.start')}
            </Button>
          </ButtonReason>
        )
      ) : null}
      {canRun ? (
        <ButtonReason state={b.run}>
          <Button icon={<ThunderboltOutlined aria-hidden />} loading={busy === 'run'} disabled={!b.run.enabled} onClick={() => void actions.runNow(task)}>
            {t('tasks.action.runNow')}
          </Button>
        </ButtonReason>
      ) : null}
      {canWrite ? (
        <ButtonReason state={b.edit}>
          <Button icon={<EditOutlined aria-hidden />} disabled={!b.edit.enabled} onClick={() => actions.edit(task)}>
            {t('common.action.edit')}
          </Button>
        </ButtonReason>
      ) : null}
      <Button icon={<ExportOutlined aria-hidden />} onClick={onExport}>
        {t('tasks.action.exportYaml')}
      </Button>
      {canWrite ? (
        <Tooltip title={own.reason}>
          <Button danger icon={<DeleteOutlined aria-hidden />} loading={busy === 'delete'} disabled={!own.manage} onClick={() => actions.confirmDelete(task)}>
            {t('common.action.delete')}
          </Button>
        </Tooltip>
      ) : null}
    </>
  );
}

function Summary({ task }: { readonly task: Task }) {
  const { t } = useTranslation();
  const bindings = useBindings((s) => s.bindings);
  const bound = useMemo(() => task.binding_ids.map((id) => ({ id, b: bindings.find((x) => x.id === id) })), [task.binding_ids, bindings]);
  const zone = task.frequency.time_zone;
  const waiting = awaitingApproval(task);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xxl: 3 }}
      styles={{ content: { minWidth: 0, overflowWrap: 'anywhere' } }}
      items={[
        { key: 'stage', label: t('tasks.field.stage'), children: <TaskStageTag task={task} /> },
        {
          key: 'approval',
          label: t('tasks.field.approval'),
          children: task.approval ? (
            <a href={href(`/approvals/${task.approval.request_id}`)}>{waiting ? approvalText(waiting) : t('tasks.approval.request', { id: task.approval.request_id, state: statusWord('request', task.approval.state) })}</a>
          ) : (
            <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text>
          ),
        },
        { key: 'schedule', label: t('tasks.field.schedule'), children: <ScheduleText task={task} /> },
        { key: 'frequency', label: t('tasks.field.frequency'), children: frequencyText(task.frequency) },
        { key: 'next', label: t('tasks.field.nextRun'), children: <NextRunText task={task} /> },
        { key: 'last', label: t('tasks.field.lastRun'), children: <Time relative value={task.last_run_at} /> },
        { key: 'fired', label: t('tasks.field.runsFired'), children: task.runs_fired.toLocaleString() },
        {
          key: 'running',
          label: t('tasks.field.runningInstances'),
          children: task.running_instances ? <a href={href(`/instances?task=${task.id}&status=1`)}>{task.running_instances}</a> : '0',
        },
        {
          key: 'bindings',
          label: t('tasks.field.bindings'),
          children: bound.length ? (
            <Space size={4} wrap>
              {bound.map(({ id, b }) => (
                <Tooltip key={id} title={b ? `${b.group_name} / ${b.executor_name} (${b.executor_host})` : t('tasks.page.bindingGone')}>
                  <Tag color={b ? undefined : 'red'} style={{ marginInlineEnd: 0, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                    {b ? `${b.name} — ${b.group_name} / ${b.executor_name}` : t('tasks.page.bindingDeleted', { id })}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          ) : (
            <Typography.Text type="danger">{t('tasks.page.noHosts')}</Typography.Text>
          ),
        },
        { key: 'dispatch', label: t('tasks.field.dispatch'), children: task.dispatch === 'all' ? t('tasks.page.dispatchAll') : t('tasks.page.dispatchWeighted') },
        { key: 'timeout', label: t('tasks.field.timeout'), children: task.timeout ? t('tasks.page.seconds', { n: task.timeout.toLocaleString() }) : t('common.value.none') },
        { key: 'retries', label: t('tasks.field.retries'), children: task.retry_times ? t('tasks.page.retries', { times: task.retry_times, interval: task.retry_interval }) : t('common.value.none') },
        { key: 'overlap', label: t('tasks.field.overlap'), children: task.overlap_policy === 'allow' ? t('tasks.page.overlapAllow', { n: task.maximum_parallel_runnable_num }) : t(`tasks.page.overlap.${task.overlap_policy}`) },
        { key: 'misfire', label: t('tasks.field.misfire'), children: t('tasks.page.seconds', { n: task.misfire_deadline_seconds.toLocaleString() }) },
        { key: 'mode', label: t('tasks.field.runMode'), children: t(`tasks.page.runMode.${task.run_mode}`) },
        { key: 'strategy', label: t('tasks.field.afterApproval'), children: strategyText(task.execution_strategy, zone) },
        { key: 'tag', label: t('tasks.field.tag'), children: task.tag ? <Tag style={{ marginInlineEnd: 0 }}>{task.tag}</Tag> : <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text> },
        { key: 'owner', label: t('tasks.field.owner'), children: task.owner },
        { key: 'started_by', label: t('tasks.field.startedBy'), children: task.started_by ?? <Typography.Text type="secondary">{t('tasks.page.notStarted')}</Typography.Text> },
        { key: 'created', label: t('tasks.field.created'), children: <span>{t('tasks.page.createdBy', { by: task.created_by })} <Time value={task.created_at} /></span> },
        { key: 'updated', label: t('tasks.field.updated'), children: <Time value={task.updated_at} /> },
      ]}
    />
  );
}

function CodeCard({ task }: { readonly task: Task }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const sql = task.type === 'database_change';
  if (task.type === 'apply_permission') {
    return (
      <Card size="small" title={t('tasks.page.permissionTitle')}>
        {t('tasks.page.permissionText', { count: task.grant_hours })}
      </Card>
    );
  }
  const code = { margin: 0, maxHeight: 360, overflow: 'auto', padding: 10, background: token.colorFillTertiary, borderRadius: token.borderRadius, fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, whiteSpace: 'pre-wrap' as const, overflowWrap: 'anywhere' as const };
  return (
    <Card size="small" title={sql ? t('tasks.field.script') : t('tasks.field.command')}>
      {sql ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {task.client_command ? (
            <>
              {t('tasks.page.stdinTo')} <Typography.Text code>{task.client_command}</Typography.Text>
            </>
          ) : (
            t('tasks.page.stdinToEach')
          )}
        </Typography.Paragraph>
      ) : null}
      <pre style={code}>{(sql ? task.script : task.command) || t('tasks.empty')}</pre>
    </Card>
  );
}

/** Who changed what since the task last started; a warning when it was someone other than the viewer. */
function EditedSinceStart({ task }: { readonly task: Task }) {
  const { t } = useTranslation();
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
          {t('tasks.page.changedSince', { by: edit.by })} <Time value={edit.at} />
          {others ? t('tasks.page.confirmChanges') : ''}
        </span>
      }
      description={<TaskEditList changes={edit.changes} />}
      style={{ marginBottom: 12 }}
    />
  );
}

/** `#/tasks/:name`: a task's configuration, its actions, its recent slots and its instances, all live. */
export function TaskPage({ name }: { readonly name: string }) {
  const { t } = useTranslation();
  const task = useTask(name);
  const returns = useLiveReturns();
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
  }, [name, returns]); // load is rebuilt each render; the name is what matters, and a link that came back (a failed load retries)
  useEffect(() => {
    if (task) tasksStore.getState().describe([task.cron_expression]);
  }, [task?.cron_expression]);
  useEffect(() => {
    if (task) setSeenId(task.id);
  }, [task?.id]);
  useEffect(() => {
    if (renamedTo) navigate(`/tasks/${encodeURIComponent(renamedTo)}`);
  }, [renamedTo]);

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/tasks')}>{t('tasks.list.title')}</a> }, { title: name }]} />;
  if (!task) {
    if (seenId !== null && !renamedTo) {
      return <Result status="warning" title={t('tasks.page.deleted', { name })} subTitle={t('tasks.page.deletedText')} extra={<Button type="primary" href={href('/tasks')}>{t('tasks.page.back')}</Button>} />;
    }
    if (failure?.notFound) {
      return <Result status="404" title={t('tasks.page.notFound')} subTitle={t('tasks.page.notFoundText', { name })} extra={<Button type="primary" href={href('/tasks')}>{t('tasks.page.back')}</Button>} />;
    }
    return <>{crumbs}{failure ? <ErrorAlert message={failure.message} onRetry={load} /> : <Skeleton active />}</>;
  }
  const waiting = awaitingApproval(task);

  return (
    <>
      <PageHeader
        breadcrumb={crumbs}
        title={
          <Space size={10} wrap style={{ maxWidth: '100%' }}>
            <Typography.Text ellipsis={{ tooltip: task.name }} style={{ maxWidth: 'min(56vw, 720px)', font: 'inherit', color: 'inherit' }}>
              {task.name}
            </Typography.Text>
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
          message={t('tasks.page.waitingOn', { id: waiting.request_id, state: statusWord('request', waiting.state) })}
          description={t('tasks.page.waitingText')}
          action={<Button size="small" href={href(`/approvals/${waiting.request_id}`)}>{t('tasks.page.openRequest')}</Button>}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <EditedSinceStart task={task} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('tasks.page.configuration')}>
              <Summary task={task} />
            </Card>
            <CodeCard task={task} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <TaskSlotsCard task={task} />
          <TaskAlertsCard task={task} />
        </Col>
        <Col span={24}>
          <TaskInstancesCard task={task} />
        </Col>
      </Row>
      {exporting ? <ExportYamlModal name={task.name} onClose={() => setExporting(false)} /> : null}
    </>
  );
}
