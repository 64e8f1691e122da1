import type { FileTransport, Hook, LevelOption, LogMessage } from 'electron-log';
import { describe, expect, it, vi } from 'vitest';
import { REDACTED } from '../../shared/bridge/redact';
import { recordingLog } from '../testing/recordingLog';
import {
  configureMainLogging,
  createRendererLogSink,
  detachElectronLogIpc,
  ELECTRON_LOG_IPC_CHANNEL,
  MAX_RENDERER_LOG_FIELDS,
  redactionHook,
} from './configureLogging';
import { LOG_MAX_BYTES } from './logRotation';

function fakeLogger() {
  return {
    hooks: [] as Hook[],
    transports: {
      file: { maxSize: 1024 * 1024, level: 'silly' as LevelOption, archiveLogFn: (() => undefined) as FileTransport['archiveLogFn'] },
      console: { level: 'silly' as LevelOption },
    },
  };
}

describe('configureMainLogging', () => {
  it('caps files at ~5 MB, installs rotation and the redaction hook', () => {
    const logger = fakeLogger();
    const defaultArchive = logger.transports.file.archiveLogFn;
    configureMainLogging(logger, { verbose: false });
    expect(logger.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(logger.transports.file.archiveLogFn).not.toBe(defaultArchive);
    expect(logger.hooks).toEqual([redactionHook]);
    expect(logger.transports.file.level).toBe('info');
  });

  it('keeps debug lines in development', () => {
    const logger = fakeLogger();
    configureMainLogging(logger, { verbose: true });
    expect(logger.transports.file.level).toBe('debug');
  });
});

describe('redactionHook', () => {
  it('scrubs every argument of a message without mutating the original', () => {
    const message: LogMessage = {
      date: new Date(),
      level: 'warn',
      data: ['mail to ana@example.com failed', { residentName: 'Ana', count: 2 }, 42],
    };
    const result = redactionHook(message);
    expect(result).not.toBe(false);
    expect(result && result.data).toEqual([`mail to ${REDACTED.email} failed`, { residentName: REDACTED.field, count: 2 }, 42]);
    expect(message.data[0]).toBe('mail to ana@example.com failed');
  });
});

describe('createRendererLogSink', () => {
  it('logs renderer lines with a prefixed code and redacted fields', () => {
    const log = recordingLog();
    createRendererLogSink(log)('warn', 'sync.failed', { recipientName: 'Ana', detail: 'call +1 555 123 4567', attempt: 3 });
    expect(log.calls).toEqual([
      ['warn', 'renderer:sync.failed', { recipientName: REDACTED.field, detail: `call ${REDACTED.phone}`, attempt: 3 }],
    ]);
  });

  it('bounds the number of fields per line', () => {
    const log = recordingLog();
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`f${index}`, index]));
    createRendererLogSink(log)('info', 'x.y', many);
    const fields = log.calls[0]?.[2] as Record<string, unknown>;
    expect(Object.keys(fields)).toHaveLength(MAX_RENDERER_LOG_FIELDS + 1);
    expect(fields.droppedFields).toBe(100 - MAX_RENDERER_LOG_FIELDS);
  });
});

describe('detachElectronLogIpc', () => {
  it("removes electron-log's unchecked IPC side channel", () => {
    const ipcMain = { removeAllListeners: vi.fn(), removeHandler: vi.fn() };
    detachElectronLogIpc(ipcMain);
    expect(ipcMain.removeAllListeners).toHaveBeenCalledWith(ELECTRON_LOG_IPC_CHANNEL);
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(ELECTRON_LOG_IPC_CHANNEL);
  });
});
