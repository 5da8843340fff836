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

/** All bindings of hosts to groups; `groupId` (from `#/bindings?group=`) filters. */
export function BindingsTab({ groupId }: { readonly groupId: number | undefined }) {
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
      title: `Delete binding ${b.name}?`,
      content: `${b.executor_name} is no longer part of ${b.group_name}; tasks that target this binding lose this host.`,
      okText: 'Delete',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await bindingsStore.getState().delete(b.id);
          void message.success(`Deleted ${b.name}`);
        } catch (err) {
          notification.error({ message: `${b.name} was not deleted`, description: errorMessage(err) });
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
            Add binding
          </Button>
        ) : null}
        <Select<number>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="All groups"
          aria-label="Filter by group"
          value={groupId}
          onChange={(v) => navigate(v ? `/bindings?group=${v}` : '/bindings')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
          style={{ width: 220 }}
        />
        <Tooltip title="Reload from the core">
          <Button aria-label="Refresh" icon={<ReloadOutlined />} onClick={() => void bindingsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {rows.length} binding{rows.length === 1 ? '' : 's'}
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
          emptyText: loaded ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No bindings. Bind a host to a group so tasks can target it." /> : <div style={{ height: 80 }} />,
        }}
        columns={[
          { title: 'Name', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: 'Group', dataIndex: 'group_name', sorter: (a, b) => a.group_name.localeCompare(b.group_name), render: (v: string, b) => <a href={href(`/groups/${b.group_id}`)}>{v}</a> },
          {
            title: 'Host',
            dataIndex: 'executor_name',
            render: (v: string, b) => (
              <>
                <a href={href(`/hosts/${b.executor_id}`)}>{v}</a> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.executor_host}</Typography.Text>
              </>
            ),
          },
          { title: 'Weight', dataIndex: 'weight', width: 90, align: 'right', sorter: (a, b) => a.weight - b.weight },
          ...(canWrite
            ? [
                {
                  title: 'Actions',
                  key: 'actions',
                  width: 120,
                  render: (_v: unknown, b: Binding) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ binding: b })}>
                        Edit
                      </Button>
                      <Button type="link" size="small" danger onClick={() => confirmDelete(b)}>
                        Delete
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
