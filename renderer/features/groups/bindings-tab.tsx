import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Binding } from '../../../shared/domain/hosts';
import { href, navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage } from '../../lib/errors';
import { bindingsStore, useBindings } from '../../stores/bindings-store';
import { useGroups } from '../../stores/groups-store';
import { useCan } from '../../stores/session-store';
import { BindingFormModal } from './binding-form-modal';
import { useTranslation } from 'react-i18next';

/** All bindings of hosts to groups; `groupId` (from `#/bindings?group=`) filters. */
export function BindingsTab({ groupId }: { readonly groupId: number | undefined }) {
  const { t } = useTranslation();
  const { modal, message, notification } = App.useApp();
  const bindings = useBindings((s) => s.bindings);
  const loading = useBindings((s) => s.loading && !s.loaded);
  const loaded = useBindings((s) => s.loaded);
  const error = useBindings((s) => s.error);
  const groups = useGroups((s) => s.groups);
  const canWrite = useCan('groups:write');
  const [editing, setEditing] = useState<{ binding: Binding | undefined } | null>(null);
  const rows = groupId ? bindings.filter((b) => b.group_id === groupId) : bindings;

  const confirmDelete = (b: Binding): void => {
    modal.confirm({
      title: t('groups.binding.deleteTitle', { name: b.name }),
      content: t('groups.binding.deleteText', { host: b.executor_name, group: b.group_name }),
      okText: t('common.action.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await bindingsStore.getState().delete(b.id);
          void message.success(t('tasks.actions.deleted', { name: b.name }));
        } catch (err) {
          notification.error({ message: t('tasks.actions.deleteFailed', { name: b.name }), description: errorMessage(err) });
        }
      },
    });
  };

  return (
    <>
      {error ? <ErrorAlert message={error} onRetry={() => void bindingsStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ binding: undefined })}>
            {t('groups.binding.add')}
          </Button>
        ) : null}
        <Select<number>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('groups.binding.allGroups')}
          aria-label={t('groups.binding.filter')}
          value={groupId}
          onChange={(v) => navigate(v ? `/bindings?group=${v}` : '/bindings')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
          style={{ width: 220 }}
        />
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} onClick={() => void bindingsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {t('common.count.bindings', { count: rows.length })}
        </Typography.Text>
      </Flex>
      <Table<Binding>
        rowKey="id"
        size="small"
        sticky={{ offsetHeader: 48 }}
        loading={loading}
        dataSource={rows as Binding[]}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, size: 'small' }}
        locale={{
          emptyText: loaded ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('groups.binding.empty')} /> : <div style={{ height: 80 }} />,
        }}
        columns={[
          { title: t('tasks.field.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: t('hosts.bindings.group'), dataIndex: 'group_name', sorter: (a, b) => a.group_name.localeCompare(b.group_name), render: (v: string, b) => <a href={href(`/groups/${b.group_id}`)}>{v}</a> },
          {
            title: t('instances.field.host'),
            dataIndex: 'executor_name',
            render: (v: string, b) => (
              <>
                <a href={href(`/hosts/${b.executor_id}`)}>{v}</a> <Typography.Text type="secondary">{b.executor_host}</Typography.Text>
              </>
            ),
          },
          { title: t('hosts.bindings.weight'), dataIndex: 'weight', width: 90, align: 'right', sorter: (a, b) => a.weight - b.weight },
          ...(canWrite
            ? [
                {
                  title: t('tasks.field.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_v: unknown, b: Binding) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ binding: b })}>
                        {t('common.action.edit')}
                      </Button>
                      <Button type="link" size="small" danger onClick={() => confirmDelete(b)}>
                        {t('common.action.delete')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <BindingFormModal binding={editing.binding} groupId={groupId} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
