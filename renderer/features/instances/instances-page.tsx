import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Flex, Select, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { instanceStatusNames, type Instance } from '../../../shared/domain/instances';
import { href, navigate, type HashRoute } from '../../app/hash-route';
import { statusWord } from '../../lib/status-words';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { hostsStore, useHosts } from '../../stores/hosts-store';
import { instancesStore, useInstances } from '../../stores/instances-store';
import { runsStore, useRuns } from '../../stores/runs-store';
import { useCan } from '../../stores/session-store';
import { instancesHref, isFiltered, parseInstanceQuery, queryKey } from './instance-query';
import { InstancesTable } from './instances-table';
import { RunTextFilters } from './run-text-filters';
import { RunsTable } from './runs-table';
import { useTranslation } from 'react-i18next';


/**
 * `#/instances`: every run, newest first, one row per run (expanding to its hosts), filtered on the server; the
 * hash holds the query. With `run=` it lists that run's instances flat, paged.
 */
export function InstancesPage({ route }: { readonly route: HashRoute }) {
  const { t } = useTranslation();
  const query = useMemo(() => parseInstanceQuery(route.query), [route.query]);
  const key = queryKey(query);
  const list = useInstances((s) => s.list);
  const rows = useInstances(useShallow((s) => s.list.ids.map((id) => s.byId[id]).filter((i): i is Instance => Boolean(i))));
  const hosts = useHosts((s) => s.hosts);
  const canRun = useCan('runs:execute');

  const grouped = !query.run_id;
  const runsLoaded = useRuns((s) => s.loaded);
  const runsError = useRuns((s) => s.error);
  const runTaskName = useRuns((s) => s.items.find((r) => r.task_id === query.task_id)?.task_name);
  useEffect(() => {
    const { page: _page, per_page: _perPage, run_id: _run, ...runsQuery } = query;
    if (grouped) void runsStore.getState().load(runsQuery);
    else void instancesStore.getState().loadList(query);
    // `key` names the query: reload when it changes, not when the route object is rebuilt.
  }, [key]);
  useEffect(() => {
    if (!hostsStore.getState().loaded) void hostsStore.getState().load();
  }, []);

  const go = (patch: Partial<typeof query>): void => navigate(instancesHref({ ...query, page: 1, ...patch }));
  const filtered = isFiltered(query);
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;

  const empty = !(grouped ? runsLoaded : list.loaded) ? (
    <div style={{ height: 120 }} />
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('instances.list.noMatch')}>
      <Button onClick={() => navigate('/instances')}>{t('tasks.list.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{t('instances.list.emptyTitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('instances.list.emptyText')}</Typography.Text>
        </>
      }
    >
      {canRun ? (
        <Button type="primary" href={href('/run')} icon={<ThunderboltOutlined aria-hidden />}>
          {t('instances.list.runCommand')}
        </Button>
      ) : null}
    </Empty>
  );

  return (
    <>
      <PageHeader title={t('instances.list.title')} subtitle={t('instances.list.subtitle')} extra={canRun ? <Button href={href('/run')} icon={<ThunderboltOutlined aria-hidden />}>{t('instances.list.runCommand')}</Button> : null} />
      {!grouped && list.error ? <ErrorAlert message={list.error} onRetry={() => void instancesStore.getState().reloadList()} /> : null}
      {grouped && runsError ? <ErrorAlert message={runsError} onRetry={() => void runsStore.getState().resync()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Select<number>
          allowClear
          placeholder={t('instances.list.anyStatus')}
          aria-label={t('instances.field.status')}
          value={query.status}
          onChange={(v) => go({ status: v })}
          options={Object.keys(instanceStatusNames).map((code) => ({ value: Number(code), label: statusWord('instance', code) }))}
          style={{ width: 170 }}
        />
        <Select<number>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('instances.list.anyHost')}
          aria-label={t('instances.field.host')}
          value={query.host_id}
          onChange={(v) => go({ host_id: v })}
          options={hosts.map((h) => ({ value: h.id, label: h.name }))}
          style={{ width: 180 }}
        />
        <RunTextFilters task={query.task} command={query.command} onChange={go} />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          placeholder={[t('instances.list.createdFrom'), t('instances.list.createdTo')]}
          aria-label={t('instances.list.createdBetween')}
          value={range}
          onChange={(v) => go({ from: v?.[0]?.toISOString(), to: v?.[1]?.toISOString() })}
        />
        {query.task_id !== undefined ? (
          <Tag closable onClose={() => go({ task_id: undefined })} style={{ marginInlineEnd: 0 }}>
            {t('instances.list.taskTag', { name: runTaskName ?? rows.find((i) => i.task_id === query.task_id)?.task_name ?? `#${query.task_id}` })}
          </Tag>
        ) : null}
        {query.run_id ? (
          <Tag closable onClose={() => go({ run_id: undefined })} style={{ marginInlineEnd: 0 }}>
            {t('instances.list.runTag')} <span style={{ fontFamily: 'monospace' }}>{query.run_id}</span>
          </Tag>
        ) : null}
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={list.loading && list.loaded} onClick={() => void (grouped ? runsStore.getState().resync() : instancesStore.getState().reloadList())} />
        </Tooltip>
        {filtered ? <Button type="link" onClick={() => navigate('/instances')}>{t('tasks.list.clearFilters')}</Button> : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {!grouped && list.loaded ? t('common.count.instances', { count: list.total }) : ''}
        </Typography.Text>
      </Flex>
      {grouped ? <RunsTable empty={empty} /> : null}
      {grouped ? null : <InstancesTable
        rows={rows}
        total={list.total}
        page={query.page}
        perPage={query.per_page}
        loading={list.loading}
        empty={empty}
        onPage={(page, perPage) => navigate(instancesHref({ ...query, page: perPage === query.per_page ? page : 1, per_page: perPage }))}
      />}
    </>
  );
}
