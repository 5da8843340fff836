import { instanceErrorText } from '../../../shared/domain/instance-error-words';
import { InstanceStatus, type InstanceStatusCode } from '../../../shared/domain/instances';

/** How a run's channel ended, as the executor saw it. */
export type PumpOutcome =
  /** `reusable`: the channel stayed open, ready for another command. */
  | { kind: 'exit'; code: number; reusable?: boolean }
  | { kind: 'lost' }
  | { kind: 'error'; message: string }
  | { kind: 'closed'; message: string };

export type StopReason = 'cancel' | 'timeout' | 'limit';

export interface Ending {
  readonly status: InstanceStatusCode;
  readonly exit_code?: number | null;
  readonly signal?: string | null;
  readonly error?: string | null;
}

const stopStatus: Record<StopReason, InstanceStatusCode> = { cancel: InstanceStatus.ManualCancellation, timeout: InstanceStatus.TimeoutEnding, limit: InstanceStatus.AbnormalEnding };
const signalNames: Record<number, string> = { 1: 'HUP', 2: 'INT', 3: 'QUIT', 6: 'ABRT', 9: 'KILL', 11: 'SEGV', 13: 'PIPE', 14: 'ALRM', 15: 'TERM' };

/**
 * The status an instance ends with. Our own stop (cancel, timeout, log limit) wins over how the
 * channel ended; a shell's 128+N exit is reported as signal N. `null`: the instance stays Running
 * (a detached run outlives a shutdown and is re-attached at the next start).
 */
export function ending(o: {
  outcome: PumpOutcome;
  mode: 'tied' | 'detached';
  reason: StopReason | null;
  shuttingDown: boolean;
  timeoutSeconds: number;
  logLimitBytes: number;
  recordedError: string | null;
}): Ending | null {
  const { outcome, mode, reason } = o;
  if (o.shuttingDown && !reason) {
    return mode === 'tied' ? { status: InstanceStatus.AbnormalEnding, error: instanceErrorText('shutDownTied') } : null;
  }
  if (reason) {
    const why = { cancel: instanceErrorText('cancelledByAUser'), timeout: instanceErrorText('timedOut', { seconds: o.timeoutSeconds }), limit: instanceErrorText('logLimit', { bytes: o.logLimitBytes }) }[reason];
    return { status: stopStatus[reason], exit_code: outcome.kind === 'exit' ? outcome.code : null, error: o.recordedError ?? why };
  }
  switch (outcome.kind) {
    case 'exit': {
      const signal = outcome.code > 128 && outcome.code <= 192 ? (signalNames[outcome.code - 128] ?? String(outcome.code - 128)) : null;
      const error = outcome.code === 0 ? null : signal ? instanceErrorText('killedBy', { signal }) : instanceErrorText('exitCode', { code: outcome.code });
      return { status: outcome.code === 0 ? InstanceStatus.Finished : InstanceStatus.AbnormalEnding, exit_code: outcome.code, signal, error };
    }
    case 'lost':
      return { status: InstanceStatus.Unknown, error: instanceErrorText('goneFromHost') };
    case 'closed':
      return mode === 'tied'
        ? { status: InstanceStatus.AbnormalEnding, error: `${outcome.message}; a tied run ends with its connection` }
        : { status: InstanceStatus.Unknown, error: `${outcome.message}; could not re-attach` };
    case 'error':
      return { status: InstanceStatus.AbnormalEnding, error: outcome.message };
  }
}
