import type { TaskdeckBridge } from './bridge';

/**
 * For the stores' tests: `invoke` stands in as the desktop bridge (`window.taskdeck`), the transport the
 * stores call through; it delivers no events and carries no stream operation.
 */
export function installDesktopBridge(invoke: TaskdeckBridge['invoke']): void {
  const bridge: TaskdeckBridge = { invoke, subscribe: () => () => {}, stream: () => Promise.reject(new Error('no stream operation is used here')) };
  (globalThis as { window?: unknown }).window = { taskdeck: bridge };
}
