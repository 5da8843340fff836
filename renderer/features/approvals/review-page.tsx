import { CheckOutlined, CloseOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, Input, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { KeyFile, ReviewView } from '../../../shared/domain/bundles';
import { api } from '../../api/client';
import { call } from '../../api/session-call';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { FileTextModal } from '../../components/file-text-modal';
import { FingerprintText } from '../../components/fingerprint-text';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { errorMessage } from '../../lib/errors';
import { BundleImportDialog } from './bundle-import-dialog';
import { ScriptView } from './script-view';
import { useTranslation } from 'react-i18next';
import { UserName } from '../users/user-name';

/** Requests from other consoles imported for review, newest first. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ReviewView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const load = (): void => {
    setError(null);
    call('reviews.list').then(setRows, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, []);
  return (
    <>
      <PageHeader title={t('reviews.title')} subtitle={t('reviews.subtitle')} extra={<Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>{t('reviews.importBundle')}</Button>} />
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Table<ReviewView>
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        locale={{ emptyText: <Empty description={t('reviews.empty')} /> }}
        columns={[
          { title: t('reviews.request'), render: (_, r) => <a href={href(`/reviews/${r.id}`)}>#{r.origin_request_id} {r.bundle.request.task_name}</a> },
          { title: t('approvals.field.requester'), render: (_, r) => <UserName name={r.bundle.request.requester} /> },
          { title: t('reviews.node'), render: (_, r) => t('approvals.nodeOf', { n: r.node + 1, of: r.bundle.request.node_roles.length, role: r.bundle.request.node_roles[r.node] ?? '?' }) },
          { title: t('approvals.detail.decision'), render: (_, r) => (r.decision ? <Tag color={r.decision === 'approved' ? 'success' : 'error'}>{t(`reviews.decided.${r.decision}`, { by: r.decided_by })}</Tag> : <Tag>{t('reviews.waiting')}</Tag>) },
          { title: t('reviews.imported'), render: (_, r) => <Time relative value={r.imported_at} /> },
        ]}
      />
      {importing ? <BundleImportDialog onClose={() => { setImporting(false); load(); }} /> : null}
    </>
  );
}

/** One imported request, read-only: what would run where, the hash, earlier decisions; approve or reject with your key. */
export function ReviewPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const [r, setR] = useState<ReviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<KeyFile | null>(null);
  const load = (): void => {
    setError(null);
    call('reviews.get', { id: Number(id) }).then(setR, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, [id]);
  const decide = async (decision: 'approved' | 'rejected'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const out = await call('reviews.decide', { id: Number(id), decision, comment });
      setR(out.review);
      setFile(out.file);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const showFile = async (): Promise<void> => {
    try {
      setFile(await call('reviews.decision-bundle', { id: Number(id) }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const b = r?.bundle;
  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb items={[{ title: <a href={href('/reviews')}>{t('reviews.title')}</a> }, { title: t('reviews.reviewN', { id }) }]} />}
        title={b ? `#${b.request.id} ${b.request.task_name}` : t('reviews.reviewN', { id })}
        subtitle={b ? t('reviews.from', { console: b.origin.console_id, by: b.exported_by }) : undefined}
      />
      {error ? <ErrorAlert title={t('reviews.refused')} message={error} onRetry={r ? undefined : load} /> : null}
      {!r || !b ? <Skeleton active /> : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t('approvals.detail.decision')}>
            {r.decision ? (
              <Space direction="vertical">
                <Alert type={r.decision === 'approved' ? 'success' : 'warning'} showIcon message={t(`reviews.decided.${r.decision}`, { by: r.decided_by })} description={t('reviews.carryBack')} />
                <Button onClick={() => void showFile()}>{t('reviews.showBundle')}</Button>
              </Space>
            ) : r.can_decide ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea aria-label={t('approvals.decide.comment')} rows={2} maxLength={1000} placeholder={t('reviews.commentPlaceholder')} value={comment} onChange={(e) => setComment(e.target.value)} />
                <Space>
                  <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void decide('approved')}>{t('reviews.approveSign')}</Button>
                  <Button danger icon={<CloseOutlined />} loading={busy} onClick={() => void decide('rejected')}>{t('reviews.rejectSign')}</Button>
                </Space>
              </Space>
            ) : <Alert type="info" showIcon message={t('reviews.cannotDecide')} description={r.why_not} />}
          </Card>
          <Card size="small" title={t('reviews.whatItApproves')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 160 } }}
              items={[
                { key: 'req', label: t('approvals.field.requester'), children: <UserName name={b.request.requester} /> },
                { key: 'proc', label: t('approvals.field.process'), children: t('reviews.processLevel', { name: b.process.name, level: b.request.risk_level }) },
                { key: 'node', label: t('reviews.waitingAt'), children: t('approvals.nodeOf', { n: b.request.current_node + 1, of: b.request.node_roles.length, role: b.request.node_roles[b.request.current_node] ?? '?' }) },
                { key: 'dl', label: t('approvals.deadline.approve'), children: <Time value={b.request.approval_deadline} /> },
                { key: 'hash', label: t('approvals.detail.hash'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{b.content_hash}</Typography.Text> },
              ]}
            />
            {b.task.type === 'database_change' ? (
              <ScriptView request={{ task: { type: b.task.type, command: b.task.command, script: b.task.script, client_command: b.task.client_command, cron_expression: b.task.cron_expression, hosts: [] }, statements: b.statements }} />
            ) : <pre style={{ whiteSpace: 'pre-wrap' }}>{b.task.command}</pre>}
            {b.task.client_command ? <Typography.Paragraph>{t('reviews.clientCommand')} <Typography.Text code>{b.task.client_command}</Typography.Text></Typography.Paragraph> : null}
            <Table
              size="small"
              rowKey={(t) => `${t.name}@${t.address}`}
              pagination={false}
              dataSource={b.task.targets}
              columns={[
                { title: t('reviews.target'), dataIndex: 'name' },
                { title: t('instances.field.address'), dataIndex: 'address' },
                { title: t('reviews.pinnedKey'), dataIndex: 'host_key', render: (v: string | null) => <FingerprintText value={v} /> },
                { title: t('taskForm.client.label'), dataIndex: 'client_command' },
              ]}
            />
          </Card>
          {b.decisions.length ? (
            <Card size="small" title={t('reviews.earlier')}>
              {b.decisions.map((d) => (
                <Typography.Paragraph key={d.node}>{t('reviews.earlierLine', { n: d.node + 1, decision: t(`reviews.decided.${d.decision}`, { by: d.approver }), source: d.source === 'bundle' ? t('reviews.signedWith', { key: d.key_id }) : t('reviews.onHome') })}{d.comment ? ` — ${d.comment}` : ''}</Typography.Paragraph>
              ))}
            </Card>
          ) : null}
        </Space>
      )}
      {file ? <FileTextModal canDownload={api.transport === 'http'} title={t('reviews.bundleTitle')} file={file} description={t('reviews.bundleText')} onClose={() => setFile(null)} /> : null}
    </>
  );
}
