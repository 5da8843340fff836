import { Card, Table, Typography } from 'antd';
import type { Daily } from '../../../shared/domain/dashboard';
import { href } from '../../app/hash-route';
import { dayInstancesHref } from './dashboard-model';
import { useTranslation } from 'react-i18next';

type FailedTask = Daily['top_failed_tasks'][number];
type FailedHost = Daily['top_failed_hosts'][number];


/** "Tasks that failed most": abnormal and timed-out instances of the day per task; a row opens them. */
export function FailedTasksCard({ daily }: { readonly daily: Daily }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('dashboard.failedTasks')} role="region" aria-label={t('dashboard.failedTasks')}>
      <Table<FailedTask>
        size="small"
        rowKey={(r) => String(r.task_id ?? r.name)}
        pagination={false}
        dataSource={daily.top_failed_tasks}
        locale={{ emptyText: <Typography.Text type="secondary">{t('dashboard.nothingFailed')}</Typography.Text> }}
        columns={[
          {
            title: t('instances.field.task'),
            dataIndex: 'name',
            ellipsis: true,
            render: (v: string, r) =>
              r.task_id !== null ? <a href={href(dayInstancesHref(daily, { task_id: r.task_id }))}>{v}</a> : <Typography.Text type="secondary">{v}</Typography.Text>,
          },
          { title: t('dashboard.failed'), dataIndex: 'failed', width: 80, align: 'right', render: (n: number) => <Typography.Text type="danger">{n}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

/** "Hosts that failed most": the same per host. */
export function FailedHostsCard({ daily }: { readonly daily: Daily }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('dashboard.failedHosts')} role="region" aria-label={t('dashboard.failedHosts')}>
      <Table<FailedHost>
        size="small"
        rowKey={(r) => String(r.host_id ?? r.name)}
        pagination={false}
        dataSource={daily.top_failed_hosts}
        locale={{ emptyText: <Typography.Text type="secondary">{t('dashboard.nothingFailed')}</Typography.Text> }}
        columns={[
          {
            title: t('instances.field.host'),
            dataIndex: 'name',
            ellipsis: true,
            render: (v: string | null, r) =>
              r.host_id !== null ? <a href={href(dayInstancesHref(daily, { host_id: r.host_id }))}>{v ?? `#${r.host_id}`}</a> : <Typography.Text type="secondary">{v ?? t('dashboard.deletedHost')}</Typography.Text>,
          },
          { title: t('dashboard.failed'), dataIndex: 'failed', width: 80, align: 'right', render: (n: number) => <Typography.Text type="danger">{n}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
