// The logging interface main-process modules depend on: an event code plus opaque fields, the
// shape the privacy policy asks for. electron-log's logger satisfies it; tests pass a recorder.

export type EventLogFields = Readonly<Record<string, unknown>>;

export type EventLogMethod = (code: string, fields?: EventLogFields) => void;

export interface EventLog {
  debug: EventLogMethod;
  info: EventLogMethod;
  warn: EventLogMethod;
  error: EventLogMethod;
}
