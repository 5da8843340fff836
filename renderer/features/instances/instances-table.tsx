import { Table, theme, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { Instance } from '../../../shared/domain/instances';
import { href } from '../../app/hash-route';
import { DurationText } from '../../components/duration-text';
import { InstanceStatusTag } from '../../components/instance-status-tag';
import { Time } from '../../components/time-text';
import { PAGE_SIZES } from './instance-query';
import { useTranslation } from 'react-i18next';

export interface InstancesTableProps {
  readonly rows: readonly Instance[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
  readonly loading: boolean;
  readonly empty: ReactNode;
  readonly onPage: (page: number, perPage: number) => void;
}

/** Server-paged instances: one row per run of a command on a host. */
export function InstancesTable(p: InstancesTableProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };
  const columns: TableProps<Instance>['columns'] = [
    {
      title: t('instances.field.host'),
      key: 'host',
      width: 130,
      ellipsis: { showTitle: false },
      render: (_v, i) => (
        <Tooltip title={i.host.host} placement="topLeft">
          <span>{i.host.name}</span>
        </Tooltip>
      ),
    },
    {
      title: t('tasks.field.command'),
      dataIndex: 'command',
      ellipsis: { showTitle: false },
      render: (c: string) => (
        <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto', ...mono }}>{c}</pre>} placement="topLeft" styles={{ root: { maxWidth: 640 } }}>
          <span style={mono}>{c.replace(/\s*\n\s*/g, ' ⏎ ')}</span>
        </Tooltip>
      ),
    },
    { title: t('instances.field.status'), dataIndex: 'status', width: 110, render: (_v, i) => <InstanceStatusTag instance={i} /> },
    {
      title: t('instances.field.exit'),
      dataIndex: 'exit_code',
      width: 56,
      align: 'right',
      render: (v: number | null, i) =>
        v !== null ? <Typography.Text type={v === 0 ? undefined : 'danger'}>{v}</Typography.Text> : i.signal ? <Typography.Text type="danger">{i.signal}</Typography.Text> : null,
    },
    { title: t('instances.field.started'), dataIndex: 'started_time', width: 110, render: (v: string | null) => <Time relative value={v} empty={t('instances.notStarted')} /> },
    { title: t('instances.field.duration'), key: 'duration', width: 80, align: 'right', render: (_v, i) => <DurationText instance={i} /> },
    {
      title: t('instances.field.trigger'),
      dataIndex: 'trigger',
      width: 110,
      ellipsis: { showTitle: false },
      render: (v: Instance['trigger'], i) =>
        i.task_name ? (
          <Tooltip title={i.attempt > 1 ? t('instances.taskAttempt', { name: i.task_name, attempt: i.attempt }) : t('instances.taskTip', { name: i.task_name })}>
            <span>{t(`instances.trigger.${v}`)} · {i.task_name}</span>
          </Tooltip>
        ) : (
          t(`instances.trigger.${v}`)
        ),
    },
    { title: t('instances.field.mode'), dataIndex: 'mode', width: 70, render: (v: Instance['mode']) => t(`tasks.page.runMode.${v}`) },
    // The long id last: people scan by host, command and status.
    {
      title: t('instances.field.id'),
      dataIndex: 'id',
      width: 150,
      ellipsis: { showTitle: false },
      render: (id: string) => (
        <a href={href(`/instances/${id}`)} style={mono} title={id}>
          {id}
        </a>
      ),
    },
  ];

  return (
    <Table<Instance>
      rowKey="id"
      size="small"
      sticky={{ offsetHeader: 48 }}
      columns={columns}
      dataSource={p.rows as Instance[]}
      loading={p.loading}
      // Fits the task page's Instances card at 1280 px with the menu open (about 1000 px): the command takes what is left.
      scroll={{ x: 960 }}
      locale={{ emptyText: p.empty }}
      pagination={{
        current: p.page,
        pageSize: p.perPage,
        total: p.total,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        size: 'small',
        showTotal: (total, [a, b]) => t('common.pager.range', { from: a, to: b, total: total.toLocaleString() }),
        onChange: p.onPage,
        hideOnSinglePage: p.total <= PAGE_SIZES[0],
      }}
    />
  );
}
