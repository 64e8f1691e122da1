import type { FileTransport, Hook, LevelOption } from 'electron-log';
import type { LogCode, LogFields, LogLevel } from '../../shared/bridge/contract';
import { redactLogFields, redactLogValue } from '../../shared/bridge/redact';
import type { z } from 'zod';
import type { EventLog } from './eventLog';
import { LOG_ARCHIVES_KEPT, LOG_MAX_BYTES, rotateLogFile } from './logRotation';

// Main-process logging with electron-log: one file per process type in the OS log directory,
// capped at ~5 MB and rotated through five archives, with every message scrubbed of personal data
// by a hook before any transport sees it. Renderer lines arrive through the bridge's `log`
// method (electron-log's own renderer IPC and preload injection are not used: the renderer is
// sandboxed and talks to the host only through the typed bridge).

/** The part of electron-log's main logger configured here. */
export interface ConfigurableLogger {
  hooks: Hook[];
  transports: {
    file: Pick<FileTransport, 'maxSize' | 'archiveLogFn' | 'level'>;
    console: { level: LevelOption };
  };
}

export interface LoggingOptions {
  /** Debug lines are kept in development only. */
  verbose: boolean;
  maxBytes?: number;
  archivesKept?: number;
}

/** electron-log hook: scrubs every argument of every message, whatever the transport. */
export const redactionHook: Hook = (message) => ({
  ...message,
  data: message.data.map((item: unknown) => redactLogValue(item)),
});

export function configureMainLogging(logger: ConfigurableLogger, options: LoggingOptions): void {
  const keep = options.archivesKept ?? LOG_ARCHIVES_KEPT;
  logger.hooks.push(redactionHook);
  logger.transports.file.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  logger.transports.file.archiveLogFn = (file) => {
    rotateLogFile(file.path, keep);
  };
  logger.transports.file.level = options.verbose ? 'debug' : 'info';
  logger.transports.console.level = options.verbose ? 'debug' : 'warn';
}

/** Cap on fields per renderer line: the contract bounds each value, this bounds their number. */
export const MAX_RENDERER_LOG_FIELDS = 24;

/** The bridge's `log` method: a renderer line, already validated against the contract. */
export function createRendererLogSink(log: EventLog) {
  return (level: LogLevel, code: z.infer<typeof LogCode>, fields: LogFields): void => {
    const entries = Object.entries(fields);
    const kept = Object.fromEntries(entries.slice(0, MAX_RENDERER_LOG_FIELDS));
    const redacted = redactLogFields(kept);
    const extra = entries.length > MAX_RENDERER_LOG_FIELDS ? { droppedFields: entries.length - MAX_RENDERER_LOG_FIELDS } : {};
    log[level](`renderer:${code}`, { ...redacted, ...extra });
  };
}

/** The IPC channel electron-log/main listens on for renderer log messages as soon as it is imported. */
export const ELECTRON_LOG_IPC_CHANNEL = '__ELECTRON_LOG__';

/**
 * Removes electron-log's own IPC listeners. Renderer lines must come through the bridge's `log`
 * method, where the sender is checked and the fields are validated; an unchecked side channel
 * that writes to the log files is one more thing a compromised page could aim at.
 */
export function detachElectronLogIpc(ipcMain: { removeAllListeners(channel: string): unknown; removeHandler(channel: string): void }): void {
  ipcMain.removeAllListeners(ELECTRON_LOG_IPC_CHANNEL);
  ipcMain.removeHandler(ELECTRON_LOG_IPC_CHANNEL);
}
