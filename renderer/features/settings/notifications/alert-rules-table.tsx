import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertEvents, type AlertEvent, type AlertRule, type Channel } from '../../../../shared/domain/alerts';
import { call } from '../../../api/session-call';
import { ErrorAlert } from '../../../components/error-alert';
import { errorMessage } from '../../../lib/errors';

/** Rules of one task (`taskName`) or of the workspace (null): which events go to which channel. */
export function AlertRulesTable({ taskName, canEdit, channels }: { readonly taskName: string | null; readonly canEdit: boolean; readonly channels: readonly Channel[] }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [channelId, setChannelId] = useState<number | undefined>();
  const [events, setEvents] = useState<AlertEvent[]>(['failure', 'timeout', 'retries_exhausted']);
  const load = (): void => {
    setError(null);
    call('alert-rules.list', taskName === null ? {} : { task_name: taskName }).then((rs) => setRules(rs.filter((r) => r.task_name === taskName)), (err: unknown) => setError(errorMessage(err)));
  };
  useEffect(load, [taskName]);
  const act = async (fn: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await fn();
      load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const add = (): Promise<void> => act(() => call('alert-rules.create', { channel_id: channelId!, task_name: taskName, events }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error ? <ErrorAlert title={t('alerts.notSaved')} message={error} onRetry={load} /> : null}
      <Table<AlertRule>
        size="small"
        rowKey="id"
        loading={rules === null && !error}
        dataSource={rules ?? []}
        pagination={false}
        locale={{ emptyText: taskName === null ? t('alerts.rules.emptyWorkspace') : t('alerts.rules.emptyTask') }}
        columns={[
          { title: t('alerts.rules.channel'), dataIndex: 'channel_name' },
          { title: t('alerts.rules.on'), render: (_, r) => r.events.map((e) => <Tag key={e}>{t(`alerts.event.${e}`)}</Tag>) },
          { title: t('alerts.rules.onOff'), width: 80, render: (_, r) => <Switch size="small" checked={r.enabled} disabled={!canEdit} onChange={(enabled) => void act(() => call('alert-rules.update', { id: r.id, enabled }))} /> },
          {
            title: '', width: 48, render: (_, r) => (
              <Popconfirm title={t('alerts.rules.deleteConfirm')} okText={t('common.action.delete')} okButtonProps={{ danger: true }} onConfirm={() => void act(() => call('alert-rules.delete', { id: r.id }))}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={!canEdit} aria-label={t('alerts.rules.delete')} />
              </Popconfirm>
            ),
          },
        ]}
      />
      {canEdit ? (
        <Space wrap align="start">
          <Select
            style={{ minWidth: 200 }}
            placeholder={t('alerts.rules.channel')}
            value={channelId}
            onChange={setChannelId}
            options={channels.map((c) => ({ value: c.id, label: `${c.name} (${t(`alerts.kind.${c.kind}`)})`, disabled: !c.enabled }))}
            notFoundContent={<Typography.Text type="secondary">{t('alerts.rules.noChannels')}</Typography.Text>}
          />
          <Checkbox.Group value={events} onChange={(v) => setEvents(v as AlertEvent[])} options={alertEvents.map((e) => ({ value: e, label: t(`alerts.event.${e}`) }))} />
          <Button icon={<PlusOutlined />} disabled={channelId === undefined || events.length === 0} onClick={() => void add()}>{t('alerts.rules.add')}</Button>
        </Space>
      ) : null}
    </Space>
  );
}
