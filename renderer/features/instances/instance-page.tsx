import { RedoOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Descriptions, Result, Skeleton, Space, theme, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useState } from 'react';
import { InstanceStatus, type Instance } from '../../../shared/domain/instances';
import { canCancelRun } from '../../../shared/domain/ownership';
import { ApiError } from '../../api/client';
import { href } from '../../app/hash-route';
import { DurationText } from '../../components/duration-text';
import { ErrorAlert } from '../../components/error-alert';
import { InstanceStatusTag } from '../../components/instance-status-tag';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { formatBytes } from '../../lib/duration';
import { errorMessage } from '../../lib/errors';
import { instancesStore, useInstance } from '../../stores/instances-store';
import { useLiveReturns } from '../../stores/live-store';
import { useCan, useSession } from '../../stores/session-store';
import { frequencyText } from '../tasks/task-view';
import { LogViewer } from './log-viewer';
import { useInstanceActions } from './use-instance-actions';
import { useTranslation } from 'react-i18next';
import { instanceError } from '../../lib/server-words';

/** delicate's snapshot of the task as it was when the instance was created; nothing for an ad-hoc run. */
function taskSnapshotItems(i: Instance, t: TFunction): { key: string; label: string; children: ReactNode }[] {
  if (i.task_id === null && i.task_name === null) return [];
  const none = <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text>;
  return [
    { key: 'description', label: t('taskForm.description'), children: i.description || none },
    { key: 'frequency', label: t('tasks.field.frequency'), children: i.frequency ? `${frequencyText(i.frequency)} (${i.frequency.time_zone})` : none },
    { key: 'cron', label: t('instances.field.cron'), children: i.cron_expression ? <Typography.Text code>{i.cron_expression}</Typography.Text> : none },
    { key: 'parallel', label: t('instances.field.maxParallel'), children: i.maximum_parallel_runnable_num ?? none },
    { key: 'tag', label: t('tasks.field.tag'), children: i.tag || none },
  ];
}

function Summary({ i }: { readonly i: Instance }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode };
  const ended = i.status !== InstanceStatus.Running;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 4 }}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'host', label: t('instances.field.host'), children: i.host_id ? <a href={href(`/hosts/${i.host_id}`)}>{i.host.name}</a> : i.host.name },
        { key: 'addr', label: t('instances.field.address'), children: <span style={mono}>{i.host.host}</span> },
        { key: 'mode', label: t('instances.field.mode'), children: t(`tasks.page.runMode.${i.mode}`) },
        { key: 'trigger', label: t('instances.field.trigger'), children: i.attempt > 1 ? t('instances.triggerAttempt', { trigger: t(`instances.triggerLong.${i.trigger}`), attempt: i.attempt }) : t(`instances.triggerLong.${i.trigger}`) },
        ...(i.task_id !== null
          ? [{ key: 'task', label: t('instances.field.task'), children: <a href={href(`/instances?task=${i.task_id}`)}>{i.task_name ?? `#${i.task_id}`}</a> }]
          : []),
        ...(i.slot ? [{ key: 'slot', label: t('instances.field.slot'), children: <Time value={i.slot} /> }] : []),
        ...taskSnapshotItems(i, t),
        { key: 'by', label: t('tasks.field.startedBy'), children: i.created_by },
        { key: 'started', label: t('instances.field.started'), children: <Time value={i.started_time} empty={t('instances.notStarted')} /> },
        { key: 'ended', label: t('instances.field.ended'), children: <Time value={i.ended_time} empty={ended ? '—' : t('instances.stillRunning')} /> },
        { key: 'updated', label: t('tasks.field.updated'), children: <Time value={i.updated_time} /> },
        { key: 'duration', label: t('instances.field.duration'), children: <DurationText instance={i} /> },
        {
          key: 'exit',
          label: t('instances.field.exit'),
          children: i.exit_code !== null ? (
            <Typography.Text type={i.exit_code === 0 ? 'success' : 'danger'}>{t('instances.exitCode', { code: i.exit_code })}</Typography.Text>
          ) : i.signal ? (
            <Typography.Text type="danger">{t('instances.signal', { signal: i.signal })}</Typography.Text>
          ) : (
            '—'
          ),
        },
        { key: 'timeout', label: t('tasks.field.timeout'), children: i.timeout ? t('tasks.page.seconds', { n: i.timeout }) : t('common.value.none') },
        { key: 'log', label: t('instances.field.log'), children: ended ? `${t('common.count.lines', { count: i.log_lines })}, ${formatBytes(i.log_bytes)}` : t('instances.streaming') },
        { key: 'run', label: t('instances.field.run'), children: <a href={href(`/instances?run=${i.run_id}`)} style={mono}>{i.run_id}</a> },
      ]}
    />
  );
}

/** `#/instances/:id`: one run of a command on one host, its outcome and its whole log. */
export function InstancePage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const instance = useInstance(id);
  const canRun = useCan('runs:execute');
  const user = useSession((s) => s.user);
  const actions = useInstanceActions();
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  const valid = /^\d{1,20}$/.test(id);
  const returns = useLiveReturns();

  const load = (): void => {
    setFailure(null);
    instancesStore
      .getState()
      .fetch(id)
      .catch((err: unknown) => setFailure({ notFound: err instanceof ApiError && err.status === 404, message: errorMessage(err) }));
  };
  useEffect(() => {
    if (valid) load();
  }, [id, returns]); // load is rebuilt each render; the id is what matters, and a link that came back (a failed load retries)

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/instances')}>{t('instances.list.title')}</a> }, { title: id }]} />;
  if (!valid || failure?.notFound) {
    return (
      <Result
        status="404"
        title={t('instances.page.notFound')}
        subTitle={valid ? t('instances.page.noSuch', { id }) : t('instances.page.badId', { id })}
        extra={<Button type="primary" href={href('/instances')}>{t('instances.page.back')}</Button>}
      />
    );
  }
  if (!instance) return <>{crumbs}{failure ? <ErrorAlert message={failure.message} onRetry={load} /> : <Skeleton active />}</>;

  const running = instance.status === InstanceStatus.Running;
  const mayCancel = user !== null && canCancelRun(user, instance);
  return (
    <>
      <PageHeader
        breadcrumb={crumbs}
        title={
          <Space size={10}>
            <span>{instance.host.name}</span>
            <InstanceStatusTag instance={instance} />
            <Typography.Text type="secondary" style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSize, fontWeight: 'normal' }}>
              {instance.id}
            </Typography.Text>
          </Space>
        }
        extra={
          canRun ? (
            <>
              <Tooltip title={instance.host_id === null ? t('instances.page.hostDeleted') : t('instances.page.runAgainTip')}>
                <Button icon={<RedoOutlined aria-hidden />} loading={actions.rerunning} disabled={instance.host_id === null} onClick={() => void actions.runAgain(instance)}>
                  {t('instances.page.runAgain')}
                </Button>
              </Tooltip>
              {running ? (
                <Tooltip title={mayCancel ? undefined : t('instances.page.cannotCancel', { user: instance.created_by })}>
                  <Button danger icon={<StopOutlined aria-hidden />} disabled={!mayCancel} onClick={() => actions.confirmCancel(instance)}>
                    {t('common.action.cancel')}
                  </Button>
                </Tooltip>
              ) : null}
            </>
          ) : null
        }
      />
      {failure ? <ErrorAlert message={failure.message} title={t('instances.page.refreshFailed')} onRetry={load} /> : null}
      <Summary i={instance} />
      {instance.error ? <Alert type="error" showIcon message={instanceError(instance.error)} style={{ marginBottom: 12 }} /> : null}
      {instance.log_truncated ? (
        <Alert type="warning" showIcon message={t('instances.page.truncated')} description={t('instances.page.truncatedText')} style={{ marginBottom: 12 }} />
      ) : null}
      <div style={{ position: 'relative', marginBottom: 12 }}>
        <pre
          style={{
            margin: 0,
            padding: '8px 40px 8px 12px',
            maxHeight: 200,
            overflow: 'auto',
            whiteSpace: 'pre-wrap',
            // Wrapped between words where it can ("too many", not "too m / any"); a long token still breaks.
            overflowWrap: 'anywhere',
            fontFamily: token.fontFamilyCode,
            fontSize: 12,
            background: token.colorFillQuaternary,
            borderRadius: token.borderRadius,
          }}
        >
          {instance.command}
        </pre>
        <Typography.Text copyable={{ text: instance.command, tooltips: [t('instances.page.copyCommand'), t('instances.page.copied')] }} style={{ position: 'absolute', top: 6, right: 10 }} />
      </div>
      <LogViewer key={instance.id} instance={instance} />
    </>
  );
}
