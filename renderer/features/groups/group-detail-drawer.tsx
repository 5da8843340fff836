import { PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Binding } from '../../../shared/domain/hosts';
import { href } from '../../app/hash-route';
import { useBindings } from '../../stores/bindings-store';
import { useGroups } from '../../stores/groups-store';
import { useCan } from '../../stores/session-store';
import { BindingFormModal } from './binding-form-modal';
import { useTranslation } from 'react-i18next';

/** One group and the hosts bound to it (`#/groups/:id`). */
export function GroupDetailDrawer({ groupId, onClose }: { readonly groupId: number | undefined; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const group = useGroups((s) => s.groups.find((g) => g.id === groupId));
  const loaded = useGroups((s) => s.loaded);
  const all = useBindings((s) => s.bindings);
  const canWrite = useCan('groups:write');
  const [adding, setAdding] = useState(false);
  const rows = all.filter((b) => b.group_id === groupId);

  return (
    <Drawer open={groupId !== undefined} title={group ? t('groups.detail.title', { name: group.name }) : t('hosts.bindings.group')} width={560} onClose={onClose}>
      {group ? (
        <>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'd', label: t('taskForm.description'), children: group.description || <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text> },
              { key: 't', label: t('tasks.field.tag'), children: group.tag ? <Tag>{group.tag}</Tag> : <Typography.Text type="secondary">{t('common.value.none')}</Typography.Text> },
              { key: 'n', label: t('tasks.field.bindings'), children: group.binding_count },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('groups.detail.bound')}
          </Typography.Title>
          {canWrite ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 8 }}>
              {t('groups.binding.add')}
            </Button>
          ) : null}
          <Table<Binding>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: t('groups.detail.none') }}
            columns={[
              { title: t('hosts.bindings.binding'), dataIndex: 'name' },
              {
                title: t('instances.field.host'),
                dataIndex: 'executor_name',
                render: (v: string, b) => (
                  <>
                    <a href={href(`/hosts/${b.executor_id}`)}>{v}</a> <Typography.Text type="secondary">{b.executor_host}</Typography.Text>
                  </>
                ),
              },
              { title: t('hosts.bindings.weight'), dataIndex: 'weight', align: 'right', width: 70 },
            ]}
          />
          {adding ? <BindingFormModal binding={undefined} groupId={group.id} onClose={() => setAdding(false)} /> : null}
        </>
      ) : loaded ? (
        <Result status="404" title={t('groups.detail.notFound')} subTitle={t('groups.detail.notFoundText', { id: groupId })} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
