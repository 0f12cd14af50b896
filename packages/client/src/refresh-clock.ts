/**
 * One timer per refresh interval for the whole source, firing on wall-clock multiples of the interval, so
 * every widget with `refresh="30s"` refreshes in the same task (and so in one batched request), and two
 * sources on one page stay in step too. Ticks are skipped while `paused()`; when it stops being paused,
 * {@link RefreshClock.resume} runs the intervals that missed a tick at once.
 */
export class RefreshClock {
  readonly #groups = new Map<
    number,
    { timer: ReturnType<typeof setTimeout>; callbacks: Set<() => void>; missed: boolean }
  >();
  readonly #paused: () => boolean;

  constructor(paused: () => boolean) {
    this.#paused = paused;
  }

  /** Number of live timers (for leak checks). */
  get timers(): number {
    return this.#groups.size;
  }

  /** Calls `callback` every `ms` milliseconds, aligned; returns the function that stops it. */
  every(ms: number, callback: () => void): () => void {
    let group = this.#groups.get(ms);
    if (!group) {
      group = { timer: this.#schedule(ms), callbacks: new Set(), missed: false };
      this.#groups.set(ms, group);
    }
    group.callbacks.add(callback);
    return () => {
      const current = this.#groups.get(ms);
      if (!current) return;
      current.callbacks.delete(callback);
      if (current.callbacks.size === 0) {
        clearTimeout(current.timer);
        this.#groups.delete(ms);
      }
    };
  }

  /** Runs at once every interval that skipped a tick while paused. */
  resume(): void {
    for (const group of this.#groups.values()) {
      if (!group.missed) continue;
      group.missed = false;
      for (const callback of [...group.callbacks]) callback();
    }
  }

  #schedule(ms: number): ReturnType<typeof setTimeout> {
    const wait = ms - (Date.now() % ms);
    return setTimeout(() => this.#tick(ms), wait);
  }

  #tick(ms: number): void {
    const group = this.#groups.get(ms);
    if (!group) return;
    group.timer = this.#schedule(ms);
    if (this.#paused()) {
      group.missed = true;
      return;
    }
    for (const callback of [...group.callbacks]) callback();
  }
}
