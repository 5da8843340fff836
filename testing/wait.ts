import { setTimeout as delay } from 'node:timers/promises';

/**
 * Poll `check` until it gives a value (anything but `undefined` or `false`) and resolve with it:
 * tests wait for a state, never for a fixed time. `what` names the state in the timeout's error.
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(everyMs);
  }
}
