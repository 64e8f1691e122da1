import type { NetworkSignals, SyncLocks } from '../environment';

/** navigator.onLine and its events, switched by the test. */
export class FakeNetwork implements NetworkSignals {
  online = true;
  private readonly listeners = new Set<{ onOnline: () => void; onOffline: () => void }>();

  isOnline(): boolean {
    return this.online;
  }

  subscribe(onOnline: () => void, onOffline: () => void): () => void {
    const entry = { onOnline, onOffline };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  set(online: boolean): void {
    this.online = online;
    for (const listener of [...this.listeners]) (online ? listener.onOnline : listener.onOffline)();
  }
}

/** Web Locks between "windows" of one test: exclusive, granted in request order. */
export class FakeLocks implements SyncLocks {
  private tail: Promise<void> = Promise.resolve();

  request(_name: string, work: () => Promise<void>): Promise<void> {
    const run = this.tail.then(() => work());
    this.tail = run.catch(() => undefined);
    return run;
  }
}
