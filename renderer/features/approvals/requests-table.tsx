import { Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import { requestStates, type RequestState } from '../../../shared/domain/processes';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { href } from '../../app/hash-route';
import { Time } from '../../components/time-text';
import { filterIcon } from '../processes/column-filters';
import { taskTypeLabel } from '../processes/process-summary';
import { roleColor } from '../users/known-roles';
import { REQUEST_PAGE_SIZES } from './approvals-query';
import { DeadlineText } from './deadline-text';
import { currentDeadline } from './request-model';
import { statusWord } from '../../lib/status-words';
import { RequestStateTag } from './request-state-tag';
import { useTranslation } from 'react-i18next';
import { UserName } from '../users/user-name';

export interface RequestsTableProps {
  readonly rows: readonly ChangeRequestView[];
  readonly loading: boolean;
  readonly empty: ReactNode;
  /** The state the core narrows the rows to; with `onState`, the State column offers the choice. */
  readonly state: RequestState | null;
  readonly onState?: (state: RequestState | null) => void;
  /** Set to allow picking rows (batch approval). */
  readonly selection?: { readonly selected: readonly number[]; readonly onSelect: (ids: number[]) => void };
  /** The page of the view the rows are, paged on the server. */
  readonly pager: { readonly page: number; readonly perPage: number; readonly total: number; readonly onPage: (page: number, perPage: number) => void };
}

const isState = (v: unknown): v is RequestState => (requestStates as readonly unknown[]).includes(v);

/**
 * One page of change requests from the core. The search and the state filter go to the core (the
 * page asks for them); other columns have no filters, as a filter over one page would miss the rest.
 */
export function RequestsTable(p: RequestsTableProps) {
  const { t } = useTranslation();
  const columns: TableProps<ChangeRequestView>['columns'] = [
    {
      title: t('instances.field.id'),
      key: 'id',
      dataIndex: 'id',
      width: 56,
      sorter: (a, b) => a.id - b.id,
      render: (id: number) => <a href={href(`/approvals/${id}`)} aria-label={t('approvals.requestAria', { id })}>#{id}</a>,
    },
    {
      title: t('instances.field.task'),
      key: 'task_name',
      dataIndex: 'task_name',
      render: (_v, r) => <a href={href(`/approvals/${r.id}`)}>{r.task_name}</a>,
    },
    {
      title: t('tasks.field.type'),
      key: 'type',
      width: 100,
      render: (_v, r) => taskTypeLabel[r.task.type],
    },
    {
      title: t('approvals.field.process'),
      key: 'process',
      render: (_v, r) => r.process.name,
    },
    {
      title: t('approvals.field.level'),
      key: 'risk_level',
      dataIndex: 'risk_level',
      // Room for 风险等级 and its sorter on one line.
      width: 84,
      align: 'right',
      sorter: (a, b) => a.risk_level - b.risk_level,
    },
    {
      title: t('approvals.field.requester'),
      key: 'requester',
      dataIndex: 'requester',
      width: 100,
      ellipsis: true,
      render: (name: string) => <UserName name={name} />,
    },
    {
      title: t('instances.field.status'),
      key: 'state',
      width: 100,
      ...(p.onState
        ? { filters: requestStates.map((s) => ({ text: statusWord('request', s), value: s })), filterMultiple: false, filteredValue: p.state ? [p.state] : null, filterIcon: filterIcon(t('filters.words.state')) }
        : {}),
      render: (_v, r) => <RequestStateTag state={r.state} />,
    },
    {
      title: t('approvals.field.waitingFor'),
      key: 'node',
      width: 100,
      render: (_v, r) => {
        const node = r.nodes[r.current_node];
        if (r.state !== 'APPROVING' || !node) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary">
              {r.current_node + 1}/{r.nodes.length}{' '}
            </Typography.Text>
            <Tag color={roleColor(node.role)} style={{ marginInlineEnd: 0 }}>
              {node.role}
            </Tag>
          </span>
        );
      },
    },
    {
      title: t('approvals.field.deadline'),
      key: 'deadline',
      width: 110,
      sorter: (a, b) => (currentDeadline(a)?.at ?? '9').localeCompare(currentDeadline(b)?.at ?? '9'),
      render: (_v, r) => {
        const d = currentDeadline(r);
        return d ? (
          <DeadlineText value={d.at} label={d.label} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    },
    {
      title: t('tasks.field.created'),
      key: 'created_at',
      dataIndex: 'created_at',
      width: 110,
      sorter: (a, b) => a.created_at.localeCompare(b.created_at),
      render: (v: string) => <Time relative value={v} />,
    },
  ];

  return (
    <Table<ChangeRequestView>
      rowKey="id"
      size="small"
      sticky={{ offsetHeader: 48 }}
      columns={columns}
      dataSource={p.rows as ChangeRequestView[]}
      loading={p.loading}
      // Fits the content width at 1280 px with the menu open (1032 px): task and process share what the fixed columns leave.
      scroll={{ x: 980 }}
      onChange={(pg, filters, _sorter, extra) => {
        // The pager and the state filter ask the core; sorting orders the page shown.
        if (extra.action === 'paginate') p.pager.onPage(pg.current ?? 1, pg.pageSize ?? p.pager.perPage);
        else if (extra.action === 'filter') {
          const state = filters.state?.[0];
          p.onState?.(isState(state) ? state : null);
        }
      }}
      rowSelection={
        p.selection
          ? { selectedRowKeys: [...p.selection.selected], onChange: (keys) => p.selection!.onSelect(keys.map(Number)), columnWidth: 36, getCheckboxProps: (r) => ({ disabled: !r.can_approve, 'aria-label': t('approvals.selectAria', { id: r.id }) }) }
          : undefined
      }
      pagination={{
        current: p.pager.page,
        pageSize: p.pager.perPage,
        total: p.pager.total,
        showSizeChanger: true,
        pageSizeOptions: REQUEST_PAGE_SIZES.map(String),
        size: 'small',
        showTotal: (total, [a, b]) => t('common.pager.range', { from: a, to: b, total: total.toLocaleString() }),
        hideOnSinglePage: p.pager.total <= REQUEST_PAGE_SIZES[0],
      }}
      locale={{ emptyText: p.empty }}
    />
  );
}
