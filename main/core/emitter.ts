import type { Logger } from './logger';

/** Something to let go of: a subscription, a timer, a connection. */
export interface Disposable {
  dispose(): void;
}

/** Subscribe to a signal; dispose the result to unsubscribe. */
export type Signal<T> = (listener: (value: T) => void) => Disposable;

/**
 * A typed internal signal (VS Code's `Emitter`): a producer owns it and exposes `event` as an
 * `onDidX` member; the composition root subscribes. A listener that throws is logged with the
 * signal's name and never stops the other listeners or the producer.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly name: string, private readonly log: Logger) {}

  readonly event: Signal<T> = (listener) => {
    // Wrapped so that subscribing the same function twice yields two independent subscriptions.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        this.log('error', `a listener of ${this.name} failed`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
