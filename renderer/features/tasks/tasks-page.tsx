import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { taskTypeNames } from '../../../shared/domain/processes';
import { navigate, type HashRoute } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../../stores/session-store';
import { tasksStore, useTasks } from '../../stores/tasks-store';
import { ImportYamlModal } from './import-yaml-modal';
import { filterTasks, isTaskFiltered, parseTaskFilter, tagsOf, tasksHref, type TaskFilter } from './task-query';
import { TasksTable } from './tasks-table';
import { typeLabel } from './task-view';
import { useTaskActions } from './use-task-actions';

const SEARCH_DELAY_MS = 350;

/** `#/tasks?stage=&type=&tag=&q=`: every task, filtered here (the list is cached whole and kept live). */
export function TasksPage({ route }: { readonly route: HashRoute }) {
  const filter = useMemo(() => parseTaskFilter(route.query), [route.query]);
  const byName = useTasks((s) => s.byName);
  const loaded = useTasks((s) => s.loaded);
  const loading = useTasks((s) => s.loading);
  const error = useTasks((s) => s.error);
  const canWrite = useCan('tasks:write');
  const canRun = useCan('runs:execute');
  const actions = useTaskActions();
  const [importing, setImporting] = useState(false);
  const [q, setQ] = useState(filter.q ?? '');

  const all = useMemo(() => Object.values(byName), [byName]);
  const shown = useMemo(() => filterTasks(all, filter), [all, filter]);
  const tags = useMemo(() => tagsOf(all), [all]);
  const filtered = isTaskFiltered(filter);
  const go = (patch: Partial<TaskFilter>): void => navigate(tasksHref({ ...filter, ...patch }));

  useEffect(() => {
    void tasksStore.getState().load();
  }, []);
  useEffect(() => {
    tasksStore.getState().describe(all.map((t) => t.cron_expression));
  }, [all]);
  // The search box writes the hash once typing pauses (one history entry per search, not per key);
  // the hash writes the box only when it changed elsewhere (back, a link), never over what is being typed.
  const pushed = useRef(filter.q ?? '');
  useEffect(() => {
    if ((filter.q ?? '') === q) return;
    const t = setTimeout(() => {
      pushed.current = q;
      go({ q: q || undefined });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [q]); // filter is read when the timer fires
  useEffect(() => {
    if ((filter.q ?? '') !== pushed.current) {
      pushed.current = filter.q ?? '';
      setQ(pushed.current);
    }
  }, [filter.q]);

  const clear = (): void => {
    pushed.current = '';
    setQ('');
    navigate('/tasks');
  };

  const empty = !loaded ? (
    <div style={{ height: 120 }} />
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No tasks match the filters.">
      <Button onClick={clear}>Clear filters</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>No tasks yet</Typography.Text>
          <br />
          <Typography.Text type="secondary">A task is a command, script or SQL change with a schedule, bound to hosts. It is created Stopped; start it to schedule it.</Typography.Text>
        </>
      }
    >
      {canWrite ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/tasks/new')}>
            Create your first task
          </Button>
          <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
            Import YAML
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">Ask a DBA or a developer to create tasks.</Typography.Text>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title="Tasks"
        subtitle="Scheduled commands, scripts and SQL changes. Edit a task while it is Stopped; start it to schedule it."
        extra={
          canWrite ? (
            <>
              <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
                Import YAML
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/tasks/new')}>
                New task
              </Button>
            </>
          ) : null
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void tasksStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="Search name or description" aria-label="Search tasks" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
        <Select<TaskFilter['stage']>
          allowClear
          placeholder="Any stage"
          aria-label="Stage"
          value={filter.stage}
          onChange={(v) => go({ stage: v })}
          options={[
            { value: 'Started', label: 'Started' },
            { value: 'Stopped', label: 'Stopped' },
          ]}
          style={{ width: 130 }}
        />
        <Select<TaskFilter['type']>
          allowClear
          placeholder="Any type"
          aria-label="Type"
          value={filter.type}
          onChange={(v) => go({ type: v })}
          options={taskTypeNames.map((t) => ({ value: t, label: typeLabel[t] }))}
          style={{ width: 170 }}
        />
        <Select<string>
          allowClear
          showSearch
          placeholder="Any tag"
          aria-label="Tag"
          value={filter.tag}
          onChange={(v) => go({ tag: v })}
          options={tags.map((t) => ({ value: t, label: t }))}
          notFoundContent={<Typography.Text type="secondary">No tags in use</Typography.Text>}
          style={{ width: 150 }}
        />
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void tasksStore.getState().load()} />
        </Tooltip>
        {filtered ? <Button type="link" onClick={clear}>Clear filters</Button> : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {filtered ? `${shown.length} of ${all.length} tasks` : `${all.length} task${all.length === 1 ? '' : 's'}`}
        </Typography.Text>
      </Flex>
      <TasksTable tasks={shown} loading={loading && !loaded} canWrite={canWrite} canRun={canRun} actions={actions} empty={empty} />
      {importing ? <ImportYamlModal onClose={() => setImporting(false)} /> : null}
    </>
  );
}
