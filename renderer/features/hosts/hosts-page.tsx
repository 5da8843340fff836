import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { hostStatuses, type HostStatus } from '../../../shared/domain/hosts';
import { statusWord } from '../../lib/status-words';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { bindingsStore } from '../../stores/bindings-store';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { useCan } from '../../stores/session-store';
import { matchesQuery } from './host-form-model';
import { HostsTable } from './hosts-table';
import { SshImportModal } from './ssh-import-modal';
import { useHostActions } from './use-host-actions';
import { useTranslation } from 'react-i18next';

export function HostsPage() {
  const { t } = useTranslation();
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
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hosts.list.noMatch')}>
      <Button
        onClick={() => {
          setQ('');
          setStatus(undefined);
        }}
      >
        {t('tasks.list.clearFilters')}
      </Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{t('hosts.list.emptyTitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('hosts.list.emptyText')}</Typography.Text>
        </>
      }
    >
      {canWrite ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={actions.openCreate}>
            {t('hosts.list.addFirst')}
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t('hosts.list.importSshConfigFile')}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('hosts.list.askToAdd')}</Typography.Text>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('shell.nav.hosts')}
        subtitle={t('hosts.list.subtitle')}
        extra={
          canWrite ? (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('hosts.list.importSshConfig')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={actions.openCreate}>
                {t('hosts.list.add')}
              </Button>
            </>
          ) : null
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void hostsStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('hosts.list.search')}
          aria-label={t('hosts.list.searchAria')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 280 }}
        />
        <Select<HostStatus>
          allowClear
          placeholder={t('instances.list.anyStatus')}
          aria-label={t('hosts.list.statusFilter')}
          value={status}
          onChange={(v) => setStatus(v)}
          options={hostStatuses.map((s) => ({ value: s, label: statusWord('host', s) }))}
          style={{ width: 150 }}
        />
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void hostsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {filtered ? t('hosts.list.countFiltered', { shown: shown.length, count: hosts.length }) : t('common.count.hosts', { count: hosts.length })}
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
