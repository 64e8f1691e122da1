import type { SyncTimers } from '../environment';

/** A clock that moves only when the test says so; timers fire in due order during `advance`. */
export class ManualTimers implements SyncTimers {
  nowMs: number;
  randomValue = 0.5;
  private readonly tasks = new Map<number, { due: number; callback: () => void }>();
  private nextId = 1;

  constructor(startIso = '2026-03-02T14:00:00.000Z') {
    this.nowMs = Date.parse(startIso);
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.tasks.set(id, { due: this.nowMs + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  random(): number {
    return this.randomValue;
  }

  /** Milliseconds until each waiting timer fires, soonest first. */
  pending(): number[] {
    return [...this.tasks.values()].map((task) => task.due - this.nowMs).sort((a, b) => a - b);
  }

  /** Moves the clock forward, firing due timers in order; `settle` runs after each one fires. */
  async advance(ms: number, settle: () => Promise<void> = async () => undefined): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      const next = [...this.tasks.entries()].filter(([, task]) => task.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
      if (!next) break;
      const [id, task] = next;
      this.tasks.delete(id);
      this.nowMs = Math.max(this.nowMs, task.due);
      task.callback();
      await settle();
    }
    this.nowMs = target;
  }
}
