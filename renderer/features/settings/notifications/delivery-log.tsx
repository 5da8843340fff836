import { ReloadOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../../../../shared/domain/alerts';
import { call } from '../../../api/session-call';
import { ErrorAlert } from '../../../components/error-alert';
import { Time } from '../../../components/time-text';
import { errorMessage } from '../../../lib/errors';

const stateColor = { sent: 'success', pending: 'processing', failed: 'error' } as const;

/** The newest deliveries with every attempt: time, HTTP status, latency, error, the start of the answer. */
export function DeliveryLog({ refreshKey }: { readonly refreshKey: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (): void => {
    setError(null);
    call('deliveries.list', { limit: 50 }).then(setRows, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, [refreshKey]);
  return (
    <>
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Table<Delivery>
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={false}
        title={() => <Button size="small" icon={<ReloadOutlined />} onClick={load}>{t('alerts.log.refresh')}</Button>}
        locale={{ emptyText: t('alerts.log.empty') }}
        expandable={{
          expandedRowRender: (d) => (
            <Table
              size="small"
              rowKey="attempt"
              pagination={false}
              dataSource={d.attempts}
              columns={[
                { title: '#', dataIndex: 'attempt', width: 40 },
                { title: t('alerts.log.at'), dataIndex: 'at', render: (v: string) => <Time value={v} /> },
                { title: t('alerts.log.status'), dataIndex: 'status', render: (v: number | null) => v ?? '—' },
                { title: t('alerts.log.latency'), dataIndex: 'latency_ms', render: (v: number) => `${v} ms` },
                { title: t('alerts.log.error'), dataIndex: 'error', render: (v: string | null) => v ?? '' },
                { title: t('alerts.log.answer'), dataIndex: 'response', render: (v: string | null) => (v ? <Typography.Text code ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>{v}</Typography.Text> : '') },
              ]}
            />
          ),
        }}
        columns={[
          // Wide enough for 创建时间 and "5 minutes ago" on one line; the message takes the rest.
          { title: t('alerts.log.created'), dataIndex: 'created_at', width: 110, render: (v: string) => <Time relative value={v} /> },
          { title: t('alerts.log.channel'), dataIndex: 'channel_name' },
          { title: t('alerts.log.message'), dataIndex: 'title' },
          { title: t('alerts.log.state'), render: (_, d) => <Tag color={stateColor[d.state]}>{d.state === 'pending' && d.attempts.length ? t('alerts.log.retrying', { n: d.attempts.length }) : t(`alerts.log.${d.state}`)}</Tag> },
          { title: t('alerts.log.nextTry'), dataIndex: 'next_attempt_at', render: (v: string | null) => (v ? <Time value={v} /> : '') },
        ]}
      />
    </>
  );
}
