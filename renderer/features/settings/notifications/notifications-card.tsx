import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/domain/alerts';
import { call } from '../../../api/session-call';
import { ErrorAlert } from '../../../components/error-alert';
import { errorMessage } from '../../../lib/errors';
import { useCan } from '../../../stores/session-store';
import { DesktopPermissionNote } from '../../notifications/desktop-permission-note';
import { AlertRulesTable } from './alert-rules-table';
import { ChannelModal } from './channel-modal';
import { DeliveryLog } from './delivery-log';

/** Settings → Notifications: channels (with a test button), rules for every task, and the delivery log. */
export function NotificationsCard() {
  const canManage = useCan('alerts:write');
  const { message } = App.useApp();
  const { t } = useTranslation();
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
      const error = last?.error ?? t('alerts.card.unknownError');
      if (d.state === 'sent') void message.success(last?.status ? t('alerts.card.testSentHttp', { name: c.name, status: last.status, ms: last.latency_ms }) : t('alerts.card.testSent', { name: c.name }));
      else void message.error(t(d.state === 'pending' ? 'alerts.card.testRetrying' : 'alerts.card.testFailed', { name: c.name, error }));
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
      {channels?.some((c) => c.kind === 'desktop') ? <DesktopPermissionNote /> : null}
      <Table<Channel>
        size="small"
        rowKey="id"
        loading={channels === null && !error}
        dataSource={channels ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('alerts.card.empty') }}
        columns={[
          { title: t('alerts.card.name'), dataIndex: 'name', render: (v: string, c) => <>{v} {c.enabled ? null : <Tag>{t('alerts.card.off')}</Tag>}</> },
          { title: t('alerts.card.kind'), render: (_, c) => (c.webhook_format ? t(`alerts.formatShort.${c.webhook_format}`) : t(`alerts.kind.${c.kind}`)) },
          { title: t('alerts.card.url'), dataIndex: 'url', render: (v: string | null) => (v ? <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 220 }}>{v}</Typography.Text> : '') },
          { title: t('alerts.card.secret'), render: (_, c) => (c.kind !== 'webhook' ? '' : c.secret_set ? <Tag color="success">{t('alerts.channel.set')}</Tag> : <Tag>{t('alerts.channel.notSet')}</Tag>) },
          {
            title: '', render: (_, c) => (
              <Space size={4}>
                <Button size="small" icon={<SendOutlined />} loading={testing === c.id} disabled={!canManage} onClick={() => void test(c)}>{t('alerts.card.sendTest')}</Button>
                <Button size="small" type="text" icon={<EditOutlined />} disabled={!canManage} onClick={() => setEditing(c)} aria-label={t('alerts.card.edit', { name: c.name })} />
                <Popconfirm title={t('alerts.card.deleteConfirm', { name: c.name })} description={t('alerts.card.deleteText')} okText={t('common.action.delete')} okButtonProps={{ danger: true }} onConfirm={() => void remove(c)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={!canManage} aria-label={t('alerts.card.delete', { name: c.name })} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {!canManage ? <Typography.Text type="secondary">{t('alerts.card.readOnly')}</Typography.Text> : null}
    </Space>
  );
  return (
    <Card size="small" title={t('alerts.card.title')} extra={<Button size="small" icon={<PlusOutlined />} disabled={!canManage} onClick={() => setEditing('new')}>{t('alerts.card.addChannel')}</Button>}>
      <Tabs
        size="small"
        items={[
          { key: 'channels', label: t('alerts.card.tabChannels'), children: channelsTab },
          { key: 'rules', label: t('alerts.card.tabRules'), children: <AlertRulesTable taskName={null} canEdit={canManage} channels={channels ?? []} /> },
          { key: 'log', label: t('alerts.card.tabLog'), children: <DeliveryLog refreshKey={logKey} /> },
        ]}
      />
      {editing ? (
        <ChannelModal channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); load(); }} />
      ) : null}
    </Card>
  );
}
