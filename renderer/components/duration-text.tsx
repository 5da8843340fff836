import { InstanceStatus, type Instance } from '../../shared/domain/instances';
import { instanceElapsedMs } from '../lib/duration';
import { formatDuration } from '../lib/time-format';
import { useNow } from '../lib/use-now';
import { useTimeStyle } from '../lib/time-style';

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** A duration in the one format (`formatDuration`), in the user's language; "—" for none. */
export function Duration({ ms }: { readonly ms: number | null }) {
  const { language } = useTimeStyle();
  return <span style={num}>{ms === null ? '—' : formatDuration(ms, language)}</span>;
}

/** How long an instance ran; ticks every second while it runs. */
export function DurationText({ instance }: { readonly instance: Pick<Instance, 'status' | 'started_time' | 'created_time' | 'ended_time'> }) {
  const now = useNow(instance.status === InstanceStatus.Running);
  return <Duration ms={instanceElapsedMs(instance, now)} />;
}
