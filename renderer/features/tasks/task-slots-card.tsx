import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { Task } from '../../../shared/domain/tasks';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { useTimeFormat } from '../../components/time-text';
import { formatInZone, slotOutcomeColor } from './task-view';
import { useTaskSlots, type TaskSlot } from './use-task-slots';
import { useTranslation } from 'react-i18next';

/** "Why didn't it run at 03:00?": the task's recent slots, fired, missed or skipped, with the reason. */
export function TaskSlotsCard({ task }: { readonly task: Task }) {
  const { t } = useTranslation();
  const version = `${task.stage}|${task.runs_fired}|${task.last_run_at ?? ''}|${task.next_run_at ?? ''}|${task.updated_at}`;
  const { slots, loaded, loading, error, reload } = useTaskSlots(task.name, version);
  const zone = task.frequency.time_zone;
  const format = useTimeFormat();

  return (
    <Card
      size="small"
      title={t('tasks.slots.title')}
      role="region"
      aria-label={t('tasks.slots.title')}
      extra={
        <Tooltip title={t('common.action.refresh')}>
          <Button size="small" type="text" aria-label={t('tasks.slots.reload')} icon={<ReloadOutlined />} loading={loading && loaded} onClick={reload} />
        </Tooltip>
      }
    >
      {error ? <ErrorAlert message={error} onRetry={reload} /> : null}
      <Table<TaskSlot>
        size="small"
        rowKey="slot"
        loading={loading && !loaded}
        dataSource={slots as TaskSlot[]}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true, size: 'small' }}
        locale={{
          emptyText: loaded ? (
            <Typography.Text type="secondary">
              {task.cron_expression ? t('tasks.slots.empty') : t('tasks.slots.noSchedule')}
            </Typography.Text>
          ) : (
            <div style={{ height: 60 }} />
          ),
        }}
        columns={[
          {
            title: t('tasks.slots.slot', { zone }),
            dataIndex: 'slot',
            render: (v: string) => (
              <Tooltip title={format.relative(v)}>
                <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatInZone(v, zone)}</span>
              </Tooltip>
            ),
          },
          { title: t('tasks.slots.outcome'), dataIndex: 'outcome', width: 90, render: (v: string) => <Tag color={slotOutcomeColor[v] ?? 'default'} style={{ marginInlineEnd: 0 }}>{t(`tasks.slots.outcomes.${v}`, { defaultValue: v })}</Tag> },
          { title: t('tasks.slots.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: t('tasks.slots.run'), dataIndex: 'run_id', width: 80, render: (v: string | null) => (v ? <a href={href(`/instances?run=${v}`)}>{t('tasks.slots.instances')}</a> : null) },
        ]}
      />
    </Card>
  );
}
