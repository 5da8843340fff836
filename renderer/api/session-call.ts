import type { OpInput, OpName, OpOutput, StreamOpName } from '../../shared/api/contract';
import { api, ApiError } from './client';

let rejected: (() => void) | undefined;

/** Register who hears that the core rejected the session token (the session store). */
export function onSessionRejected(handler: () => void): () => void {
  rejected = handler;
  return () => {
    if (rejected === handler) rejected = undefined;
  };
}

/** Signed-in work: a 401 means the session is gone, so the session owner is told before the error is rethrown. */
async function signedIn<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) rejected?.();
    throw err;
  }
}

/** `api.call` for signed-in work. */
export function call<K extends OpName>(name: K, input?: OpInput<K>): Promise<OpOutput<K>> {
  return signedIn(() => api.call(name, input));
}

/** `api.stream` for signed-in work. */
export function stream<K extends StreamOpName>(name: K, input: OpInput<K>, onChunk: (text: string) => void | Promise<void>): Promise<void> {
  return signedIn(() => api.stream(name, input, onChunk));
}
