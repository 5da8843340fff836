import { PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Binding } from '../../../shared/domain/hosts';
import { href } from '../../app/hash-route';
import { useBindings } from '../../stores/bindings-store';
import { useGroups } from '../../stores/groups-store';
import { useCan } from '../../stores/session-store';
import { BindingFormModal } from './binding-form-modal';

/** One group and the hosts bound to it (`#/groups/:id`). */
export function GroupDetailDrawer({ groupId, onClose }: { readonly groupId: number | undefined; readonly onClose: () => void }) {
  const group = useGroups((s) => s.groups.find((g) => g.id === groupId));
  const loaded = useGroups((s) => s.loaded);
  const all = useBindings((s) => s.bindings);
  const canWrite = useCan('groups:write');
  const [adding, setAdding] = useState(false);
  const rows = all.filter((b) => b.group_id === groupId);

  return (
    <Drawer open={groupId !== undefined} title={group ? `Group ${group.name}` : 'Group'} width={560} onClose={onClose}>
      {group ? (
        <>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'd', label: 'Description', children: group.description || <Typography.Text type="secondary">none</Typography.Text> },
              { key: 't', label: 'Tag', children: group.tag ? <Tag>{group.tag}</Tag> : <Typography.Text type="secondary">none</Typography.Text> },
              { key: 'n', label: 'Bindings', children: group.binding_count },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            Bound hosts
          </Typography.Title>
          {canWrite ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 8 }}>
              Add binding
            </Button>
          ) : null}
          <Table<Binding>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: 'No hosts bound yet.' }}
            columns={[
              { title: 'Binding', dataIndex: 'name' },
              {
                title: 'Host',
                dataIndex: 'executor_name',
                render: (v: string, b) => (
                  <>
                    <a href={href(`/hosts/${b.executor_id}`)}>{v}</a> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.executor_host}</Typography.Text>
                  </>
                ),
              },
              { title: 'Weight', dataIndex: 'weight', align: 'right', width: 70 },
            ]}
          />
          {adding ? <BindingFormModal binding={undefined} groupId={group.id} onClose={() => setAdding(false)} /> : null}
        </>
      ) : loaded ? (
        <Result status="404" title="Group not found" subTitle={`There is no group #${groupId}; it may have been deleted.`} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
