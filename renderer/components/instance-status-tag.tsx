import { SyncOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { InstanceStatus, type Instance, type InstanceStatusCode } from '../../shared/domain/instances';

const colors: Record<InstanceStatusCode, string> = { 1: 'processing', 2: 'success', 3: 'error', 4: 'orange', 5: 'default', 81: 'purple' };

const meaning: Record<InstanceStatusCode, string> = {
  1: 'Running on the host now.',
  2: 'Ended with exit code 0.',
  3: 'Ended with a non-zero exit code, a signal, or an error.',
  4: 'Ended because its timeout was reached.',
  5: 'Cancelled by a user.',
  81: 'Its outcome is not known (a detached run that could not be re-attached).',
};

/** Running (blue, spinning), Finished, AbnormalEnding, TimeoutEnding, ManualCancellation, Unknown. */
export function InstanceStatusTag({ instance }: { readonly instance: Pick<Instance, 'status' | 'status_name'> }) {
  const running = instance.status === InstanceStatus.Running;
  return (
    <Tooltip title={meaning[instance.status]}>
      <Tag color={colors[instance.status] ?? 'default'} icon={running ? <SyncOutlined spin /> : undefined} style={{ marginInlineEnd: 0 }}>
        {instance.status_name}
      </Tag>
    </Tooltip>
  );
}
