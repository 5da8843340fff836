import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { RequestState } from '../../../shared/domain/processes';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { navigate, type HashRoute } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { isSearch, requestsStore, sameQuery, useRequests, type RequestsView } from '../../stores/requests-store';
import { approvalsHref, MAX_SEARCH, parseApprovalsQuery, type ApprovalsQuery } from './approvals-query';
import { BatchApproveModal } from './batch-approve-modal';
import { ImportBundleButton } from './bundle-buttons';
import { statusWord } from '../../lib/status-words';
import { RequestsTable } from './requests-table';
import { useTranslation } from 'react-i18next';

/** The tabs; each one's label and empty text are `approvals.views.<key>` and `approvals.views.<key>Empty`. */
const views: readonly RequestsView[] = ['to_approve', 'mine', 'all'];

/** How long typing pauses before the search goes to the core. */
const SEARCH_DELAY_MS = 300;

/** One view, a page at a time from the core, narrowed on the core by the search and the state filter (both in the route). */
function RequestsTab({ query }: { readonly query: ApprovalsQuery }) {
  const { t } = useTranslation();
  const { view, q, state, page, perPage } = query;
  const list = useRequests((s) => s.lists[view]);
  const byId = useRequests((s) => s.byId);
  const [text, setText] = useState(q);
  const [selected, setSelected] = useState<number[]>([]);
  const [batch, setBatch] = useState<readonly ChangeRequestView[] | null>(null);
  /** A new search or state starts again at page 1. */
  const search = (next: { readonly q?: string; readonly state?: RequestState | null }): void => navigate(approvalsHref({ ...query, ...next, page: 1 }));

  useEffect(() => {
    void requestsStore.getState().loadList(view, { page, perPage, q, state });
  }, [view, page, perPage, q, state]);
  // The box follows the route (Back, Clear); what is typed goes to the route after a pause.
  useEffect(() => setText((typed) => (typed.trim() === q ? typed : q)), [q]);
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => search({ q: text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q, view, state, perPage]); // search() is rebuilt each render; these decide what it navigates to

  // The rows are this query's answer (not the previous page's or search's, while the next loads).
  const current = list.loaded && !list.paging && sameQuery(list, query);
  // The page emptied (its rows were decided, or fewer remain): show the last page there is.
  const lastPage = Math.max(1, Math.ceil(list.total / perPage));
  useEffect(() => {
    if (current && !list.loading && list.ids.length === 0 && page > lastPage) navigate(approvalsHref({ ...query, page: lastPage }));
  }, [current, list.loading, list.ids.length, page, lastPage]); // query is rebuilt each render; these decide

  const rows = useMemo(() => list.ids.map((id) => byId[id]).filter((r): r is ChangeRequestView => Boolean(r)), [list.ids, byId]);
  const selectable = view === 'to_approve';
  // Rows that left the list (decided elsewhere) drop out of the selection.
  const selectedNow = selected.filter((id) => byId[id]?.can_approve && list.ids.includes(id));
  const searching = isSearch(query);
  const clear = (): void => {
    setText('');
    search({ q: '', state: null });
  };
  const empty = !current ? (
    <div style={{ height: 120 }} />
  ) : searching ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.noMatch')}>
      <Button onClick={clear}>{t('approvals.clear')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`approvals.views.${view}Empty`)} />
  );
  // Under a search, an empty table says it already; the state filter is named, as its icon alone is easy to miss.
  const count = !current || (searching && !list.total)
    ? ''
    : searching
      ? `${t('approvals.match', { count: list.total, n: list.total.toLocaleString() })}${state ? t('approvals.matchState', { state: statusWord('request', state) }) : ''}`
      : view === 'to_approve' && list.total
        ? t('approvals.waiting', { count: list.total, n: list.total.toLocaleString() })
        : t('common.count.requests', { count: list.total });
  const clearLabel = q && state ? t('approvals.clearBoth') : q ? t('approvals.clearSearch') : t('approvals.clearFilter');
  const reload = (): void => void requestsStore.getState().loadList(view);

  return (
    <>
      {list.error ? <ErrorAlert message={list.error} onRetry={reload} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('approvals.search')}
          aria-label={t('approvals.searchAria')}
          maxLength={MAX_SEARCH}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(value) => (value.trim() === q ? reload() : search({ q: value }))}
          style={{ width: 280 }}
        />
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} loading={list.loading && current} onClick={reload} />
        </Tooltip>
        {selectable ? (
          <Button type="primary" icon={<CheckOutlined />} disabled={selectedNow.length === 0} onClick={() => setBatch(selectedNow.map((id) => byId[id]!))}>
            {selectedNow.length ? t('approvals.approveSelectedN', { n: selectedNow.length }) : t('approvals.approveSelected')}
          </Button>
        ) : null}
        {searching ? (
          <Button type="link" onClick={clear}>
            {clearLabel}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }} aria-live="polite">
          {count}
        </Typography.Text>
      </Flex>
      <RequestsTable
        rows={rows}
        loading={(list.loading && !list.loaded) || (list.loaded && !current)}
        empty={empty}
        state={state}
        onState={view === 'to_approve' ? undefined : (next) => search({ state: next })}
        selection={selectable ? { selected: selectedNow, onSelect: setSelected } : undefined}
        pager={{
          page,
          perPage,
          total: list.total,
          onPage: (next, size) => navigate(approvalsHref({ ...query, page: size === perPage ? next : 1, perPage: size })),
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

/** `#/approvals?view=to_approve|mine|all&q=…&state=…&page=2&size=100`: change requests waiting for you, yours, and everyone's, searched and paged on the server. */
export function ApprovalsPage({ route }: { readonly route: HashRoute }) {
  const { t } = useTranslation();
  const query = parseApprovalsQuery(route.query);
  const { view } = query;
  return (
    <>
      <PageHeader title={t('shell.nav.approvals')} subtitle={t('approvals.subtitle')} extra={<ImportBundleButton />} />
      <Tabs
        activeKey={view}
        onChange={(k) => navigate(approvalsHref({ ...query, view: k as RequestsView, page: 1 }))}
        destroyOnHidden
        items={views.map((v) => ({ key: v, label: t(`approvals.views.${v}`), children: v === view ? <RequestsTab query={query} /> : null }))}
      />
    </>
  );
}
