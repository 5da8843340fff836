import { SyncOutlined } from '@ant-design/icons';
import { InstanceStatus, type Instance, type InstanceStatusCode } from '../../shared/domain/instances';
import { StatusTag } from './status-tag';

const colors: Record<InstanceStatusCode, string> = { 1: 'processing', 2: 'success', 3: 'error', 4: 'orange', 5: 'default', 81: 'purple' };

/** Running (blue, spinning), Finished, Abnormal, Timeout, Cancelled, Unknown; the code name (AbnormalEnding …) in the tooltip. */
export function InstanceStatusTag({ instance }: { readonly instance: Pick<Instance, 'status' | 'status_name'> }) {
  const running = instance.status === InstanceStatus.Running;
  return <StatusTag kind="instance" code={instance.status} codeName={instance.status_name} color={colors[instance.status] ?? 'default'} icon={running ? <SyncOutlined spin /> : undefined} />;
}
