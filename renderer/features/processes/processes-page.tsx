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

type Tab = 'list' | 'priority' | 'policy';

const isTaskType = (v: string | undefined): v is TaskTypeName => (taskTypeNames as readonly string[]).includes(v ?? '');

function ProcessList({ viewId, canWrite, actions }: { readonly viewId: number | undefined; readonly canWrite: boolean; readonly actions: ProcessActions }) {
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
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No processes match the search or filters.">
      <Button onClick={clear}>Clear filters</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>No approval processes yet</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            A process says who must approve a task before it runs: per task type, per risk level, on which hosts.
          </Typography.Text>
        </>
      }
    >
      {canWrite ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.openCreate()}>
          Create the first process
        </Button>
      ) : (
        <Typography.Text type="secondary">Ask an administrator to define approval processes.</Typography.Text>
      )}
    </Empty>
  );

  return (
    <>
      {error ? <ErrorAlert message={error} onRetry={() => void processesStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="Search name, remarks, role, creator" aria-label="Search processes" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} />
        <Select<TaskTypeName>
          allowClear
          placeholder="Any type"
          aria-label="Type filter"
          value={typeFilter}
          onChange={(v) => setFilters({ ...filters, task_type: v ? [v] : null })}
          options={taskTypeNames.map((t) => ({ value: t, label: taskTypeLabel[t] }))}
          style={{ width: 170 }}
        />
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void processesStore.getState().load()} />
        </Tooltip>
        {canWrite ? (
          <Button
            danger
            icon={<DeleteOutlined />}
            disabled={selectedNow.length === 0}
            onClick={() => actions.confirmDelete(processes.filter((p) => selectedNow.includes(p.id)), () => setSelected([]))}
          >
            {selectedNow.length ? `Delete selected (${selectedNow.length})` : 'Delete selected'}
          </Button>
        ) : null}
        {filtered ? (
          <Button type="link" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {processes.length} process{processes.length === 1 ? '' : 'es'}
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
        title="Processes"
        subtitle="Who approves a task before it runs: per task type and risk level, on which hosts, within which deadlines."
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => actions.openCreate(tab === 'priority' ? type : undefined)}>
              New process
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'priority' ? `/processes/priority?type=${type}` : k === 'policy' ? '/processes/policy' : '/processes')}
        destroyOnHidden
        items={[
          { key: 'list', label: 'Processes', children: <ProcessList viewId={viewId} canWrite={canWrite} actions={actions} /> },
          { key: 'priority', label: 'Set priority', children: <PriorityPanel type={type} onType={(t) => navigate(`/processes/priority?type=${t}`)} canWrite={canWrite} /> },
          { key: 'policy', label: 'Unmatched tasks', children: <UnmatchedPolicyCard canWrite={canAdmin} /> },
        ]}
      />
      {actions.nodes}
    </>
  );
}
