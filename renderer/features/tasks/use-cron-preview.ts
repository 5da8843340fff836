import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';

export type CronPreviewResult = OpOutput<'tasks.cron-preview'>;

export interface CronPreviewState {
  readonly result: CronPreviewResult | null;
  /** The call itself failed (not an invalid expression: that is `result.error`). */
  readonly error: string | null;
  readonly loading: boolean;
}

/** The core's reading of a cron expression in a zone, asked `delayMs` after the last keystroke; older answers are dropped. */
export function useCronPreview(expression: string, timeZone: string, count = 5, delayMs = 300): CronPreviewState {
  const [state, setState] = useState<CronPreviewState>({ result: null, error: null, loading: false });
  const expr = expression.trim();

  useEffect(() => {
    if (!expr || !timeZone) {
      setState({ result: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const t = setTimeout(() => {
      call('tasks.cron-preview', { cron_expression: expr, time_zone: timeZone, count })
        .then((result) => live && setState({ result, error: null, loading: false }))
        .catch((err: unknown) => live && setState({ result: null, error: errorMessage(err), loading: false }));
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [expr, timeZone, count, delayMs]);

  return state;
}
