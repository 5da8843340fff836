import { RedoOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Descriptions, Result, Skeleton, Space, theme, Tooltip, Typography } from 'antd';
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
import { useCan, useSession } from '../../stores/session-store';
import { frequencyText } from '../tasks/task-view';
import { LogViewer } from './log-viewer';
import { useInstanceActions } from './use-instance-actions';

const triggerLabel: Record<Instance['trigger'], string> = { ad_hoc: 'ad hoc (Run page)', manual: 'manual', schedule: 'schedule', retry: 'retry' };

/** delicate's snapshot of the task as it was when the instance was created; nothing for an ad-hoc run. */
function taskSnapshotItems(i: Instance): { key: string; label: string; children: ReactNode }[] {
  if (i.task_id === null && i.task_name === null) return [];
  const none = <Typography.Text type="secondary">none</Typography.Text>;
  return [
    { key: 'description', label: 'Description', children: i.description || none },
    { key: 'frequency', label: 'Frequency', children: i.frequency ? `${frequencyText(i.frequency)} (${i.frequency.time_zone})` : none },
    { key: 'cron', label: 'Cron', children: i.cron_expression ? <Typography.Text code>{i.cron_expression}</Typography.Text> : none },
    { key: 'parallel', label: 'Max parallel', children: i.maximum_parallel_runnable_num ?? none },
    { key: 'tag', label: 'Tag', children: i.tag || none },
  ];
}

function Summary({ i }: { readonly i: Instance }) {
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode };
  const ended = i.status !== InstanceStatus.Running;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 4 }}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'host', label: 'Host', children: i.host_id ? <a href={href(`/hosts/${i.host_id}`)}>{i.host.name}</a> : i.host.name },
        { key: 'addr', label: 'Address', children: <span style={mono}>{i.host.host}</span> },
        { key: 'mode', label: 'Mode', children: i.mode },
        { key: 'trigger', label: 'Trigger', children: `${triggerLabel[i.trigger]}${i.attempt > 1 ? `, attempt ${i.attempt}` : ''}` },
        ...(i.task_id !== null
          ? [{ key: 'task', label: 'Task', children: <a href={href(`/instances?task=${i.task_id}`)}>{i.task_name ?? `#${i.task_id}`}</a> }]
          : []),
        ...(i.slot ? [{ key: 'slot', label: 'Slot', children: <Time value={i.slot} /> }] : []),
        ...taskSnapshotItems(i),
        { key: 'by', label: 'On the authority of', children: i.created_by },
        { key: 'started', label: 'Started', children: <Time value={i.started_time} empty="not started" /> },
        { key: 'ended', label: 'Ended', children: <Time value={i.ended_time} empty={ended ? '—' : 'still running'} /> },
        { key: 'updated', label: 'Updated', children: <Time value={i.updated_time} /> },
        { key: 'duration', label: 'Duration', children: <DurationText instance={i} /> },
        {
          key: 'exit',
          label: 'Exit',
          children: i.exit_code !== null ? (
            <Typography.Text type={i.exit_code === 0 ? 'success' : 'danger'}>code {i.exit_code}</Typography.Text>
          ) : i.signal ? (
            <Typography.Text type="danger">signal {i.signal}</Typography.Text>
          ) : (
            '—'
          ),
        },
        { key: 'timeout', label: 'Timeout', children: i.timeout ? `${i.timeout} s` : 'none' },
        { key: 'log', label: 'Log', children: ended ? `${i.log_lines.toLocaleString()} lines, ${formatBytes(i.log_bytes)}` : 'streaming (below)' },
        { key: 'run', label: 'Run', children: <a href={href(`/instances?run=${i.run_id}`)} style={mono}>{i.run_id}</a> },
      ]}
    />
  );
}

/** `#/instances/:id`: one run of a command on one host, its outcome and its whole log. */
export function InstancePage({ id }: { readonly id: string }) {
  const { token } = theme.useToken();
  const instance = useInstance(id);
  const canRun = useCan('runs:execute');
  const user = useSession((s) => s.user);
  const actions = useInstanceActions();
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  const valid = /^\d{1,20}$/.test(id);

  const load = (): void => {
    setFailure(null);
    instancesStore
      .getState()
      .fetch(id)
      .catch((err: unknown) => setFailure({ notFound: err instanceof ApiError && err.status === 404, message: errorMessage(err) }));
  };
  useEffect(() => {
    if (valid) load();
  }, [id]); // load is rebuilt each render; the id is what matters

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/instances')}>Instances</a> }, { title: id }]} />;
  if (!valid || failure?.notFound) {
    return (
      <Result
        status="404"
        title="Instance not found"
        subTitle={valid ? `There is no instance ${id}.` : `"${id}" is not an instance id.`}
        extra={<Button type="primary" href={href('/instances')}>Back to instances</Button>}
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
              <Tooltip title={instance.host_id === null ? 'Its host was deleted' : 'Same command on the same host, mode and timeout'}>
                <Button icon={<RedoOutlined aria-hidden />} loading={actions.rerunning} disabled={instance.host_id === null} onClick={() => void actions.runAgain(instance)}>
                  Run again
                </Button>
              </Tooltip>
              {running ? (
                <Tooltip title={mayCancel ? undefined : `Runs on the authority of ${instance.created_by}: only they, an admin or a DBA may cancel it`}>
                  <Button danger icon={<StopOutlined aria-hidden />} disabled={!mayCancel} onClick={() => actions.confirmCancel(instance)}>
                    Cancel
                  </Button>
                </Tooltip>
              ) : null}
            </>
          ) : null
        }
      />
      {failure ? <ErrorAlert message={failure.message} title="Could not refresh" onRetry={load} /> : null}
      <Summary i={instance} />
      {instance.error ? <Alert type="error" showIcon message={instance.error} style={{ marginBottom: 12 }} /> : null}
      {instance.log_truncated ? (
        <Alert type="warning" showIcon message="Log truncated" description="The output passed the run's log limit; what came after was not kept (or the run was halted)." style={{ marginBottom: 12 }} />
      ) : null}
      <div style={{ position: 'relative', marginBottom: 12 }}>
        <pre
          style={{
            margin: 0,
            padding: '8px 40px 8px 12px',
            maxHeight: 200,
            overflow: 'auto',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            fontFamily: token.fontFamilyCode,
            fontSize: 12,
            background: token.colorFillQuaternary,
            borderRadius: token.borderRadius,
          }}
        >
          {instance.command}
        </pre>
        <Typography.Text copyable={{ text: instance.command, tooltips: ['Copy command', 'Copied'] }} style={{ position: 'absolute', top: 6, right: 10 }} />
      </div>
      <LogViewer key={instance.id} instance={instance} />
    </>
  );
}
