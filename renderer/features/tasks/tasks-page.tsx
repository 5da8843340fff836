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
import { useTranslation } from 'react-i18next';

const SEARCH_DELAY_MS = 350;

/** `#/tasks?stage=&type=&tag=&q=`: every task, filtered here (the list is cached whole and kept live). */
export function TasksPage({ route }: { readonly route: HashRoute }) {
  const { t } = useTranslation();
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
    const timer = setTimeout(() => {
      pushed.current = q;
      go({ q: q || undefined });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
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
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.list.noMatch')}>
      <Button onClick={clear}>{t('tasks.list.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{t('tasks.list.emptyTitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('tasks.list.emptyText')}</Typography.Text>
        </>
      }
    >
      {canWrite ? (
        <Space>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/tasks/new')}>
            {t('tasks.list.createFirst')}
          </Button>
          <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
            {t('tasks.list.importYaml')}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('tasks.list.askToCreate')}</Typography.Text>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('tasks.list.title')}
        subtitle={t('tasks.list.subtitle')}
        extra={
          canWrite ? (
            <>
              <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
                {t('tasks.list.importYaml')}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/tasks/new')}>
                {t('tasks.list.new')}
              </Button>
            </>
          ) : null
        }
      />
      {error ? <ErrorAlert message={error} onRetry={() => void tasksStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('tasks.list.search')} aria-label={t('tasks.list.searchAria')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
        <Select<TaskFilter['stage']>
          allowClear
          placeholder={t('tasks.list.anyStage')}
          aria-label={t('tasks.field.stage')}
          value={filter.stage}
          onChange={(v) => go({ stage: v })}
          options={[
            { value: 'Started', label: t('status.stage.Started') },
            { value: 'Stopped', label: t('status.stage.Stopped') },
          ]}
          style={{ width: 130 }}
        />
        <Select<TaskFilter['type']>
          allowClear
          placeholder={t('tasks.list.anyType')}
          aria-label={t('tasks.field.type')}
          value={filter.type}
          onChange={(v) => go({ type: v })}
          options={taskTypeNames.map((type) => ({ value: type, label: typeLabel[type] }))}
          style={{ width: 170 }}
        />
        <Select<string>
          allowClear
          showSearch
          placeholder={t('tasks.list.anyTag')}
          aria-label={t('tasks.field.tag')}
          value={filter.tag}
          onChange={(v) => go({ tag: v })}
          options={tags.map((tag) => ({ value: tag, label: tag }))}
          notFoundContent={<Typography.Text type="secondary">{t('tasks.list.noTags')}</Typography.Text>}
          style={{ width: 150 }}
        />
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={loading && loaded} onClick={() => void tasksStore.getState().load()} />
        </Tooltip>
        {filtered ? <Button type="link" onClick={clear}>{t('tasks.list.clearFilters')}</Button> : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {filtered ? t('tasks.list.countFiltered', { shown: shown.length, count: all.length }) : t('tasks.list.count', { count: all.length })}
        </Typography.Text>
      </Flex>
      <TasksTable tasks={shown} loading={loading && !loaded} canWrite={canWrite} canRun={canRun} actions={actions} empty={empty} />
      {importing ? <ImportYamlModal onClose={() => setImporting(false)} /> : null}
    </>
  );
}
