import type { EventLog } from '../logging/eventLog';

/** An EventLog that records calls, for tests. */
export function recordingLog(): EventLog & { calls: Array<[level: string, code: string, fields: unknown]> } {
  const calls: Array<[string, string, unknown]> = [];
  const method = (level: string) => (code: string, fields?: unknown) => void calls.push([level, code, fields]);
  return { calls, debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}
