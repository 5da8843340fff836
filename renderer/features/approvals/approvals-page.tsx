import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { navigate, type HashRoute } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { requestsStore, useRequests, type RequestsView } from '../../stores/requests-store';
import { approvalsHref, parseApprovalsQuery, type ApprovalsQuery } from './approvals-query';
import { BatchApproveModal } from './batch-approve-modal';
import { RequestsTable, type RequestFilters } from './requests-table';

const views: readonly { key: RequestsView; label: string; empty: string }[] = [
  { key: 'to_approve', label: 'To approve', empty: 'Nothing waits for your decision.' },
  { key: 'mine', label: 'Mine', empty: 'You have not asked for any approval yet. Starting a task that a process covers opens a request.' },
  { key: 'all', label: 'All', empty: 'No change requests yet.' },
];

/** Case-insensitive "contains" over task, process, requester and id. */
function matches(r: ChangeRequestView, q: string): boolean {
  const needle = q.trim().toLowerCase().replace(/^#/, '');
  if (!needle) return true;
  return [String(r.id), r.task_name, r.process.name, r.requester].some((s) => s.toLowerCase().includes(needle));
}

/** One view, a page at a time from the core; search and column filters narrow the page shown. */
function RequestsTab({ query }: { readonly query: ApprovalsQuery }) {
  const { view, page, perPage } = query;
  const list = useRequests((s) => s.lists[view]);
  const byId = useRequests((s) => s.byId);
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<RequestFilters>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [batch, setBatch] = useState<readonly ChangeRequestView[] | null>(null);

  useEffect(() => {
    void requestsStore.getState().loadList(view, { page, perPage });
  }, [view, page, perPage]);
  // The page emptied (its rows were decided, or fewer remain): show the last page there is.
  const lastPage = Math.max(1, Math.ceil(list.total / perPage));
  useEffect(() => {
    if (list.loaded && !list.loading && list.ids.length === 0 && page > lastPage) navigate(approvalsHref({ ...query, page: lastPage }));
  }, [list.loaded, list.loading, list.ids.length, page, lastPage]); // query is rebuilt each render; these decide

  const rows = useMemo(() => list.ids.map((id) => byId[id]).filter((r): r is ChangeRequestView => Boolean(r)), [list.ids, byId]);
  const shown = useMemo(() => rows.filter((r) => matches(r, q)), [rows, q]);
  const selectable = view === 'to_approve';
  // Rows that left the list (decided elsewhere) drop out of the selection.
  const selectedNow = selected.filter((id) => byId[id]?.can_approve && list.ids.includes(id));
  const filtered = Boolean(q.trim()) || Object.values(filters).some((v) => v && v.length > 0);
  const clear = (): void => {
    setQ('');
    setFilters({});
  };
  const empty = !list.loaded ? (
    <div style={{ height: 120 }} />
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No requests match the search or filters.">
      <Button onClick={clear}>Clear filters</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={views.find((v) => v.key === view)!.empty} />
  );

  return (
    <>
      {list.error ? <ErrorAlert message={list.error} onRetry={() => void requestsStore.getState().loadList(view)} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="Search task, process, requester, #id" aria-label="Search requests" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} />
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} loading={list.loading && list.loaded} onClick={() => void requestsStore.getState().loadList(view)} />
        </Tooltip>
        {selectable ? (
          <Button type="primary" icon={<CheckOutlined />} disabled={selectedNow.length === 0} onClick={() => setBatch(selectedNow.map((id) => byId[id]!))}>
            {selectedNow.length ? `Approve selected (${selectedNow.length})` : 'Approve selected'}
          </Button>
        ) : null}
        {filtered ? (
          <Button type="link" onClick={clear}>
            Clear filters
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {list.loaded ? `${list.total.toLocaleString()} request${list.total === 1 ? '' : 's'}${view === 'to_approve' && list.total ? ' waiting for you' : ''}${filtered ? `; search and filters narrow page ${page}` : ''}` : ''}
        </Typography.Text>
      </Flex>
      <RequestsTable
        rows={shown}
        loading={list.loading && (!list.loaded || list.paging)}
        empty={empty}
        filters={filters}
        onFilters={setFilters}
        selection={selectable ? { selected: selectedNow, onSelect: setSelected } : undefined}
        pager={{
          page,
          perPage,
          total: list.total,
          onPage: (next, size) => navigate(approvalsHref({ view, page: size === perPage ? next : 1, perPage: size })),
        }}
      />
      {batch ? (
        <BatchApproveModal
          requests={batch}
          onClose={(approvedAny) => {
            setBatch(null);
            if (approvedAny) setSelected([]);
          }}
        />
      ) : null}
    </>
  );
}

/** `#/approvals?view=to_approve|mine|all&page=2&size=100`: change requests waiting for you, yours, and everyone's, paged on the server. */
export function ApprovalsPage({ route }: { readonly route: HashRoute }) {
  const query = parseApprovalsQuery(route.query);
  const { view } = query;
  return (
    <>
      <PageHeader title="Approvals" subtitle="Change requests: a task a process covers runs only after each of its approval nodes agrees, in order." />
      <Tabs
        activeKey={view}
        onChange={(k) => navigate(approvalsHref({ view: k as RequestsView, page: 1, perPage: query.perPage }))}
        destroyOnHidden
        items={views.map((v) => ({ key: v.key, label: v.label, children: v.key === view ? <RequestsTab query={query} /> : null }))}
      />
    </>
  );
}
