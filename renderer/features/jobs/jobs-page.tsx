import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ovirtStatuses, type JobView } from '../../../shared/domain/jobs';
import { navigate, type HashRoute } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { jobsStore, useJobs } from '../../stores/jobs-store';
import { jobsHref, moduleWord, parseJobsFilter, type JobsFilter } from './job-model';
import { statusWord } from '../../lib/status-words';
import { JobsTreeTable } from './jobs-tree-table';
import { useTranslation } from 'react-i18next';

const PAGE = 50;
const externalOptions = [
  { value: 'true', labelKey: 'jobs.list.external' },
  { value: 'false', labelKey: 'jobs.list.own' },
];

/** `#/jobs`: the Task Monitor. Jobs newest first with their steps, live; filters in the hash, pages by cursor. */
export function JobsPage({ route }: { readonly route: HashRoute }) {
  const { t } = useTranslation();
  const filter = useMemo(() => parseJobsFilter(route.query), [route.query]);
  const serverKey = jobsHref(filter);
  // Cursors of the pages before this one: [] on the first page.
  const [cursors, setCursors] = useState<readonly string[]>([]);
  const [text, setText] = useState(filter.text);
  const list = useJobs((s) => s.list);
  const modules = useJobs((s) => s.modules);
  const roots = useJobs(useShallow((s) => s.list.ids.map((id) => s.byId[id]).filter((j): j is JobView => Boolean(j))));

  useEffect(() => setCursors((c) => (c.length ? [] : c)), [serverKey]);
  useEffect(() => setText(filter.text), [filter.text]);
  useEffect(() => {
    const before = cursors[cursors.length - 1];
    const { module, status, external, internal, text } = filter;
    void jobsStore.getState().loadList({ module, status, external, internal, limit: PAGE, ...(text ? { q: text } : {}), ...(before ? { before } : {}) });
    // serverKey names the filters; the filter object is rebuilt on every route change.
  }, [serverKey, cursors]);
  useEffect(() => {
    void jobsStore.getState().loadModules().catch(() => undefined);
  }, []);

  const go = (patch: Partial<JobsFilter>): void => navigate(jobsHref({ ...filter, ...patch }));
  const filtered = serverKey !== '/jobs';
  const empty = !list.loaded ? (
    <div style={{ height: 120 }} />
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.list.noMatch')}>
      <Button onClick={() => navigate('/jobs')}>{t('tasks.list.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{t('jobs.list.emptyTitle')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('jobs.list.emptyText')}</Typography.Text>
        </>
      }
    />
  );

  return (
    <>
      <PageHeader
        title={t('shell.nav.jobs')}
        subtitle={t('jobs.list.subtitle')}
        extra={<Button icon={<ReloadOutlined aria-hidden />} onClick={() => void jobsStore.getState().loadList(list.query ?? { limit: PAGE })}>{t('common.action.refresh')}</Button>}
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} role="search" aria-label={t('jobs.list.filters')}>
        <Select
          aria-label={t('jobs.field.module')}
          placeholder={t('jobs.field.module')}
          allowClear
          style={{ width: 150 }}
          value={filter.module}
          options={[...new Set([...modules, ...(filter.module ? [filter.module] : [])])].map((m) => ({ value: m, label: moduleWord(m) }))}
          onChange={(v?: string) => go({ module: v })}
        />
        <Select aria-label={t('instances.field.status')} placeholder={t('instances.field.status')} allowClear style={{ width: 130 }} value={filter.status} options={ovirtStatuses.map((s) => ({ value: s, label: statusWord('job', s) }))} onChange={(v) => go({ status: v })} />
        <Select
          aria-label={t('jobs.list.origin')}
          placeholder={t('jobs.list.originPlaceholder')}
          allowClear
          style={{ width: 170 }}
          value={filter.external === undefined ? undefined : String(filter.external)}
          options={externalOptions.map((o) => ({ value: o.value, label: t(o.labelKey) }))}
          onChange={(v?: string) => go({ external: v === undefined ? undefined : v === 'true' })}
        />
        <Input.Search
          aria-label={t('jobs.list.search')}
          placeholder={t('jobs.list.searchPlaceholder')}
          maxLength={200}
          allowClear
          style={{ width: 260 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => go({ text: v.trim() })}
        />
        <Flex gap={6} align="center">
          <Switch id="jobs-internal" size="small" checked={filter.internal} onChange={(v) => go({ internal: v })} />
          <label htmlFor="jobs-internal">{t('jobs.list.showInternal')}</label>
        </Flex>
      </Flex>
      {list.error ? <ErrorAlert message={list.error} onRetry={() => list.query && void jobsStore.getState().loadList(list.query)} /> : null}
      <JobsTreeTable label={t('shell.nav.jobs')} roots={roots} loading={list.loading && !list.loaded} empty={empty} />
      <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
        <Button icon={<LeftOutlined aria-hidden />} disabled={!cursors.length} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('jobs.list.newer')}</Button>
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('jobs.list.page', { n: cursors.length + 1 })}</Typography.Text>
        <Button disabled={!list.nextBefore} onClick={() => list.nextBefore && setCursors((c) => [...c, list.nextBefore!])}>
          {t('jobs.list.older')} <RightOutlined aria-hidden />
        </Button>
      </Flex>
    </>
  );
}
