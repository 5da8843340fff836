import { Button, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { FilterValue } from 'antd/es/table/interface';
import { useMemo, type ReactNode } from 'react';
import { taskTypeNames, type Process } from '../../../shared/domain/processes';
import { href } from '../../app/hash-route';
import { Time } from '../../components/time-text';
import { useGroups } from '../../stores/groups-store';
import { useHosts } from '../../stores/hosts-store';
import { roleColor } from '../users/known-roles';
import { dateRange, filterIcon, textSearch } from './column-filters';
import { ProcessStatusTag } from './process-status-tag';
import { associationKeys, associationParts, rolesOf, taskTypeLabel } from './process-summary';
import { useTranslation } from 'react-i18next';

export type ProcessFilters = Record<string, FilterValue | null>;

export interface ProcessesTableProps {
  readonly processes: readonly Process[];
  readonly loading: boolean;
  readonly canWrite: boolean;
  readonly empty: ReactNode;
  readonly filters: ProcessFilters;
  readonly onFilters: (f: ProcessFilters) => void;
  readonly selected: readonly number[];
  readonly onSelect: (ids: number[]) => void;
  readonly onEdit: (p: Process) => void;
  readonly onCopy: (p: Process) => void;
  readonly onToggle: (p: Process) => void;
}

const uniq = <T,>(xs: readonly T[]): T[] => [...new Set(xs)];

export function ProcessesTable(p: ProcessesTableProps) {
  const { t } = useTranslation();
  const hosts = useHosts((s) => s.hosts);
  const groups = useGroups((s) => s.groups);
  const hostNames = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);

  // Position within its type's priority order (the list comes in that order).
  const position = useMemo(() => {
    const seen = new Map<string, number>();
    return new Map(p.processes.map((x) => [x.id, seen.set(x.task_type, (seen.get(x.task_type) ?? 0) + 1).get(x.task_type)!]));
  }, [p.processes]);

  const all = p.processes;
  const levelFilters = uniq(all.flatMap((x) => x.risk_levels.map((l) => l.level))).sort((a, b) => a - b).map((l) => ({ text: t('processes.level', { n: l }), value: l }));
  const roleFilters = uniq(all.flatMap(rolesOf)).sort().map((r) => ({ text: r, value: r }));
  const creatorFilters = uniq(all.map((x) => x.created_by)).sort().map((c) => ({ text: c, value: c }));
  const assocFilters = [
    { text: t('processes.allHosts'), value: 'all' },
    ...uniq(all.flatMap(associationKeys)).filter((k) => k !== 'all').map((k) => {
      const id = Number(k.slice(2));
      return { text: k.startsWith('h:') ? t('processes.hostN', { name: hostNames.get(id) ?? `#${id}` }) : t('processes.groupN', { name: groupNames.get(id) ?? `#${id}` }), value: k };
    }).sort((a, b) => a.text.localeCompare(b.text)),
  ];
  const f = (key: string): FilterValue | null => p.filters[key] ?? null;

  const columns: TableProps<Process>['columns'] = [
    {
      title: t('tasks.field.name'),
      key: 'name',
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      filteredValue: f('name'),
      ...textSearch<Process>(t('filters.words.name'), (x) => `${x.name} ${x.remarks}`),
      render: (_v, x) => (
        <Tooltip title={x.remarks || undefined} placement="topLeft">
          <a href={href(`/processes/${x.id}`)}>{x.name}</a>
        </Tooltip>
      ),
    },
    {
      title: t('tasks.field.type'),
      key: 'task_type',
      dataIndex: 'task_type',
      width: 116,
      filters: taskTypeNames.map((t) => ({ text: taskTypeLabel[t], value: t })),
      filteredValue: f('task_type'),
      filterIcon: filterIcon(t('filters.words.type')),
      onFilter: (v, x) => x.task_type === v,
      render: (_v, x) => taskTypeLabel[x.task_type],
    },
    {
      title: <Tooltip title={t('processes.priorityTip')}>{t('processes.priority')}</Tooltip>,
      key: 'priority',
      width: 76,
      align: 'right',
      sorter: (a, b) => a.task_type.localeCompare(b.task_type) || position.get(a.id)! - position.get(b.id)!,
      render: (_v, x) => position.get(x.id),
    },
    {
      title: t('processes.levels'),
      key: 'levels',
      width: 80,
      filters: levelFilters,
      filteredValue: f('levels'),
      filterIcon: filterIcon(t('filters.words.level')),
      onFilter: (v, x) => x.risk_levels.some((l) => l.level === v),
      render: (_v, x) => (
        <Space size={[2, 2]} wrap>
          {x.risk_levels.map((l) => (
            <Tag key={l.level} style={{ marginInlineEnd: 0 }}>
              {l.level}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('processes.nodes'),
      key: 'roles',
      filters: roleFilters,
      filterSearch: true,
      filteredValue: f('roles'),
      filterIcon: filterIcon(t('filters.words.approvalRole')),
      onFilter: (v, x) => rolesOf(x).includes(String(v)),
      render: (_v, x) => (
        <Space direction="vertical" size={0}>
          {x.risk_levels.map((l) => (
            <span key={l.level}>
              {x.risk_levels.length > 1 ? <Typography.Text type="secondary">L{l.level}: </Typography.Text> : null}
              {/* A long chain wraps between nodes, each arrow staying with the node it points to. */}
              {l.approval_nodes.map((n, i) => (
                <span key={i} style={{ whiteSpace: 'nowrap' }}>
                  {i > 0 ? ' → ' : null}
                  <Tag color={roleColor(n.role)} style={{ marginInlineEnd: 0 }}>
                    {n.role}
                  </Tag>
                </span>
              ))}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('processes.associated'),
      key: 'association',
      filters: assocFilters,
      filterSearch: true,
      filteredValue: f('association'),
      filterIcon: filterIcon(t('filters.words.associatedHosts')),
      onFilter: (v, x) => associationKeys(x).includes(String(v)),
      render: (_v, x) => {
        const a = associationParts(x, hostNames, groupNames);
        if (a.all) return t('processes.allHosts');
        const names = [...a.hosts.map((h) => h.name), ...a.groups.map((g) => t('processes.groupSuffix', { name: g.name }))];
        return (
          <Tooltip title={names.join(', ')} placement="topLeft">
            <span>
              {names.slice(0, 2).join(', ')}
              {names.length > 2 ? <Typography.Text type="secondary"> +{names.length - 2}</Typography.Text> : null}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: t('instances.field.status'),
      key: 'enabled',
      width: 80,
      filters: [
        { text: t('status.process.enabled'), value: 'enabled' },
        { text: t('status.process.disabled'), value: 'disabled' },
      ],
      filteredValue: f('enabled'),
      filterIcon: filterIcon(t('filters.words.status')),
      onFilter: (v, x) => (v === 'enabled') === x.enabled,
      render: (_v, x) =>
        p.canWrite ? (
          <Switch size="small" checked={x.enabled} aria-label={t('processes.enabledAria', { name: x.name })} checkedChildren={t('processes.on')} unCheckedChildren={t('processes.off')} onChange={() => p.onToggle(x)} />
        ) : (
          <ProcessStatusTag enabled={x.enabled} />
        ),
    },
    {
      title: t('processes.createdBy'),
      key: 'created_by',
      dataIndex: 'created_by',
      width: 90,
      filters: creatorFilters,
      filterSearch: true,
      filteredValue: f('created_by'),
      filterIcon: filterIcon(t('filters.words.creator')),
      onFilter: (v, x) => x.created_by === v,
    },
    {
      title: t('tasks.field.created'),
      key: 'created_at',
      dataIndex: 'created_at',
      width: 110,
      sorter: (a, b) => a.created_at.localeCompare(b.created_at),
      filteredValue: f('created_at'),
      ...dateRange<Process>(t('filters.words.created'), (x) => x.created_at),
      render: (v: string) => <Time relative value={v} />,
    },
    {
      title: t('tasks.field.actions'),
      key: 'actions',
      width: p.canWrite ? 130 : 64,
      fixed: 'right',
      render: (_v, x) => (
        <Space size={0}>
          <Button type="link" size="small" href={href(`/processes/${x.id}`)} aria-label={t('processes.viewAria', { name: x.name })}>
            {t('processes.viewLink')}
          </Button>
          {p.canWrite ? (
            <>
              <Button type="link" size="small" onClick={() => p.onEdit(x)} aria-label={t('users.editAria', { name: x.name })}>
                {t('common.action.edit')}
              </Button>
              <Button type="link" size="small" onClick={() => p.onCopy(x)} aria-label={t('processes.copyAria', { name: x.name })}>
                {t('common.action.copy')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Table<Process>
      rowKey="id"
      size="small"
      sticky={{ offsetHeader: 48 }}
      columns={columns}
      dataSource={p.processes as Process[]}
      loading={p.loading}
      // Fits the content width at 1280 px with the menu open (1032 px): name, nodes and hosts share what the fixed columns leave.
      scroll={{ x: 1030 }}
      onChange={(_pg, filters) => p.onFilters(filters)}
      rowSelection={p.canWrite ? { selectedRowKeys: [...p.selected], onChange: (keys) => p.onSelect(keys.map(Number)), columnWidth: 36 } : undefined}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: p.empty }}
    />
  );
}
