import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import type { Task } from '../../../shared/domain/tasks';
import { href } from '../../app/hash-route';
import { approvalText, awaitingApproval } from './task-view';

/** Started (green) or Stopped, and a link to the change request the task waits on, if any. */
export function TaskStageTag({ task }: { readonly task: Pick<Task, 'stage' | 'approval'> }) {
  const waiting = awaitingApproval(task);
  return (
    <Space size={4} wrap>
      <Tooltip title={task.stage === 'Started' ? 'Scheduled: its slots fire' : 'Not scheduled; it may be edited'}>
        <Tag color={task.stage === 'Started' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
          {task.stage}
        </Tag>
      </Tooltip>
      {waiting ? (
        <Tooltip title={`Change request #${waiting.request_id} is ${waiting.state}: the task starts once it is approved and due.`}>
          <a href={href(`/approvals/${waiting.request_id}`)}>
            <Tag color="gold" icon={<ClockCircleOutlined aria-hidden />} style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
              {approvalText(waiting)}
            </Tag>
          </a>
        </Tooltip>
      ) : null}
    </Space>
  );
}
