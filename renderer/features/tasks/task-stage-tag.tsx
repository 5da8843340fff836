import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import type { Task } from '../../../shared/domain/tasks';
import { href } from '../../app/hash-route';
import { StatusTag } from '../../components/status-tag';
import { statusWord } from '../../lib/status-words';
import { approvalText, awaitingApproval } from './task-view';
import { useTranslation } from 'react-i18next';

/** Started (green) or Stopped, and a link to the change request the task waits on, if any. */
export function TaskStageTag({ task }: { readonly task: Pick<Task, 'stage' | 'approval'> }) {
  const { t } = useTranslation();
  const waiting = awaitingApproval(task);
  return (
    <Space size={4} wrap>
      <StatusTag kind="stage" code={task.stage} color={task.stage === 'Started' ? 'green' : 'default'} />
      {waiting ? (
        <Tooltip title={t('tasks.approval.waitingTip', { id: waiting.request_id, state: statusWord('request', waiting.state) })}>
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
