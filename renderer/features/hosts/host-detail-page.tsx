import { Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag, theme, Typography } from 'antd';
import { useEffect } from 'react';
import type { Binding, Host } from '../../../shared/domain/hosts';
import { href, navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { FingerprintText } from '../../components/fingerprint-text';
import { HostKeyTag } from '../../components/host-key-tag';
import { HostStatusTag } from '../../components/host-status-tag';
import { PageHeader } from '../../components/page-header';
import { Time } from '../../components/time-text';
import { bindingsStore, useBindings } from '../../stores/bindings-store';
import { hostsStore, useHost, useHosts } from '../../stores/hosts-store';
import { useCan } from '../../stores/session-store';
import { authSummary, keyTypeLabel } from './host-form-model';
import { useHostActions } from './use-host-actions';

function HostKeyCard({ host }: { readonly host: Host }) {
  const k = host.host_key;
  const changed = k.seen_fingerprint && k.pinned_fingerprint && k.seen_fingerprint !== k.pinned_fingerprint;
  return (
    <Card size="small" title="Host key" extra={<HostKeyTag hostKey={k} />}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'type', label: 'Key type', children: k.key_type ? keyTypeLabel(k.key_type) : <Typography.Text type="secondary">not seen yet</Typography.Text> },
          { key: 'pinned', label: 'Pinned fingerprint', children: <FingerprintText value={k.pinned_fingerprint} copyable /> },
          { key: 'pinned_at', label: 'Pinned at', children: <Time value={k.pinned_at} empty="not pinned" /> },
          { key: 'seen', label: 'Last presented', children: <FingerprintText value={k.seen_fingerprint} copyable danger={Boolean(changed)} /> },
        ]}
      />
      {k.status === 'pending' || k.status === 'unknown' ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          Run <Typography.Text strong>Test</Typography.Text> to see the key the host presents and pin it.
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function HostBindingsCard({ hostId }: { readonly hostId: number }) {
  const all = useBindings((s) => s.bindings);
  const loading = useBindings((s) => s.loading && !s.loaded);
  const error = useBindings((s) => s.error);
  const rows = all.filter((b) => b.executor_id === hostId);
  return (
    <Card size="small" title={`Bindings (${rows.length})`} extra={<a href={href('/bindings')}>All bindings</a>}>
      {error ? <ErrorAlert message={error} onRetry={() => void bindingsStore.getState().load()} /> : null}
      <Table<Binding>
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: 'Not bound to any group: tasks cannot target this host yet.' }}
        columns={[
          { title: 'Binding', dataIndex: 'name' },
          { title: 'Group', dataIndex: 'group_name', render: (v: string, b) => <a href={href(`/groups/${b.group_id}`)}>{v}</a> },
          { title: 'Weight', dataIndex: 'weight', align: 'right', width: 80 },
        ]}
      />
    </Card>
  );
}

/** `#/hosts/:id`: everything about one host, its key and its bindings. */
export function HostDetailPage({ id }: { readonly id: number }) {
  const { token } = theme.useToken();
  const host = useHost(id);
  const hosts = useHosts((s) => s.hosts);
  const loaded = useHosts((s) => s.loaded);
  const error = useHosts((s) => s.error);
  const testing = useHosts((s) => Boolean(s.testing[id]));
  const canWrite = useCan('hosts:write');
  const actions = useHostActions({ onDeleted: () => navigate('/hosts') });

  useEffect(() => {
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
    void bindingsStore.getState().load();
  }, []);

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/hosts')}>Hosts</a> }, { title: host?.name ?? `#${id}` }]} />;
  if (error && !loaded) return <>{crumbs}<ErrorAlert message={error} onRetry={() => void hostsStore.getState().load()} /></>;
  if (!loaded) return <>{crumbs}<Skeleton active /></>;
  if (!host) {
    return (
      <Result status="404" title="Host not found" subTitle={`There is no host #${id}; it may have been deleted.`} extra={<Button type="primary" href={href('/hosts')}>Back to hosts</Button>} />
    );
  }
  const jump = host.jump_host_id ? hosts.find((h) => h.id === host.jump_host_id) : undefined;
  const mono = { fontFamily: token.fontFamilyCode };

  return (
    <>
      <PageHeader
        breadcrumb={crumbs}
        title={
          <Space>
            {host.name}
            <HostStatusTag status={host.status} reason={host.status_reason} />
            {host.tag ? <Tag>{host.tag}</Tag> : null}
          </Space>
        }
        subtitle={host.description || undefined}
        extra={
          <>
            {canWrite ? (
              <Button loading={testing} onClick={() => actions.test(host)}>
                Test
              </Button>
            ) : null}
            {canWrite ? <Button onClick={() => actions.openEdit(host)}>Edit</Button> : null}
            {canWrite ? <Button danger onClick={() => actions.confirmDelete(host)}>Delete</Button> : null}
          </>
        }
      />
      {host.status === 'Abnormal' && host.status_reason ? (
        <ErrorAlert title="Abnormal" message={host.status_reason} />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="Connection">
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'host', label: 'Host', children: <span style={mono}>{host.host}</span> },
                { key: 'user', label: 'Username', children: <span style={mono}>{host.username}</span> },
                { key: 'auth', label: 'Authentication', children: authSummary(host.auth) },
                { key: 'jump', label: 'Jump host', children: jump ? <a href={href(`/hosts/${jump.id}`)}>{jump.name} ({jump.host})</a> : 'none' },
                {
                  key: 'client',
                  label: 'Client command',
                  children: host.client_command ? (
                    <Typography.Text copyable style={mono}>{host.client_command}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">none: database changes here need their own</Typography.Text>
                  ),
                },
                { key: 'mid', label: 'Machine ID', children: host.machine_id },
                { key: 'status', label: 'Status', children: <Space><HostStatusTag status={host.status} />{host.status_reason ? <Typography.Text type="secondary">{host.status_reason}</Typography.Text> : null}</Space> },
                { key: 'checked', label: 'Last checked', children: <Time relative value={host.last_checked_at} /> },
                { key: 'created', label: 'Created', children: <Time value={host.created_at} /> },
                { key: 'updated', label: 'Updated', children: <Time value={host.updated_at} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <HostKeyCard host={host} />
            <HostBindingsCard hostId={host.id} />
          </Space>
        </Col>
      </Row>
      {actions.nodes}
    </>
  );
}
