import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Instance } from '../../../shared/domain/instances';
import type { Task } from '../../../shared/domain/tasks';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { InstancesTable } from '../instances/instances-table';
import { instancesStore, useInstances } from '../../stores/instances-store';
import { useTranslation } from 'react-i18next';

const PER_PAGE = 20;

/** The task's instances, newest first; new ones appear live (the instances store puts them on top of page 1). */
export function TaskInstancesCard({ task }: { readonly task: Task }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PER_PAGE);
  const list = useInstances((s) => s.list);
  const mine = list.query?.task_id === task.id;
  const rows = useInstances(useShallow((s) => (s.list.query?.task_id === task.id ? s.list.ids.map((id) => s.byId[id]).filter((i): i is Instance => Boolean(i)) : [])));

  useEffect(() => {
    void instancesStore.getState().loadList({ task_id: task.id, page, per_page: perPage });
  }, [task.id, page, perPage]);

  return (
    <Card
      size="small"
      title={t('tasks.instances.title')}
      role="region"
      aria-label={t('tasks.instances.aria')}
      extra={
        <Space size={4}>
          <Tooltip title={t('common.action.refresh')}>
            <Button size="small" type="text" aria-label={t('tasks.instances.reload')} icon={<ReloadOutlined />} loading={mine && list.loading && list.loaded} onClick={() => void instancesStore.getState().reloadList()} />
          </Tooltip>
          <a href={href(`/instances?task=${task.id}`)}>{t('tasks.instances.all')}</a>
        </Space>
      }
    >
      {mine && list.error ? <ErrorAlert message={list.error} onRetry={() => void instancesStore.getState().reloadList()} /> : null}
      <InstancesTable
        rows={rows}
        total={mine ? list.total : 0}
        page={page}
        perPage={perPage}
        loading={!mine || list.loading}
        empty={
          mine && list.loaded ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={task.stage === 'Started' ? t('tasks.instances.emptyStarted') : t('tasks.instances.emptyStopped')} />
          ) : (
            <div style={{ height: 80 }} />
          )
        }
        onPage={(p, size) => {
          setPerPage(size);
          setPage(size === perPage ? p : 1);
        }}
      />
    </Card>
  );
}
