/** Something to let go of: a subscription, a timer, a connection. */
export interface Disposable {
  dispose(): void;
}

/** Subscribe to a signal; dispose the result to unsubscribe. */
export type Signal<T> = (listener: (value: T) => void) => Disposable;

/** Where a listener's failure is reported (the core's logger fits). */
export type ListenerErrorLog = (level: 'error', message: string, fields?: Record<string, unknown>) => void;

/**
 * A typed internal signal (VS Code's `Emitter`): a producer owns it and exposes `event` as an
 * `onDidX` member; the composition root subscribes. A listener that throws is logged with the
 * signal's name and never stops the other listeners or the producer.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** `name`: what a failure names, fixed or told by the value (the event bus names each event's type). */
  constructor(private readonly name: string | ((value: T) => string), private readonly log: ListenerErrorLog) {}

  readonly event: Signal<T> = (listener) => {
    // Wrapped so that subscribing the same function twice yields two independent subscriptions.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  };

  /** Whether anyone listens: a costly value can be skipped when nobody does. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        const name = typeof this.name === 'string' ? this.name : this.name(value);
        this.log('error', `a listener of ${name} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
