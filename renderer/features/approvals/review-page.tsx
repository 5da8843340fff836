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

/** Requests from other consoles imported for review, newest first. */
export function ReviewsPage() {
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
      <PageHeader title="Reviews" subtitle="Change requests exported by other consoles, to approve or reject offline with your signing key." extra={<Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>Import bundle</Button>} />
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Table<ReviewView>
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        locale={{ emptyText: <Empty description="No bundles imported for review yet." /> }}
        columns={[
          { title: 'Request', render: (_, r) => <a href={href(`/reviews/${r.id}`)}>#{r.origin_request_id} {r.bundle.request.task_name}</a> },
          { title: 'Requester', render: (_, r) => r.bundle.request.requester },
          { title: 'Node', render: (_, r) => `${r.node + 1} of ${r.bundle.request.node_roles.length} · ${r.bundle.request.node_roles[r.node] ?? '?'}` },
          { title: 'Decision', render: (_, r) => (r.decision ? <Tag color={r.decision === 'approved' ? 'success' : 'error'}>{r.decision} by {r.decided_by}</Tag> : <Tag>waiting</Tag>) },
          { title: 'Imported', render: (_, r) => <Time relative value={r.imported_at} /> },
        ]}
      />
      {importing ? <BundleImportDialog onClose={() => { setImporting(false); load(); }} /> : null}
    </>
  );
}

/** One imported request, read-only: what would run where, the hash, earlier decisions; approve or reject with your key. */
export function ReviewPage({ id }: { readonly id: string }) {
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
        breadcrumb={<Breadcrumb items={[{ title: <a href={href('/reviews')}>Reviews</a> }, { title: `Review ${id}` }]} />}
        title={b ? `#${b.request.id} ${b.request.task_name}` : `Review ${id}`}
        subtitle={b ? `from console ${b.origin.console_id}, exported by ${b.exported_by}` : undefined}
      />
      {error ? <ErrorAlert title="Refused" message={error} onRetry={r ? undefined : load} /> : null}
      {!r || !b ? <Skeleton active /> : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title="Decision">
            {r.decision ? (
              <Space direction="vertical">
                <Alert type={r.decision === 'approved' ? 'success' : 'warning'} showIcon message={`${r.decision} by ${r.decided_by}`} description="Carry the decision bundle back to the home console and import it there." />
                <Button onClick={() => void showFile()}>Show decision bundle</Button>
              </Space>
            ) : r.can_decide ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea aria-label="Comment" rows={2} maxLength={1000} placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} />
                <Space>
                  <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void decide('approved')}>Approve and sign</Button>
                  <Button danger icon={<CloseOutlined />} loading={busy} onClick={() => void decide('rejected')}>Reject and sign</Button>
                </Space>
              </Space>
            ) : <Alert type="info" showIcon message="You cannot decide this request" description={r.why_not} />}
          </Card>
          <Card size="small" title="What it approves">
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 160 } }}
              items={[
                { key: 'req', label: 'Requester', children: b.request.requester },
                { key: 'proc', label: 'Process', children: `${b.process.name} · risk level ${b.request.risk_level}` },
                { key: 'node', label: 'Waiting at', children: `node ${b.request.current_node + 1} of ${b.request.node_roles.length} (${b.request.node_roles[b.request.current_node] ?? '?'})` },
                { key: 'dl', label: 'Approve by', children: <Time value={b.request.approval_deadline} /> },
                { key: 'hash', label: 'Content hash', children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{b.content_hash}</Typography.Text> },
              ]}
            />
            {b.task.type === 'database_change' ? (
              <ScriptView request={{ task: { type: b.task.type, command: b.task.command, script: b.task.script, client_command: b.task.client_command, cron_expression: b.task.cron_expression, hosts: [] }, statements: b.statements }} />
            ) : <pre style={{ whiteSpace: 'pre-wrap' }}>{b.task.command}</pre>}
            {b.task.client_command ? <Typography.Paragraph>Client command: <Typography.Text code>{b.task.client_command}</Typography.Text></Typography.Paragraph> : null}
            <Table
              size="small"
              rowKey={(t) => `${t.name}@${t.address}`}
              pagination={false}
              dataSource={b.task.targets}
              columns={[
                { title: 'Target', dataIndex: 'name' },
                { title: 'Address', dataIndex: 'address' },
                { title: 'Pinned host key', dataIndex: 'host_key', render: (v: string | null) => <FingerprintText value={v} /> },
                { title: 'Client command', dataIndex: 'client_command' },
              ]}
            />
          </Card>
          {b.decisions.length ? (
            <Card size="small" title="Earlier decisions">
              {b.decisions.map((d) => (
                <Typography.Paragraph key={d.node}>Node {d.node + 1}: {d.decision} by {d.approver} ({d.source === 'bundle' ? `signed with ${d.key_id}` : 'on the home console'}){d.comment ? ` — ${d.comment}` : ''}</Typography.Paragraph>
              ))}
            </Card>
          ) : null}
        </Space>
      )}
      {file ? <FileTextModal canDownload={api.transport === 'http'} title="Decision bundle" file={file} description="Take this file to the home console and import it on its Approvals page." onClose={() => setFile(null)} /> : null}
    </>
  );
}
