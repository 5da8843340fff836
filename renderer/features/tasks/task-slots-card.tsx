import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { Task } from '../../../shared/domain/tasks';
import { href } from '../../app/hash-route';
import { ErrorAlert } from '../../components/error-alert';
import { useTimeFormat } from '../../components/time-text';
import { formatInZone, slotOutcomeColor } from './task-view';
import { useTaskSlots, type TaskSlot } from './use-task-slots';

/** "Why didn't it run at 03:00?": the task's recent slots, fired, missed or skipped, with the reason. */
export function TaskSlotsCard({ task }: { readonly task: Task }) {
  const version = `${task.stage}|${task.runs_fired}|${task.last_run_at ?? ''}|${task.next_run_at ?? ''}|${task.updated_at}`;
  const { slots, loaded, loading, error, reload } = useTaskSlots(task.name, version);
  const zone = task.frequency.time_zone;
  const format = useTimeFormat();

  return (
    <Card
      size="small"
      title="Recent slots"
      role="region"
      aria-label="Recent slots"
      extra={
        <Tooltip title="Reload">
          <Button size="small" type="text" aria-label="Reload slots" icon={<ReloadOutlined />} loading={loading && loaded} onClick={reload} />
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
              {task.cron_expression ? 'No slots yet: they are recorded as the schedule reaches them while the task is Started.' : 'This task has no schedule; its runs are manual.'}
            </Typography.Text>
          ) : (
            <div style={{ height: 60 }} />
          ),
        }}
        columns={[
          {
            title: `Slot (${zone})`,
            dataIndex: 'slot',
            render: (v: string) => (
              <Tooltip title={format.relative(v)}>
                <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatInZone(v, zone)}</span>
              </Tooltip>
            ),
          },
          { title: 'Outcome', dataIndex: 'outcome', width: 90, render: (v: string) => <Tag color={slotOutcomeColor[v] ?? 'default'} style={{ marginInlineEnd: 0 }}>{v}</Tag> },
          { title: 'Reason', dataIndex: 'reason', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: 'Run', dataIndex: 'run_id', width: 80, render: (v: string | null) => (v ? <a href={href(`/instances?run=${v}`)}>instances</a> : null) },
        ]}
      />
    </Card>
  );
}
