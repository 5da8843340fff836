import type { OpInput, OpName, OpOutput } from '../../shared/api/contract';
import { api, ApiError } from './client';

let rejected: (() => void) | undefined;

/** Register who hears that the core rejected the session token (the session store). */
export function onSessionRejected(handler: () => void): () => void {
  rejected = handler;
  return () => {
    if (rejected === handler) rejected = undefined;
  };
}

/** `api.call` for signed-in work: a 401 means the session is gone, so the session owner is told before the error is rethrown. */
export async function call<K extends OpName>(name: K, input?: OpInput<K>): Promise<OpOutput<K>> {
  try {
    return await api.call(name, input);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) rejected?.();
    throw err;
  }
}
