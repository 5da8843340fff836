import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { hostStatuses, type HostStatus } from '../../../shared/domain/hosts';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { bindingsStore } from '../../stores/bindings-store';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { useCan } from '../../stores/session-store';
import { matchesQuery } from './host-form-model';
import { HostsTable } from './hosts-table';
import { SshImportModal } from './ssh-import-modal';
import { useHostActions } from './use-host-actions';

export function HostsPage() {
  const hosts = useHosts((s) => s.hosts);
  const loaded = useHosts((s) => s.loaded);
  const loading = useHosts((s) => s.loading);
  const error = useHosts((s) => s.error);
  const canWrite = useCan('hosts:write');
  const actions = useHostActions();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<HostStatus | undefined>(undefined);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void hostsStore.getState().load();
    if (!bindingsStore.getState().loaded) void bindingsStore.getState().load();
  }, []);

  const shown = useMemo(() => hosts.filter((h) => (!status || h.status === status) && matchesQuery(h, q)), [hosts, q, status]);
  const filtered = Boolean(q.trim() || status);

  const empty = !loaded ? (
    <div style={{ height: 120 }} />
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No hosts match the search or filter.">
      <Button
        onClick={() => {
          setQ('');
          setStatus(undefined);
        }}
      >
        Clear filters
      </Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>No hosts yet</Typography.Text>
          <br />
          <Typography.Text type="secondary">Hosts are the SSH machines tasks run on. Add one, or import the hosts you already use.</Typography.Text>
        </>
      }
    >
      {canWrite ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={actions.openCreate}>
            Add your first host
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            Import from ~/.ssh/config
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">Ask a DBA or an administrator to add hosts.</Typography.Text>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title="Hosts"
        subtitle="SSH machines that run tasks. A host's key must be pinned before any credential is sent to it."
        extra={
          canWrite ? (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                Import from SSH config
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={actions.openCreate}>
                Add host
              </Button>
            </>
          ) : null
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void hostsStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder="Search name, address, tag, user"
          aria-label="Search hosts"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 280 }}
        />
        <Select<HostStatus>
          allowClear
          placeholder="Any status"
          aria-label="Status filter"
          value={status}
          onChange={(v) => setStatus(v)}
          options={hostStatuses.map((s) => ({ value: s, label: s }))}
          style={{ width: 150 }}
        />
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void hostsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {filtered ? `${shown.length} of ${hosts.length} hosts` : `${hosts.length} host${hosts.length === 1 ? '' : 's'}`}
        </Typography.Text>
      </Flex>
      <HostsTable
        hosts={shown}
        loading={loading && !loaded}
        canWrite={canWrite}
        empty={empty}
        onTest={actions.test}
        onEdit={actions.openEdit}
        onDelete={actions.confirmDelete}
      />
      {actions.nodes}
      {importing ? <SshImportModal onClose={() => setImporting(false)} /> : null}
    </>
  );
}
