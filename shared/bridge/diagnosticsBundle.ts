import type { DeskSettings } from './contract';
import { isSensitiveFieldName, REDACTED, redactLogText } from './redact';

// "Save diagnostics": one file a technician can read, built from the desk's logs, its versions and
// the settings that say nothing about anyone. Both hosts build it with this module (the Electron
// main process from its rotated log files, the browser build from its in-memory log ring).
// The logs were scrubbed when written; every line is scrubbed again here, because a file that
// leaves the building must not depend on every past version of the app having logged correctly.

export const DIAGNOSTICS_FORMAT = 'conserje-diagnostics/1';

/** Per log file, the newest text kept (logs rotate at ~5 MB, so this is a safety cap). */
export const DIAGNOSTICS_MAX_LOG_CHARS = 6 * 1024 * 1024;

export interface DiagnosticsLogFile {
  /** The file's own name (main.log, main.1.log...), never a path. */
  name: string;
  text: string;
}

export type DiagnosticsFacts = Readonly<Record<string, string | number | boolean | null>>;

export interface DiagnosticsInput {
  createdAt: Date;
  /** App, Electron, Chrome, Node and OS versions (null when a host has no such thing). */
  versions: DiagnosticsFacts;
  settings: DeskSettings;
  /** Oldest first, so the bundle reads in time order. */
  logs: readonly DiagnosticsLogFile[];
  /** Other non-personal facts: settings recovery, uptime, locale... */
  facts?: DiagnosticsFacts;
  maxLogChars?: number;
}

/**
 * The settings worth seeing when debugging, chosen field by field: the desk name and the printer
 * name are free text someone typed (a name, a flat number), so only whether a printer is set goes
 * in. A field added to DeskSettings later stays out until it is listed here.
 */
export function diagnosticsSettings(settings: DeskSettings) {
  return {
    schemaVersion: settings.schemaVersion,
    printerConfigured: settings.printerName !== null,
    labelSize: settings.labelSize,
    autoPrintLabels: settings.autoPrintLabels,
    idleLockMinutes: settings.idleLockMinutes,
    scannerPrefixLength: settings.scannerPrefix.length,
    scannerSuffixLength: settings.scannerSuffix.length,
    scannerMaxKeyGapMs: settings.scannerMaxKeyGapMs,
    duplicateScanWindowMs: settings.duplicateScanWindowMs,
    uiLanguageFallback: settings.uiLanguageFallback,
    keepDisplayAwake: settings.keepDisplayAwake,
    startAtLogin: settings.startAtLogin,
    kioskMode: settings.kioskMode,
  };
}

// Home folders carry the operating system user's name: /home/ana, /Users/ana, C:\Users\ana (also
// with escaped backslashes, as in JSON or util.inspect output).
const HOME_PATH = /(?:\/home\/|\/Users\/|[A-Za-z]:(?:\\\\|\\|\/)(?:Users|Documents and Settings)(?:\\\\|\\|\/))[^\\/\s'"`,;:)\]}]+/g;

// `key: value` or `"key":"value"` pairs as electron-log writes objects (util.inspect or JSON).
const KEY_VALUE = /(["']?)([A-Za-z_][\w-]*)\1(\s*[:=]\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|[^\s,}\]]+)/g;

/** A log line as safe as the privacy policy asks: no home folders, no personal fields, no e-mails, phones or tracking numbers. */
export function scrubLogLine(line: string): string {
  const withoutHome = line.replace(HOME_PATH, '~');
  const withoutFields = withoutHome.replace(KEY_VALUE, (match, quote: string, key: string, separator: string, value: string) => {
    if (!isSensitiveFieldName(key) || value === 'null' || value === 'undefined' || value.includes(REDACTED.field)) return match;
    return `${quote}${key}${quote}${separator}'${REDACTED.field}'`;
  });
  return redactLogText(withoutFields);
}

const SAFE_LOG_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function buildDiagnosticsBundle(input: DiagnosticsInput): string {
  const maxChars = input.maxLogChars ?? DIAGNOSTICS_MAX_LOG_CHARS;
  const logs = input.logs.map((file, index) => {
    const truncated = file.text.length > maxChars;
    // Keep the newest text: the end of a log is what explains the problem being reported.
    const text = truncated ? file.text.slice(file.text.length - maxChars) : file.text;
    const lines = text.split(/\r?\n/);
    if (truncated) lines.shift(); // the first line was cut in the middle
    if (lines.at(-1) === '') lines.pop();
    return {
      name: SAFE_LOG_NAME.test(file.name) ? file.name : `log-${index + 1}`,
      truncated,
      lines: lines.map(scrubLogLine),
    };
  });
  const bundle = {
    format: DIAGNOSTICS_FORMAT,
    createdAt: input.createdAt.toISOString(),
    versions: scrubFacts(input.versions),
    settings: diagnosticsSettings(input.settings),
    facts: scrubFacts(input.facts ?? {}),
    logs,
  };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

function scrubFacts(facts: DiagnosticsFacts): DiagnosticsFacts {
  return Object.fromEntries(
    Object.entries(facts).map(([key, value]) => [key, typeof value === 'string' ? scrubLogLine(value) : value]),
  );
}

/** conserje-diagnostics-2025-01-31T09-05-07Z.json: sortable, and valid on every file system. */
export function diagnosticsFileName(createdAt: Date): string {
  return `conserje-diagnostics-${createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.json`;
}
