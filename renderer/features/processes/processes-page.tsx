import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { taskTypeNames, type TaskTypeName } from '../../../shared/domain/processes';
import { navigate, type HashRoute } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { groupsStore } from '../../stores/groups-store';
import { hostsStore } from '../../stores/hosts-store';
import { processesStore, useProcesses } from '../../stores/processes-store';
import { useCan } from '../../stores/session-store';
import { PriorityPanel } from './priority-panel';
import { processMatches, taskTypeLabel } from './process-summary';
import { ProcessViewDrawer } from './process-view-drawer';
import { ProcessesTable, type ProcessFilters } from './processes-table';
import { UnmatchedPolicyCard } from './unmatched-policy-card';
import { useProcessActions, type ProcessActions } from './use-process-actions';
import { useTranslation } from 'react-i18next';

type Tab = 'list' | 'priority' | 'policy';

const isTaskType = (v: string | undefined): v is TaskTypeName => (taskTypeNames as readonly string[]).includes(v ?? '');

function ProcessList({ viewId, canWrite, actions }: { readonly viewId: number | undefined; readonly canWrite: boolean; readonly actions: ProcessActions }) {
  const { t } = useTranslation();
  const processes = useProcesses((s) => s.processes);
  const loaded = useProcesses((s) => s.loaded);
  const loading = useProcesses((s) => s.loading);
  const error = useProcesses((s) => s.error);
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<ProcessFilters>({});
  const [selected, setSelected] = useState<number[]>([]);

  const shown = useMemo(() => processes.filter((p) => processMatches(p, q)), [processes, q]);
  const present = useMemo(() => new Set(processes.map((p) => p.id)), [processes]);
  const selectedNow = selected.filter((id) => present.has(id));
  const filtered = Boolean(q.trim()) || Object.values(filters).some((v) => v && v.length > 0);
  const typeFilter = filters.task_type?.[0] as TaskTypeName | undefined;
  const clear = (): void => {
    setQ('');
    setFilters({});
  };

  const empty = !loaded ? (
    <div style={{ height: 120 }} />
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('processes.list.noMatch')}>
      <Button onClick={clear}>{t('tasks.list.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{t('processes.list.emptyTitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t('processes.list.emptyText')}
          </Typography.Text>
        </>
      }
    >
      {canWrite ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.openCreate()}>
          {t('processes.list.createFirst')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('processes.list.askAdmin')}</Typography.Text>
      )}
    </Empty>
  );

  return (
    <>
      {error ? <ErrorAlert message={error} onRetry={() => void processesStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('processes.list.search')} aria-label={t('processes.list.searchAria')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280, maxWidth: '100%' }} />
        <Select<TaskTypeName>
          allowClear
          placeholder={t('tasks.list.anyType')}
          aria-label={t('processes.list.typeFilter')}
          value={typeFilter}
          onChange={(v) => setFilters({ ...filters, task_type: v ? [v] : null })}
          options={taskTypeNames.map((type) => ({ value: type, label: taskTypeLabel[type] }))}
          style={{ width: 170 }}
        />
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void processesStore.getState().load()} />
        </Tooltip>
        {canWrite ? (
          <Button
            danger
            icon={<DeleteOutlined />}
            disabled={selectedNow.length === 0}
            onClick={() => actions.confirmDelete(processes.filter((p) => selectedNow.includes(p.id)), () => setSelected([]))}
          >
            {selectedNow.length ? t('processes.list.deleteSelectedN', { n: selectedNow.length }) : t('processes.list.deleteSelected')}
          </Button>
        ) : null}
        {filtered ? (
          <Button type="link" onClick={clear}>
            {t('tasks.list.clearFilters')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {t('common.count.processes', { count: processes.length })}
        </Typography.Text>
      </Flex>
      <ProcessesTable
        processes={shown}
        loading={loading && !loaded}
        canWrite={canWrite}
        empty={empty}
        filters={filters}
        onFilters={setFilters}
        selected={selectedNow}
        onSelect={setSelected}
        onEdit={actions.openEdit}
        onCopy={actions.openCopy}
        onToggle={actions.confirmToggle}
      />
      <ProcessViewDrawer processId={viewId} canWrite={canWrite} onClose={() => navigate('/processes')} onEdit={actions.openEdit} onToggle={actions.confirmToggle} />
    </>
  );
}

/** `#/processes`, `#/processes/:id`, `#/processes/priority?type=…`, `#/processes/policy`: approval processes, their priority and the unmatched-task policy. */
export function ProcessesPage({ route }: { readonly route: HashRoute }) {
  const { t } = useTranslation();
  const canWrite = useCan('processes:write');
  const canAdmin = useCan('system:admin');
  const actions = useProcessActions();
  const sub = route.segments[1];
  const tab: Tab = sub === 'priority' ? 'priority' : sub === 'policy' ? 'policy' : 'list';
  const viewId = sub && /^\d+$/.test(sub) ? Number(sub) : undefined;
  const type: TaskTypeName = isTaskType(route.query.type) ? route.query.type : 'database_change';

  useEffect(() => {
    void processesStore.getState().load();
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
    if (!groupsStore.getState().loaded) void groupsStore.getState().load();
  }, []);

  return (
    <>
      <PageHeader
        title={t('shell.nav.processes')}
        subtitle={t('processes.list.subtitle')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.openCreate(tab === 'priority' ? type : undefined)}>
              {t('processes.list.new')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'priority' ? `/processes/priority?type=${type}` : k === 'policy' ? '/processes/policy' : '/processes')}
        destroyOnHidden
        items={[
          { key: 'list', label: t('shell.nav.processes'), children: <ProcessList viewId={viewId} canWrite={canWrite} actions={actions} /> },
          { key: 'priority', label: t('processes.list.priority'), children: <PriorityPanel type={type} onType={(next) => navigate(`/processes/priority?type=${next}`)} canWrite={canWrite} /> },
          { key: 'policy', label: t('processes.list.unmatched'), children: <UnmatchedPolicyCard canWrite={canAdmin} /> },
        ]}
      />
      {actions.nodes}
    </>
  );
}
