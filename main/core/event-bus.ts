import type { AnyAppEvent, EventMap, EventName } from '../../shared/api/events';
import type { Clock } from './clock';

export type Listener = (event: AnyAppEvent) => void;

/** Where a listener's failure is reported (the core's logger fits). */
export type ListenerErrorLog = (level: 'error', message: string, fields?: Record<string, unknown>) => void;

/** Typed fan-out of core events to transports (SSE, IPC). Listeners are disposable. */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  constructor(
    private readonly clock: Clock,
    private readonly log: ListenerErrorLog,
  ) {}

  emit<K extends EventName>(type: K, data: EventMap[K]): void {
    const event = { type, data, ts: this.clock.now().toISOString() } as AnyAppEvent;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        // One broken subscriber must not stop the others, nor the emitter; it is logged, never swallowed.
        this.log('error', `a listener of ${type} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
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
