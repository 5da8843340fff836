import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { Task } from '../../../shared/domain/tasks';
import { href } from '../../app/hash-route';
import { Time } from '../../components/time-text';
import { NextRunText } from './next-run-text';
import { ScheduleText } from './schedule-text';
import { TaskStageTag } from './task-stage-tag';
import { typeLabel } from './task-view';
import type { TaskActions } from './use-task-actions';
import { useTaskOwnership } from './use-task-ownership';

export interface TasksTableProps {
  readonly tasks: readonly Task[];
  readonly loading: boolean;
  readonly canWrite: boolean;
  readonly canRun: boolean;
  readonly empty: ReactNode;
  readonly actions: TaskActions;
}

function RowActions({ task, canWrite, canRun, actions }: { readonly task: Task } & Pick<TasksTableProps, 'canWrite' | 'canRun' | 'actions'>) {
  const own = useTaskOwnership(task);
  const busy = actions.busy[task.name];
  const started = task.stage === 'Started';
  // Another developer's task: the owner's rule from shared/domain/ownership, said once for the row.
  if ((canWrite || canRun) && !own.manage) return <Typography.Text type="secondary" title={own.reason}>owned by {task.owner}</Typography.Text>;
  return (
    <Space size={0} wrap>
      {canWrite ? (
        started ? (
          <Button type="link" size="small" loading={busy === 'stop'} onClick={() => void actions.stop(task)}>
            Stop
          </Button>
        ) : (
          <Button type="link" size="small" loading={busy === 'start'} onClick={() => void actions.start(task)}>
            Start
          </Button>
        )
      ) : null}
      {canRun ? (
        <Button type="link" size="small" loading={busy === 'run'} onClick={() => void actions.runNow(task)}>
          Run now
        </Button>
      ) : null}
      {canWrite ? (
        <>
          <Tooltip title={started ? 'Stop the task to edit it' : undefined}>
            <Button type="link" size="small" onClick={() => actions.edit(task)}>
              Edit
            </Button>
          </Tooltip>
          <Button type="link" size="small" danger loading={busy === 'delete'} onClick={() => actions.confirmDelete(task)}>
            Delete
          </Button>
        </>
      ) : null}
    </Space>
  );
}

/** Tasks with their stage, approval, schedule, next and last run, running count and row actions. */
export function TasksTable(p: TasksTableProps) {
  const columns: TableProps<Task>['columns'] = [
    {
      title: 'Name',
      dataIndex: 'name',
      width: 190,
      ellipsis: { showTitle: false },
      sorter: (a, b) => a.name.localeCompare(b.name),
      defaultSortOrder: 'ascend',
      render: (_v, t) => (
        <Tooltip title={t.description || undefined} placement="topLeft">
          <a href={href(`/tasks/${encodeURIComponent(t.name)}`)}>{t.name}</a>
        </Tooltip>
      ),
    },
    { title: 'Type', dataIndex: 'type', width: 110, render: (v: Task['type']) => typeLabel[v] },
    { title: 'Stage', dataIndex: 'stage', width: 150, render: (_v, t) => <TaskStageTag task={t} /> },
    { title: 'Schedule', key: 'schedule', render: (_v, t) => <ScheduleText task={t} /> },
    {
      title: 'Next run',
      dataIndex: 'next_run_at',
      width: 100,
      sorter: (a, b) => (a.next_run_at ?? '~').localeCompare(b.next_run_at ?? '~'),
      render: (_v, t) => <NextRunText task={t} />,
    },
    {
      title: 'Last run',
      dataIndex: 'last_run_at',
      width: 110,
      sorter: (a, b) => (a.last_run_at ?? '').localeCompare(b.last_run_at ?? ''),
      render: (v: string | null) => <Time relative value={v} />,
    },
    {
      title: 'Running',
      dataIndex: 'running_instances',
      width: 72,
      align: 'right',
      render: (n: number, t) =>
        n > 0 ? (
          <a href={href(`/instances?task=${t.id}&status=1`)} aria-label={`${n} running instance${n === 1 ? '' : 's'} of ${t.name}`}>
            {n}
          </a>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    { title: 'Tag', dataIndex: 'tag', width: 90, render: (v: string) => (v ? <Tag style={{ marginInlineEnd: 0 }}>{v}</Tag> : null) },
    {
      title: 'Actions',
      key: 'actions',
      width: 215,
      fixed: 'right',
      render: (_v, t) => <RowActions task={t} canWrite={p.canWrite} canRun={p.canRun} actions={p.actions} />,
    },
  ];

  return (
    <Table<Task>
      rowKey="id"
      size="small"
      sticky={{ offsetHeader: 48 }}
      columns={columns}
      dataSource={p.tasks as Task[]}
      loading={p.loading}
      scroll={{ x: 1180 }}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: p.empty }}
    />
  );
}
