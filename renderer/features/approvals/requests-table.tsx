import { Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { FilterValue } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { requestStates, taskTypeNames } from '../../../shared/domain/processes';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { href } from '../../app/hash-route';
import { TimeText } from '../../components/time-text';
import { dateRange, filterIcon, textSearch } from '../processes/column-filters';
import { taskTypeLabel } from '../processes/process-summary';
import { roleColor } from '../users/known-roles';
import { REQUEST_PAGE_SIZES } from './approvals-query';
import { DeadlineText } from './deadline-text';
import { currentDeadline, stateLook } from './request-model';
import { RequestStateTag } from './request-state-tag';

export type RequestFilters = Record<string, FilterValue | null>;

export interface RequestsTableProps {
  readonly rows: readonly ChangeRequestView[];
  readonly loading: boolean;
  readonly empty: ReactNode;
  readonly filters: RequestFilters;
  readonly onFilters: (f: RequestFilters) => void;
  /** Set to allow picking rows (batch approval). */
  readonly selection?: { readonly selected: readonly number[]; readonly onSelect: (ids: number[]) => void };
  /** The page of the view the rows are, paged on the server. */
  readonly pager: { readonly page: number; readonly perPage: number; readonly total: number; readonly onPage: (page: number, perPage: number) => void };
}

const uniqSorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

export function RequestsTable(p: RequestsTableProps) {
  const f = (key: string): FilterValue | null => p.filters[key] ?? null;
  const rows = p.rows;
  const columns: TableProps<ChangeRequestView>['columns'] = [
    {
      title: 'ID',
      key: 'id',
      dataIndex: 'id',
      width: 64,
      sorter: (a, b) => a.id - b.id,
      render: (id: number) => <a href={href(`/approvals/${id}`)} aria-label={`Request ${id}`}>#{id}</a>,
    },
    {
      title: 'Task',
      key: 'task_name',
      dataIndex: 'task_name',
      filteredValue: f('task_name'),
      ...textSearch<ChangeRequestView>('task', (r) => r.task_name),
      render: (_v, r) => <a href={href(`/approvals/${r.id}`)}>{r.task_name}</a>,
    },
    {
      title: 'Type',
      key: 'type',
      width: 120,
      filters: taskTypeNames.map((t) => ({ text: taskTypeLabel[t], value: t })),
      filteredValue: f('type'),
      filterIcon: filterIcon('type'),
      onFilter: (v, r) => r.task.type === v,
      render: (_v, r) => taskTypeLabel[r.task.type],
    },
    {
      title: 'Process',
      key: 'process',
      filters: uniqSorted(rows.map((r) => r.process.name)).map((n) => ({ text: n, value: n })),
      filterSearch: true,
      filteredValue: f('process'),
      filterIcon: filterIcon('process'),
      onFilter: (v, r) => r.process.name === v,
      render: (_v, r) => r.process.name,
    },
    {
      title: 'Level',
      key: 'risk_level',
      dataIndex: 'risk_level',
      width: 70,
      align: 'right',
      sorter: (a, b) => a.risk_level - b.risk_level,
      filters: [...new Set(rows.map((r) => r.risk_level))].sort((a, b) => a - b).map((l) => ({ text: `Level ${l}`, value: l })),
      filteredValue: f('risk_level'),
      filterIcon: filterIcon('level'),
      onFilter: (v, r) => r.risk_level === v,
    },
    {
      title: 'Requester',
      key: 'requester',
      dataIndex: 'requester',
      width: 100,
      filters: uniqSorted(rows.map((r) => r.requester)).map((n) => ({ text: n, value: n })),
      filterSearch: true,
      filteredValue: f('requester'),
      filterIcon: filterIcon('requester'),
      onFilter: (v, r) => r.requester === v,
    },
    {
      title: 'State',
      key: 'state',
      width: 160,
      filters: requestStates.map((s) => ({ text: stateLook[s].label, value: s })),
      filteredValue: f('state'),
      filterIcon: filterIcon('state'),
      onFilter: (v, r) => r.state === v,
      render: (_v, r) => <RequestStateTag state={r.state} />,
    },
    {
      title: 'Waiting for',
      key: 'node',
      width: 110,
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
      title: 'Deadline',
      key: 'deadline',
      width: 115,
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
      title: 'Created',
      key: 'created_at',
      dataIndex: 'created_at',
      width: 130,
      sorter: (a, b) => a.created_at.localeCompare(b.created_at),
      filteredValue: f('created_at'),
      ...dateRange<ChangeRequestView>('created', (r) => r.created_at),
      render: (v: string) => <TimeText value={v} />,
    },
  ];

  return (
    <Table<ChangeRequestView>
      rowKey="id"
      size="small"
      sticky={{ offsetHeader: 48 }}
      columns={columns}
      dataSource={rows as ChangeRequestView[]}
      loading={p.loading}
      scroll={{ x: 1100 }}
      onChange={(pg, filters, _sorter, extra) => {
        // The pager asks the core for a page; filters and sorting act on the page shown (and keep it).
        if (extra.action === 'paginate') p.pager.onPage(pg.current ?? 1, pg.pageSize ?? p.pager.perPage);
        else p.onFilters(filters);
      }}
      rowSelection={
        p.selection
          ? { selectedRowKeys: [...p.selection.selected], onChange: (keys) => p.selection!.onSelect(keys.map(Number)), columnWidth: 36, getCheckboxProps: (r) => ({ disabled: !r.can_approve, 'aria-label': `Select request ${r.id}` }) }
          : undefined
      }
      pagination={{
        current: p.pager.page,
        pageSize: p.pager.perPage,
        total: p.pager.total,
        showSizeChanger: true,
        pageSizeOptions: REQUEST_PAGE_SIZES.map(String),
        size: 'small',
        showTotal: (t, [a, b]) => `${a}–${b} of ${t.toLocaleString()}`,
        hideOnSinglePage: p.pager.total <= REQUEST_PAGE_SIZES[0],
      }}
      locale={{ emptyText: p.empty }}
    />
  );
}
