/**
 * Shares the event loop between output streams. Handling output gets `sliceMs` per turn of the
 * loop; a stream that gets data after that pauses and waits in line. Next turn the line is
 * served in order, one stream at a time, until the slice is used again — so timers, the UI and
 * every host get their share while hundreds of hosts stream at full speed.
 */
export class TurnBudget {
  private turnStart = -1;
  private readonly waiting: (() => void)[] = [];
  /** Streams resumed in this turn with nothing to handle yet (their data comes with the next poll). */
  private emptyResumes = 0;

  constructor(
    private readonly sliceMs: number,
    private readonly emptyResumesPerTurn = 16,
  ) {}

  /** Call after handling a chunk. True when this turn is used up: pause; `resume` is called in a later turn. */
  spent(resume: () => void): boolean {
    const now = performance.now();
    if (this.turnStart < 0) {
      this.turnStart = now;
      setImmediate(this.nextTurn);
    }
    if (now - this.turnStart < this.sliceMs) return false;
    this.waiting.push(resume);
    return true;
  }

  /**
   * For work that can wait its turn (starting one of many runs): resolves at once while the slice
   * lasts, else in a later turn. Once what the resolved caller does up to its next await has run,
   * the next one waiting goes on while the slice lasts: served one per turn, a 50-host run's starts
   * took 50 turns of the loop, each as long as the I/O that came in meanwhile.
   */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      const resume = (): void => {
        resolve();
        // Queued behind the caller's continuation, which `resolve` queued first.
        queueMicrotask(() => this.drained());
      };
      if (!this.spent(resume)) resolve();
    });
  }

  /** A stream has handled all it had and the slice is not used up: let the next waiting stream go on. */
  drained(): void {
    if (this.turnStart >= 0 && performance.now() - this.turnStart < this.sliceMs) this.waiting.shift()?.();
  }

  /**
   * A stream was resumed with nothing buffered: it costs nothing this turn, so the next waiting one
   * may go on too — up to a few per turn, as what they read next all arrives in one poll.
   */
  resumedEmpty(): void {
    if (++this.emptyResumes <= this.emptyResumesPerTurn) this.drained();
  }

  private readonly nextTurn = (): void => {
    this.turnStart = -1;
    this.emptyResumes = 0;
    const next = this.waiting.shift();
    // Whoever waits is served in a later turn even if no stream gets data in this one.
    if (this.waiting.length) {
      this.turnStart = performance.now();
      setImmediate(this.nextTurn);
    }
    next?.();
  };
}
