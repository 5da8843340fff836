import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpOutput } from '../../../shared/api/contract';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';

export type TaskSlot = OpOutput<'tasks.slots'>[number];

export interface TaskSlotsState {
  readonly slots: readonly TaskSlot[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  readonly reload: () => void;
}

/** A task's recent schedule slots, reloaded whenever `version` changes (the task fired, stopped, or was rescheduled). */
export function useTaskSlots(name: string, version: string): TaskSlotsState {
  const [state, setState] = useState<Omit<TaskSlotsState, 'reload'>>({ slots: [], loaded: false, loading: false, error: null });
  const seq = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    call('tasks.slots', { name })
      .then((slots) => mine === seq.current && setState({ slots, loaded: true, loading: false, error: null }))
      .catch((err: unknown) => mine === seq.current && setState((s) => ({ ...s, loading: false, error: errorMessage(err) })));
  }, [name]);

  useEffect(() => {
    reload();
  }, [reload, version]);
  useEffect(
    () => () => {
      seq.current++; // answers after unmount are dropped
    },
    [],
  );

  return { ...state, reload };
}
