import { Breadcrumb, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag, theme, Typography } from 'antd';
import { useEffect } from 'react';
import type { Binding, Host } from '../../../shared/domain/hosts';
import { href, navigate } from '../../app/hash-route';
import { statusWord } from '../../lib/status-words';
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
import { useTranslation } from 'react-i18next';

function HostKeyCard({ host }: { readonly host: Host }) {
  const { t } = useTranslation();
  const k = host.host_key;
  const changed = k.seen_fingerprint && k.pinned_fingerprint && k.seen_fingerprint !== k.pinned_fingerprint;
  return (
    <Card size="small" title={t('hosts.field.hostKey')} extra={<HostKeyTag hostKey={k} />}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'type', label: t('hosts.key.type'), children: k.key_type ? keyTypeLabel(k.key_type) : <Typography.Text type="secondary">{t('hosts.key.notSeen')}</Typography.Text> },
          { key: 'pinned', label: t('hosts.key.pinned'), children: <FingerprintText value={k.pinned_fingerprint} copyable /> },
          { key: 'pinned_at', label: t('hosts.key.pinnedAt'), children: <Time value={k.pinned_at} empty={t('hosts.key.notPinned')} /> },
          { key: 'seen', label: t('hosts.key.seen'), children: <FingerprintText value={k.seen_fingerprint} copyable danger={Boolean(changed)} /> },
        ]}
      />
      {k.status === 'pending' || k.status === 'unknown' ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('hosts.key.runTest')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function HostBindingsCard({ hostId }: { readonly hostId: number }) {
  const { t } = useTranslation();
  const all = useBindings((s) => s.bindings);
  const loading = useBindings((s) => s.loading && !s.loaded);
  const error = useBindings((s) => s.error);
  const rows = all.filter((b) => b.executor_id === hostId);
  return (
    <Card size="small" title={t('hosts.bindings.title', { n: rows.length })} extra={<a href={href('/bindings')}>{t('hosts.bindings.all')}</a>}>
      {error ? <ErrorAlert message={error} onRetry={() => void bindingsStore.getState().load()} /> : null}
      <Table<Binding>
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('hosts.bindings.none') }}
        columns={[
          { title: t('hosts.bindings.binding'), dataIndex: 'name' },
          { title: t('hosts.bindings.group'), dataIndex: 'group_name', render: (v: string, b) => <a href={href(`/groups/${b.group_id}`)}>{v}</a> },
          { title: t('hosts.bindings.weight'), dataIndex: 'weight', align: 'right', width: 80 },
        ]}
      />
    </Card>
  );
}

/** `#/hosts/:id`: everything about one host, its key and its bindings. */
export function HostDetailPage({ id }: { readonly id: number }) {
  const { t } = useTranslation();
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

  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <a href={href('/hosts')}>{t('shell.nav.hosts')}</a> }, { title: host?.name ?? `#${id}` }]} />;
  if (error && !loaded) return <>{crumbs}<ErrorAlert message={error} onRetry={() => void hostsStore.getState().load()} /></>;
  if (!loaded) return <>{crumbs}<Skeleton active /></>;
  if (!host) {
    return (
      <Result status="404" title={t('hosts.detail.notFound')} subTitle={t('hosts.detail.notFoundText', { id })} extra={<Button type="primary" href={href('/hosts')}>{t('hosts.detail.back')}</Button>} />
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
            <HostStatusTag status={host.status} reason={host.status_reason} hostKey={host.host_key} />
            {host.tag ? <Tag>{host.tag}</Tag> : null}
          </Space>
        }
        subtitle={host.description || undefined}
        extra={
          <>
            {canWrite ? (
              <Button loading={testing} onClick={() => actions.test(host)}>
                {t('hosts.action.test')}
              </Button>
            ) : null}
            {canWrite ? <Button onClick={() => actions.openEdit(host)}>{t('common.action.edit')}</Button> : null}
            {canWrite ? <Button danger onClick={() => actions.confirmDelete(host)}>{t('common.action.delete')}</Button> : null}
          </>
        }
      />
      {host.status === 'Abnormal' && host.status_reason ? (
        <ErrorAlert title={statusWord('host', 'Abnormal')} message={host.status_reason} />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('hosts.form.connection')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'host', label: t('instances.field.host'), children: <span style={mono}>{host.host}</span> },
                { key: 'user', label: t('hosts.field.username'), children: <span style={mono}>{host.username}</span> },
                { key: 'auth', label: t('hosts.field.authentication'), children: authSummary(host.auth) },
                { key: 'jump', label: t('hosts.field.jumpHost'), children: jump ? <a href={href(`/hosts/${jump.id}`)}>{jump.name} ({jump.host})</a> : t('common.value.none') },
                {
                  key: 'client',
                  label: t('taskForm.client.label'),
                  children: host.client_command ? (
                    <Typography.Text copyable style={mono}>{host.client_command}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t('hosts.detail.noClient')}</Typography.Text>
                  ),
                },
                { key: 'mid', label: t('hosts.field.machineId'), children: host.machine_id },
                { key: 'status', label: t('instances.field.status'), children: <Space><HostStatusTag status={host.status} hostKey={host.host_key} />{host.status_reason ? <Typography.Text type="secondary">{host.status_reason}</Typography.Text> : null}</Space> },
                { key: 'checked', label: t('hosts.field.lastChecked'), children: <Time relative value={host.last_checked_at} /> },
                { key: 'created', label: t('tasks.field.created'), children: <Time value={host.created_at} /> },
                { key: 'updated', label: t('tasks.field.updated'), children: <Time value={host.updated_at} /> },
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
