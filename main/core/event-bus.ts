import type { AnyAppEvent, EventMap, EventName } from '../../shared/api/events';
import type { Clock } from './clock';
import { type Disposable, Emitter, type ListenerErrorLog } from './emitter';

export type Listener = (event: AnyAppEvent) => void;

export type { ListenerErrorLog } from './emitter';

/** Typed fan-out of core events to transports (SSE, IPC). Listeners are disposable; one that throws is logged with the event's type. */
export class EventBus {
  private readonly emitter: Emitter<AnyAppEvent>;

  constructor(
    private readonly clock: Clock,
    log: ListenerErrorLog,
  ) {
    this.emitter = new Emitter<AnyAppEvent>((event) => event.type, log);
  }

  emit<K extends EventName>(type: K, data: EventMap[K]): void {
    this.emitter.fire({ type, data, ts: this.clock.now().toISOString() } as AnyAppEvent);
  }

  /** Whether anyone listens: costly event payloads can be skipped when nobody does. */
  get listening(): boolean {
    return this.emitter.hasListeners;
  }

  onDidEmit(listener: Listener): Disposable {
    return this.emitter.event(listener);
  }
}
