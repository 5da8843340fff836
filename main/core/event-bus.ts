import type { AnyAppEvent, EventMap, EventName } from '../../shared/api/events';
import type { Clock } from './clock';

export type Listener = (event: AnyAppEvent) => void;

/** Typed fan-out of core events to transports (SSE, IPC). Listeners are disposable. */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  constructor(private readonly clock: Clock) {}

  emit<K extends EventName>(type: K, data: EventMap[K]): void {
    const event = { type, data, ts: this.clock.now().toISOString() } as AnyAppEvent;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }

  /** Whether anyone listens: costly event payloads can be skipped when nobody does. */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  onDidEmit(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
