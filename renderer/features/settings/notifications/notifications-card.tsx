import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Channel } from '../../../../shared/domain/alerts';
import { call } from '../../../api/session-call';
import { ErrorAlert } from '../../../components/error-alert';
import { errorMessage } from '../../../lib/errors';
import { useCan } from '../../../stores/session-store';
import { AlertRulesTable } from './alert-rules-table';
import { formatLabels, kindLabels } from './alert-labels';
import { ChannelModal } from './channel-modal';
import { DeliveryLog } from './delivery-log';

/** Settings → Notifications: channels (with a test button), rules for every task, and the delivery log. */
export function NotificationsCard() {
  const canManage = useCan('alerts:write');
  const { message } = App.useApp();
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [logKey, setLogKey] = useState(0);
  const load = (): void => {
    setError(null);
    call('channels.list').then(setChannels, (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, []);
  const test = async (c: Channel): Promise<void> => {
    setTesting(c.id);
    try {
      const d = await call('channels.test', { id: c.id });
      const last = d.attempts.at(-1);
      if (d.state === 'sent') void message.success(`Test sent to ${c.name}${last?.status ? ` (HTTP ${last.status}, ${last.latency_ms} ms)` : ''}`);
      else void message.error(`Test to ${c.name} ${d.state === 'pending' ? 'failed; it will be tried again' : 'failed'}: ${last?.error ?? 'unknown error'}`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setTesting(null);
      setLogKey((k) => k + 1);
    }
  };
  const remove = async (c: Channel): Promise<void> => {
    try {
      await call('channels.delete', { id: c.id });
      load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const channelsTab = (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error ? <ErrorAlert message={error} onRetry={load} /> : null}
      <Table<Channel>
        size="small"
        rowKey="id"
        loading={channels === null && !error}
        dataSource={channels ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: 'No channel yet' }}
        columns={[
          { title: 'Name', dataIndex: 'name', render: (v: string, c) => <>{v} {c.enabled ? null : <Tag>off</Tag>}</> },
          { title: 'Kind', render: (_, c) => (c.webhook_format ? formatLabels[c.webhook_format].replace(/ \(.*\)$/, '') : kindLabels[c.kind]) },
          { title: 'URL', dataIndex: 'url', render: (v: string | null) => (v ? <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 220 }}>{v}</Typography.Text> : '') },
          { title: 'Secret', render: (_, c) => (c.kind !== 'webhook' ? '' : c.secret_set ? <Tag color="success">set</Tag> : <Tag>not set</Tag>) },
          {
            title: '', render: (_, c) => (
              <Space size={4}>
                <Button size="small" icon={<SendOutlined />} loading={testing === c.id} disabled={!canManage} onClick={() => void test(c)}>Send test</Button>
                <Button size="small" type="text" icon={<EditOutlined />} disabled={!canManage} onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`} />
                <Popconfirm title={`Delete ${c.name}?`} description="Its rules and delivery log go with it." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => void remove(c)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={!canManage} aria-label={`Delete ${c.name}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {!canManage ? <Typography.Text type="secondary">Channels are managed by admins and DBAs; you may add alerts to your own tasks on their page.</Typography.Text> : null}
    </Space>
  );
  return (
    <Card size="small" title="Notifications" extra={<Button size="small" icon={<PlusOutlined />} disabled={!canManage} onClick={() => setEditing('new')}>Add channel</Button>}>
      <Tabs
        size="small"
        items={[
          { key: 'channels', label: 'Channels', children: channelsTab },
          { key: 'rules', label: 'Rules for every task', children: <AlertRulesTable taskName={null} canEdit={canManage} channels={channels ?? []} /> },
          { key: 'log', label: 'Delivery log', children: <DeliveryLog refreshKey={logKey} /> },
        ]}
      />
      {editing ? (
        <ChannelModal channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); load(); }} />
      ) : null}
    </Card>
  );
}
