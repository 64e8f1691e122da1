import type { LogFields, LogLevel } from '../../shared/bridge/contract';

// The browser build has no log file; it keeps the last lines in memory (already redacted) so a
// diagnostics screen or a bug report can show what happened just before a problem.

export interface LogEntry {
  at: string;
  level: LogLevel;
  code: string;
  fields: LogFields;
}

export interface LogRing {
  push(entry: LogEntry): void;
  /** Oldest first. */
  entries(): readonly LogEntry[];
}

export const DEFAULT_LOG_RING_CAPACITY = 200;

export function createLogRing(capacity: number = DEFAULT_LOG_RING_CAPACITY): LogRing {
  const buffer: LogEntry[] = [];
  return {
    push(entry) {
      buffer.push(entry);
      if (buffer.length > capacity) buffer.splice(0, buffer.length - capacity);
    },
    entries: () => [...buffer],
  };
}
