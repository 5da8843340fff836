import { Card, Table, Typography } from 'antd';
import type { Daily } from '../../../shared/domain/dashboard';
import { href } from '../../app/hash-route';
import { dayInstancesHref } from './dashboard-model';

type FailedTask = Daily['top_failed_tasks'][number];
type FailedHost = Daily['top_failed_hosts'][number];

const emptyText = <Typography.Text type="secondary">Nothing failed on this day.</Typography.Text>;

/** "Tasks that failed most": abnormal and timed-out instances of the day per task; a row opens them. */
export function FailedTasksCard({ daily }: { readonly daily: Daily }) {
  return (
    <Card size="small" title="Tasks that failed most" role="region" aria-label="Tasks that failed most">
      <Table<FailedTask>
        size="small"
        rowKey={(r) => String(r.task_id ?? r.name)}
        pagination={false}
        dataSource={daily.top_failed_tasks}
        locale={{ emptyText }}
        columns={[
          {
            title: 'Task',
            dataIndex: 'name',
            ellipsis: true,
            render: (v: string, r) =>
              r.task_id !== null ? <a href={href(dayInstancesHref(daily, { task_id: r.task_id }))}>{v}</a> : <Typography.Text type="secondary">{v}</Typography.Text>,
          },
          { title: 'Failed', dataIndex: 'failed', width: 80, align: 'right', render: (n: number) => <Typography.Text type="danger">{n}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

/** "Hosts that failed most": the same per host. */
export function FailedHostsCard({ daily }: { readonly daily: Daily }) {
  return (
    <Card size="small" title="Hosts that failed most" role="region" aria-label="Hosts that failed most">
      <Table<FailedHost>
        size="small"
        rowKey={(r) => String(r.host_id ?? r.name)}
        pagination={false}
        dataSource={daily.top_failed_hosts}
        locale={{ emptyText }}
        columns={[
          {
            title: 'Host',
            dataIndex: 'name',
            ellipsis: true,
            render: (v: string | null, r) =>
              r.host_id !== null ? <a href={href(dayInstancesHref(daily, { host_id: r.host_id }))}>{v ?? `#${r.host_id}`}</a> : <Typography.Text type="secondary">{v ?? '(deleted host)'}</Typography.Text>,
          },
          { title: 'Failed', dataIndex: 'failed', width: 80, align: 'right', render: (n: number) => <Typography.Text type="danger">{n}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
