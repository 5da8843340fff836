import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { ApiError } from '../../api/client';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time-format';
import { prefsStore, timeStyleOf } from '../../stores/prefs-store';
import { errorMessage } from '../../lib/errors';
import { requestsStore, useRequest } from '../../stores/requests-store';
import { useLiveReturns } from '../../stores/live-store';
import { taskTypeLabel } from '../processes/process-summary';
import { ExportBundleButton } from './bundle-buttons';
import { DeadlineText } from './deadline-text';
import { RequestDecision } from './request-decision';
import { deadlineRows, isTerminal } from './request-model';
import { statusMeaning, statusWord } from '../../lib/status-words';
import { RequestStateTag } from './request-state-tag';
import { RequestTimeline } from './request-timeline';
import { ScriptView } from './script-view';
import { UserName } from '../users/user-name';

function strategyText(r: ChangeRequestView): string {
  switch (r.strategy.kind) {
    case 'auto':
      return t('approvals.detail.strategyAuto');
    case 'manual':
      return t('approvals.detail.strategyManual');
    case 'at':
      return t('approvals.detail.strategyAt', { at: formatDateTime(r.strategy.at, timeStyleOf(prefsStore.getState())) });
  }
}

/** `empty`: what an empty text means (shown instead of "(empty)"). */
function Code({ label, text, empty = t('tasks.empty') }: { readonly label: string; readonly text: string; readonly empty?: string }) {
  const { token } = theme.useToken();
  return (
    <section aria-label={label} style={{ marginBottom: 12 }}>
      <Space style={{ marginBottom: 6 }}>
        <Typography.Text strong>{label}</Typography.Text>
        {text ? <Typography.Text copyable={{ text, tooltips: [t('approvals.detail.copy', { what: label }), t('instances.page.copied')] }} /> : null}
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
          <Code label={t('taskForm.client.label')} text={r.task.client_command} empty={t('approvals.detail.eachHostsOwn')} />
        </>
      ) : r.task.type === 'command' ? (
        <Code label={t('tasks.field.command')} text={r.task.command} />
      ) : null}
      {r.task.cron_expression ? (
        <Typography.Paragraph>
          {t('approvals.detail.schedule')} <Typography.Text code>{r.task.cron_expression}</Typography.Text> {t('approvals.detail.scheduleCovers')}
        </Typography.Paragraph>
      ) : null}
      <section aria-label={t('approvals.detail.targetHosts')}>
        <Typography.Text strong>{t('approvals.detail.targetHosts')}</Typography.Text>{' '}
        <Typography.Text type="secondary">({r.task.hosts.length})</Typography.Text>
        <div style={{ marginTop: 6 }}>
          {r.task.hosts.length === 0 ? (
            <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text>
          ) : hostCommands ? (
            <ul aria-label={t('approvals.detail.perHost')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {r.task.hosts.map((h) => (
                <li key={h.id} style={{ marginBottom: 4 }}>
                  <Tag>
                    <a href={href(`/hosts/${h.id}`)}>{h.name}</a> <span style={{ fontFamily: token.fontFamilyCode, opacity: 0.7 }}>{h.host}</span>
                  </Tag>
                  {h.client_command === undefined ? (
                    <Typography.Text type="secondary">{t('approvals.detail.notRecorded')}</Typography.Text>
                  ) : h.client_command ? (
                    <Typography.Text code copyable={{ text: h.client_command, tooltips: [t('approvals.detail.copyClientOf', { name: h.name }), t('instances.page.copied')] }} style={{ fontSize: 12 }}>
                      {h.client_command}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="danger">{t('approvals.detail.noClient')}</Typography.Text>
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
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'task', label: t('instances.field.task'), children: <a href={href(`/tasks/${encodeURIComponent(r.task_name)}`)}>{r.task_name}</a> },
        { key: 'type', label: t('tasks.field.type'), children: taskTypeLabel[r.task.type] },
        { key: 'req', label: t('approvals.field.requester'), children: <UserName name={r.requester} /> },
        {
          key: 'proc',
          label: t('approvals.field.process'),
          children: (
            <>
              {r.process_id !== null ? <a href={href(`/processes/${r.process_id}`)}>{r.process.name}</a> : <span>{t('approvals.detail.deleted', { name: r.process.name })}</span>}
              {r.task.type === 'database_change' ? <Tag style={{ marginInlineStart: 6 }}>{t('approvals.field.level')} {r.risk_level}</Tag> : null}
            </>
          ),
        },
        { key: 'strategy', label: t('approvals.detail.execution'), children: strategyText(r) },
        { key: 'created', label: t('approvals.detail.requested'), children: <Time value={r.created_at} /> },
        ...deadlineRows(r).map((d) => ({
          key: d.key,
          label: t(`approvals.deadline.${d.key}`),
          children: <DeadlineText value={d.at} active={d.active} empty={d.emptyKey ? t(`approvals.detail.${d.emptyKey}`) : undefined} />,
        })),
        ...(isTerminal(r.state) ? [{ key: 'ended', label: t('approvals.detail.ended'), children: <Time value={r.updated_at} /> }] : []),
        {
          key: 'hash',
          label: t('approvals.detail.hash'),
          span: 2,
          children: (
            <Space size={4} wrap>
              <Tooltip title={r.content_hash}>
                <Typography.Text copyable={{ text: r.content_hash, tooltips: [t('approvals.detail.copyHash'), t('instances.page.copied')] }} style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>
                  {r.content_hash.slice(0, 12)}
                </Typography.Text>
              </Tooltip>
              <Typography.Text type="secondary">{t('approvals.detail.hashNote')}</Typography.Text>
            </Space>
          ),
        },
        ...(r.run_id ? [{ key: 'run', label: t('instances.field.run'), children: <a href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)} style={{ fontFamily: token.fontFamilyCode }}>{r.run_id}</a> }] : []),
        ...(r.job_id ? [{ key: 'job', label: t('approvals.detail.job'), children: <a href={href(`/jobs/${encodeURIComponent(r.job_id)}`)}>{t('approvals.detail.jobLink')}</a> }] : []),
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
      action={r.run_id ? <Button size="small" href={href(`/instances?run=${encodeURIComponent(r.run_id)}`)}>{t('approvals.detail.openInstances')}</Button> : undefined}
    />
  );
}

/** `#/approvals/:id`: one change request, what it would run, who decided what, and the decision to make. */
export function RequestDetailPage({ id }: { readonly id: string }) {
  const valid = /^\d{1,15}$/.test(id);
  const returns = useLiveReturns();
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
  }, [id, returns]); // load is rebuilt each render; the id is what matters, and a link that came back (a failed load retries)

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/approvals')}>{t('shell.nav.approvals')}</a> }, { title: t('approvals.detail.title', { id }) }]} />;
  if (!valid || failure?.notFound) {
    return (
      <Result
        status="404"
        title={t('approvals.detail.notFound')}
        subTitle={valid ? t('approvals.detail.noSuch', { id }) : t('approvals.detail.badId', { id })}
        extra={<Button type="primary" href={href('/approvals')}>{t('approvals.detail.back')}</Button>}
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
            <span>{t('approvals.detail.title', { id: r.id })}</span>
            <RequestStateTag state={r.state} />
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {r.task_name}
            </Typography.Text>
          </Space>
        }
        extra={
          <>
            <ExportBundleButton id={r.id} hashVersion={r.hash_version} />
            <Tooltip title={t('tasks.list.reloadTip')}>
              <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading} onClick={load} />
            </Tooltip>
          </>
        }
      />
      {failure ? <ErrorAlert message={failure.message} title={t('instances.page.refreshFailed')} onRetry={load} /> : null}
      <Outcome r={r} />
      <Summary r={r} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('approvals.detail.whatRuns')}>
            <Content r={r} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('approvals.detail.decision')} style={{ marginBottom: 16 }}>
            <RequestDecision request={r} />
          </Card>
          <Card size="small" title={t('approvals.detail.timeline')}>
            <RequestTimeline request={r} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
