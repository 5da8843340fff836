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
import { useSession } from '../../stores/session-store';
import { ButtonReason } from './button-reason';
import { taskButtons } from './task-buttons';
import { useTranslation } from 'react-i18next';

export interface TasksTableProps {
  readonly tasks: readonly Task[];
  readonly loading: boolean;
  readonly canWrite: boolean;
  readonly canRun: boolean;
  readonly empty: ReactNode;
  readonly actions: TaskActions;
}

function RowActions({ task, canWrite, canRun, actions }: { readonly task: Task } & Pick<TasksTableProps, 'canWrite' | 'canRun' | 'actions'>) {
  const { t } = useTranslation();
  const own = useTaskOwnership(task);
  const b = taskButtons(task, useSession((s) => s.user));
  const busy = actions.busy[task.name];
  const started = task.stage === 'Started';
  // Another developer's task: the owner's rule from shared/domain/ownership, said once for the row.
  if ((canWrite || canRun) && !own.manage) return <Typography.Text type="secondary" title={own.reason}>{t('tasks.table.ownedBy', { owner: task.owner })}</Typography.Text>;
  return (
    <Space size={0} wrap>
      {canWrite ? (
        started ? (
          <Button type="link" size="small" loading={busy === 'stop'} onClick={() => void actions.stop(task)}>
            {t('tasks.action.stop')}
          </Button>
        ) : (
          <ButtonReason state={b.start}>
            <Button type="link" size="small" loading={busy === 'start'} disabled={!b.start.enabled} onClick={() => void actions.start(task)}>
              {t('tasks.action.start')}
            </Button>
          </ButtonReason>
        )
      ) : null}
      {canRun ? (
        <ButtonReason state={b.run}>
          <Button type="link" size="small" loading={busy === 'run'} disabled={!b.run.enabled} onClick={() => void actions.runNow(task)}>
            {t('tasks.action.runNow')}
          </Button>
        </ButtonReason>
      ) : null}
      {canWrite ? (
        <>
          <ButtonReason state={b.edit}>
            <Button type="link" size="small" onClick={() => actions.edit(task)}>
              {t('common.action.edit')}
            </Button>
          </ButtonReason>
          <Button type="link" size="small" danger loading={busy === 'delete'} onClick={() => actions.confirmDelete(task)}>
            {t('common.action.delete')}
          </Button>
        </>
      ) : null}
    </Space>
  );
}

/** Tasks with their stage, approval, schedule, next and last run, running count and row actions. */
export function TasksTable(p: TasksTableProps) {
  const { t } = useTranslation();
  const columns: TableProps<Task>['columns'] = [
    {
      title: t('tasks.field.name'),
      dataIndex: 'name',
      width: 160,
      ellipsis: { showTitle: false },
      sorter: (a, b) => a.name.localeCompare(b.name),
      defaultSortOrder: 'ascend',
      render: (_v, task) => (
        // The whole name first (the cell may cut it off), then what the task is for.
        <Tooltip title={<><div>{task.name}</div>{task.description ? <div>{task.description}</div> : null}</>} placement="topLeft">
          <a href={href(`/tasks/${encodeURIComponent(task.name)}`)}>{task.name}</a>
        </Tooltip>
      ),
    },
    { title: t('tasks.field.type'), dataIndex: 'type', width: 96, render: (v: Task['type']) => typeLabel[v] },
    { title: t('tasks.field.stage'), dataIndex: 'stage', width: 140, render: (_v, task) => <TaskStageTag task={task} /> },
    { title: t('tasks.field.schedule'), key: 'schedule', render: (_v, task) => <ScheduleText task={task} /> },
    {
      title: t('tasks.field.nextRun'),
      dataIndex: 'next_run_at',
      width: 90,
      sorter: (a, b) => (a.next_run_at ?? '~').localeCompare(b.next_run_at ?? '~'),
      render: (_v, task) => <NextRunText task={task} />,
    },
    {
      title: t('tasks.field.lastRun'),
      dataIndex: 'last_run_at',
      width: 84,
      sorter: (a, b) => (a.last_run_at ?? '').localeCompare(b.last_run_at ?? ''),
      render: (v: string | null) => <Time relative value={v} />,
    },
    {
      title: t('tasks.field.running'),
      dataIndex: 'running_instances',
      width: 56,
      align: 'right',
      render: (n: number, task) =>
        n > 0 ? (
          <a href={href(`/instances?task=${task.id}&status=1`)} aria-label={t('tasks.table.runningAria', { count: n, name: task.name })}>
            {n}
          </a>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      title: t('tasks.field.tag'),
      dataIndex: 'tag',
      width: 90,
      // A long tag is cut off inside its cell, whole on hover.
      render: (v: string) => (v ? <Tag title={v} style={{ marginInlineEnd: 0, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}>{v}</Tag> : null),
    },
    {
      title: t('tasks.field.actions'),
      key: 'actions',
      // Start, Run now, Edit and Delete on one line.
      width: 216,
      fixed: 'right',
      render: (_v, task) => <RowActions task={task} canWrite={p.canWrite} canRun={p.canRun} actions={p.actions} />,
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
      // Fits the content width at 1280 px with the menu open (1032 px): the schedule takes what the fixed columns leave.
      scroll={{ x: 1030 }}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: p.empty }}
    />
  );
}
