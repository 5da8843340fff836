import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { ApiError } from '../../api/client';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { formatDateTime } from '../../lib/time-format';
import { prefsStore, timeStyleOf } from '../../stores/prefs-store';
import { errorMessage } from '../../lib/errors';
import { requestsStore, useRequest } from '../../stores/requests-store';
import { taskTypeLabel } from '../processes/process-summary';
import { ExportBundleButton } from './bundle-buttons';
import { DeadlineText } from './deadline-text';
import { RequestDecision } from './request-decision';
import { isTerminal } from './request-model';
import { statusMeaning, statusWord } from '../../lib/status-words';
import { RequestStateTag } from './request-state-tag';
import { RequestTimeline } from './request-timeline';
import { ScriptView } from './script-view';

function strategyText(r: ChangeRequestView): string {
  switch (r.strategy.kind) {
    case 'auto':
      return 'At once, after the last approval';
    case 'manual':
      return 'By hand ("Execute now"), within the waiting period';
    case 'at':
      return `At ${formatDateTime(r.strategy.at, timeStyleOf(prefsStore.getState()))}`;
  }
}

/** `empty`: what an empty text means (shown instead of "(empty)"). */
function Code({ label, text, empty = '(empty)' }: { readonly label: string; readonly text: string; readonly empty?: string }) {
  const { token } = theme.useToken();
  return (
    <section aria-label={label} style={{ marginBottom: 12 }}>
      <Space style={{ marginBottom: 6 }}>
        <Typography.Text strong>{label}</Typography.Text>
        {text ? <Typography.Text copyable={{ text, tooltips: [`Copy ${label.toLowerCase()}`, 'Copied'] }} /> : null}
      </Space>
      <pre
        style={{
          margin: 0,
          padding: '8px 12px',
          maxHeight: 320,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          fontFamily: token.fontFamilyCode,
          fontSize: 12,
          background: token.colorFillQuaternary,
          borderRadius: token.borderRadius,
        }}
      >
        {text || <Typography.Text type="secondary">{empty}</Typography.Text>}
      </pre>
    </section>
  );
}

/** What the request approves: the script with its statements, or the command; and where it runs. */
function Content({ r }: { readonly r: ChangeRequestView }) {
  const { token } = theme.useToken();
  // A database change without its own client command runs each host's, as recorded with the request.
  const hostCommands = r.task.type === 'database_change' && !r.task.client_command;
  return (
    <>
      {r.task.type === 'database_change' ? (
        <>
          <div style={{ marginBottom: 12 }}>
            <ScriptView request={r} />
          </div>
          <Code label="Client command" text={r.task.client_command} empty="(each host's own; see Target hosts)" />
        </>
      ) : r.task.type === 'command' ? (
        <Code label="Command" text={r.task.command} />
      ) : null}
      {r.task.cron_expression ? (
        <Typography.Paragraph>
          Schedule: <Typography.Text code>{r.task.cron_expression}</Typography.Text> (approval covers its runs until the execution deadline)
        </Typography.Paragraph>
      ) : null}
      <section aria-label="Target hosts">
        <Typography.Text strong>Target hosts</Typography.Text>{' '}
        <Typography.Text type="secondary">({r.task.hosts.length})</Typography.Text>
        <div style={{ marginTop: 6 }}>
          {r.task.hosts.length === 0 ? (
            <Typography.Text type="secondary">none</Typography.Text>
          ) : hostCommands ? (
            <ul aria-label="Client command per host" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {r.task.hosts.map((h) => (
                <li key={h.id} style={{ marginBottom: 4 }}>
                  <Tag>
                    <a href={href(`/hosts/${h.id}`)}>{h.name}</a> <span style={{ fontFamily: token.fontFamilyCode, opacity: 0.7 }}>{h.host}</span>
                  </Tag>
                  {h.client_command === undefined ? (
                    <Typography.Text type="secondary">client command not recorded (requested before hosts had one)</Typography.Text>
                  ) : h.client_command ? (
                    <Typography.Text code copyable={{ text: h.client_command, tooltips: [`Copy the client command of ${h.name}`, 'Copied'] }} style={{ fontSize: 12 }}>
                      {h.client_command}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="danger">no client command</Typography.Text>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            r.task.hosts.map((h) => (
              <Tag key={h.id} style={{ marginBottom: 4 }}>
                <a href={href(`/hosts/${h.id}`)}>{h.name}</a> <span style={{ fontFamily: token.fontFamilyCode, opacity: 0.7 }}>{h.host}</span>
              </Tag>
            ))
          )}
        </div>
      </section>
    </>
  );
}

function Summary({ r }: { readonly r: ChangeRequestView }) {
  const { token } = theme.useToken();
  const live = !isTerminal(r.state);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'task', label: 'Task', children: <a href={href(`/tasks/${encodeURIComponent(r.task_name)}`)}>{r.task_name}</a> },
        { key: 'type', label: 'Type', children: taskTypeLabel[r.task.type] },
        { key: 'req', label: 'Requester', children: r.requester },
        {
          key: 'proc',
          label: 'Process',
          children: (
            <>
              {r.process_id !== null ? <a href={href(`/processes/${r.process_id}`)}>{r.process.name}</a> : <span>{r.process.name} (deleted)</span>}
              {r.task.type === 'database_change' ? <Tag style={{ marginInlineStart: 6 }}>Level {r.risk_level}</Tag> : null}
            </>
          ),
        },
        { key: 'strategy', label: 'Execution', children: strategyText(r) },
        { key: 'created', label: 'Requested', children: <Time value={r.created_at} /> },
        { key: 'ad', label: 'Approve by', children: <DeadlineText value={r.approval_deadline} active={r.state === 'APPROVING'} /> },
        { key: 'wd', label: 'Start by', children: <DeadlineText value={r.wait_deadline} active={r.state === 'WAIT_FOR_EXECUTION'} empty={r.strategy.kind === 'at' ? 'scheduled' : 'after approval'} /> },
        { key: 'ed', label: 'Finish by', children: <DeadlineText value={r.execution_deadline} active={live && r.state !== 'APPROVING'} empty="once it starts" /> },
        {
          key: 'hash',
          label: 'Content hash',
          span: 2,
          children: (
            <Space size={4} wrap>
              <Tooltip title={r.content_hash}>
                <Typography.Text copyable={{ text: r.content_hash, tooltips: ['Copy full hash', 'Copied'] }} style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>
                  {r.content_hash.slice(0, 12)}
                </Typography.Text>
              </Tooltip>
              <Typography.Text type="secondary">any edit to the task voids this approval</Typography.Text>
            </Space>
          ),
        },
        ...(r.run_id ? [{ key: 'run', label: 'Run', children: <a href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)} style={{ fontFamily: token.fontFamilyCode }}>{r.run_id}</a> }] : []),
        ...(r.job_id ? [{ key: 'job', label: 'Job', children: <a href={href(`/jobs/${encodeURIComponent(r.job_id)}`)}>execution in the Task Monitor</a> }] : []),
      ]}
    />
  );
}

function Outcome({ r }: { readonly r: ChangeRequestView }) {
  if (!isTerminal(r.state)) return null;
  const ok = r.state === 'EXECUTION_SUCCEEDED';
  return (
    <Alert
      type={ok ? 'success' : r.state === 'CANCELLED' ? 'info' : 'error'}
      showIcon
      message={statusWord('request', r.state)}
      description={r.reason ?? statusMeaning('request', r.state)}
      style={{ marginBottom: 12 }}
      action={r.run_id ? <Button size="small" href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)}>Open instances</Button> : undefined}
    />
  );
}

/** `#/approvals/:id`: one change request, what it would run, who decided what, and the decision to make. */
export function RequestDetailPage({ id }: { readonly id: string }) {
  const valid = /^\d{1,15}$/.test(id);
  const r = useRequest(Number(id));
  const [failure, setFailure] = useState<{ notFound: boolean; message: string } | null>(null);
  const [loading, setLoading] = useState(false);

  const load = (): void => {
    setFailure(null);
    setLoading(true);
    requestsStore
      .getState()
      .fetch(Number(id))
      .catch((err: unknown) => setFailure({ notFound: err instanceof ApiError && err.status === 404, message: errorMessage(err) }))
      .finally(() => setLoading(false));
  };
  useEffect(() => {
    if (valid) load();
  }, [id]); // load is rebuilt each render; the id is what matters

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/approvals')}>Approvals</a> }, { title: `Request #${id}` }]} />;
  if (!valid || failure?.notFound) {
    return (
      <Result
        status="404"
        title="Request not found"
        subTitle={valid ? `There is no change request #${id}.` : `"${id}" is not a request id.`}
        extra={<Button type="primary" href={href('/approvals')}>Back to approvals</Button>}
      />
    );
  }
  if (!r) return <>{crumbs}{failure ? <ErrorAlert message={failure.message} onRetry={load} /> : <Skeleton active />}</>;

  return (
    <>
      <PageHeader
        breadcrumb={crumbs}
        title={
          <Space size={10} wrap>
            <span>Request #{r.id}</span>
            <RequestStateTag state={r.state} />
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {r.task_name}
            </Typography.Text>
          </Space>
        }
        extra={
          <>
            <ExportBundleButton id={r.id} hashVersion={r.hash_version} />
            <Tooltip title="Reload from the core">
              <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={loading} onClick={load} />
            </Tooltip>
          </>
        }
      />
      {failure ? <ErrorAlert message={failure.message} title="Could not refresh" onRetry={load} /> : null}
      <Outcome r={r} />
      <Summary r={r} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title="What runs">
            <Content r={r} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="Decision" style={{ marginBottom: 16 }}>
            <RequestDecision request={r} />
          </Card>
          <Card size="small" title="Timeline">
            <RequestTimeline request={r} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
