import { InstanceStatus, type Instance } from '../../shared/domain/instances';
import { formatDuration, instanceElapsedMs } from '../lib/duration';
import { useNow } from '../lib/use-now';

/** How long an instance ran; ticks every second while it runs. */
export function DurationText({ instance }: { readonly instance: Pick<Instance, 'status' | 'started_time' | 'created_time' | 'ended_time'> }) {
  const now = useNow(instance.status === InstanceStatus.Running);
  const ms = instanceElapsedMs(instance, now);
  return <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{ms === null ? '—' : formatDuration(ms)}</span>;
}
