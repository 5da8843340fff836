import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Group } from '../../../shared/domain/hosts';
import { href, navigate } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { errorMessage } from '../../lib/errors';
import { groupsStore, useGroups } from '../../stores/groups-store';
import { useCan } from '../../stores/session-store';
import { GroupDetailDrawer } from './group-detail-drawer';
import { GroupFormModal } from './group-form-modal';
import { useTranslation } from 'react-i18next';

/** The groups table; `openId` (from `#/groups/:id`) opens a group's drawer. */
export function GroupsTab({ openId }: { readonly openId: number | undefined }) {
  const { t } = useTranslation();
  const { modal, message, notification } = App.useApp();
  const groups = useGroups((s) => s.groups);
  const loading = useGroups((s) => s.loading);
  const loaded = useGroups((s) => s.loaded);
  const error = useGroups((s) => s.error);
  const canWrite = useCan('groups:write');
  const [editing, setEditing] = useState<{ group: Group | undefined } | null>(null);

  const confirmDelete = (g: Group): void => {
    modal.confirm({
      title: t('groups.delete.title', { name: g.name }),
      content: g.binding_count ? t('groups.delete.bound', { count: g.binding_count }) : t('groups.delete.empty'),
      okText: t('common.action.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await groupsStore.getState().delete(g.id);
          void message.success(t('tasks.actions.deleted', { name: g.name }));
          if (openId === g.id) navigate('/groups');
        } catch (err) {
          notification.error({ message: t('tasks.actions.deleteFailed', { name: g.name }), description: errorMessage(err) });
        }
      },
    });
  };

  return (
    <>
      {error ? <ErrorAlert message={error} onRetry={() => void groupsStore.getState().load()} /> : null}
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: undefined })}>
            {t('groups.add')}
          </Button>
        ) : null}
        <Tooltip title={t('tasks.list.reloadTip')}>
          <Button aria-label={t('common.action.refresh')} icon={<ReloadOutlined />} onClick={() => void groupsStore.getState().load()} />
        </Tooltip>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {t('common.count.groups', { count: groups.length })}
        </Typography.Text>
      </Flex>
      <Table<Group>
        rowKey="id"
        size="small"
        sticky={{ offsetHeader: 48 }}
        loading={loading && !loaded}
        dataSource={groups as Group[]}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, size: 'small' }}
        locale={{
          emptyText: loaded ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('groups.empty')} />
          ) : (
            <div style={{ height: 80 }} />
          ),
        }}
        columns={[
          { title: t('tasks.field.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name), render: (v: string, g) => <a href={href(`/groups/${g.id}`)}>{v}</a> },
          { title: t('taskForm.description'), dataIndex: 'description', ellipsis: true },
          { title: t('tasks.field.tag'), dataIndex: 'tag', width: 120, render: (v: string) => (v ? <Tag>{v}</Tag> : null) },
          {
            title: t('tasks.field.bindings'),
            dataIndex: 'binding_count',
            width: 100,
            align: 'right',
            sorter: (a, b) => a.binding_count - b.binding_count,
            render: (n: number, g) => <a href={href(`/bindings?group=${g.id}`)}>{n}</a>,
          },
          ...(canWrite
            ? [
                {
                  title: t('tasks.field.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_v: unknown, g: Group) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ group: g })}>
                        {t('common.action.edit')}
                      </Button>
                      <Button type="link" size="small" danger onClick={() => confirmDelete(g)}>
                        {t('common.action.delete')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <GroupFormModal group={editing.group} onClose={() => setEditing(null)} /> : null}
      <GroupDetailDrawer groupId={openId} onClose={() => navigate('/groups')} />
    </>
  );
}
