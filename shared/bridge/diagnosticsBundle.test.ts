import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from './contract';
import { buildDiagnosticsBundle, diagnosticsFileName, DIAGNOSTICS_FORMAT, scrubLogLine } from './diagnosticsBundle';

const settings: DeskSettings = { ...DEFAULT_DESK_SETTINGS, deskName: 'Conserjería de Ana García', printerName: 'Impresora de Ben Carter' };

// What must never leave the building, whatever a log line held.
const PERSONAL = [
  'Ana García',
  'García',
  'Ben Carter',
  'Chloé Lefèvre',
  'ana.garcia@example.com',
  'ben%40example.org',
  '+34 612 34 56 78',
  '(555) 123-4567',
  '1Z999AA10123456784',
  '9400111899223197428490',
  'TBA123456789000',
  'anagarcia', // an OS user name, from a home folder
  'Dana Whitfield',
];

// Lines shaped like what electron-log writes (util.inspect objects, JSON, error stacks), written by
// an imaginary older version that logged things it should not have.
const LOG = [
  "[2025-01-31 09:05:07.123] [info]  app.started { version: '0.1.0', devServer: false }",
  "[2025-01-31 09:05:08.001] [info]  renderer:package.received { packageId: 'p_42', recipientName: 'Ana García', count: 2 }",
  '[2025-01-31 09:05:09.002] [warn]  renderer:notify.failed {"residentEmail":"ana.garcia@example.com","displayName":"Ben Carter"}',
  "[2025-01-31 09:05:10.003] [error] bridge.internal_error Error: EACCES: permission denied, open '/home/anagarcia/.config/Conserje/settings.json'",
  "    at open (C:\\\\Users\\\\anagarcia\\\\AppData\\\\Roaming\\\\Conserje\\\\x.js:1:1)",
  '[2025-01-31 09:05:11.004] [warn]  sync.rejected tracking 1Z999AA10123456784 and 9400111899223197428490 for TBA123456789000',
  "[2025-01-31 09:05:12.005] [info]  call +34 612 34 56 78 or (555) 123-4567, mail ben%40example.org",
  "[2025-01-31 09:05:13.006] [info]  staff.changed { staffName: 'Chloé Lefèvre', note: `Dana Whitfield's desk`, shift: 3 }",
  "[2025-01-31 09:05:14.007] [info]  printed { printerName: 'Ana García', outcome: 'printed', at: '2025-01-31T09:05:14.007Z' }",
].join('\n');

function bundle(overrides: Partial<Parameters<typeof buildDiagnosticsBundle>[0]> = {}) {
  const text = buildDiagnosticsBundle({
    createdAt: new Date('2025-01-31T09:06:00.000Z'),
    versions: { app: '0.1.0', electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0', os: 'Linux 6.1.0', arch: 'x64' },
    settings,
    logs: [
      { name: 'main.1.log', text: LOG },
      { name: 'main.log', text: "[2025-01-31 09:05:15.000] [info]  app.renderer_gone { reason: 'crashed', exitCode: 139 }\n" },
    ],
    facts: { settingsRecovery: null, locale: 'es-ES' },
    ...overrides,
  });
  return { text, parsed: JSON.parse(text) as Record<string, unknown> & { logs: Array<{ name: string; lines: string[]; truncated: boolean }> } };
}

describe('buildDiagnosticsBundle', () => {
  it('contains no names, e-mails, phone numbers, tracking numbers or OS user names, even when log lines had them', () => {
    const { text } = bundle();
    for (const personal of PERSONAL) expect(text, personal).not.toContain(personal);
  });

  it('keeps what debugging needs: event codes, opaque ids, numbers, timestamps and versions', () => {
    const { parsed } = bundle();
    expect(parsed.format).toBe(DIAGNOSTICS_FORMAT);
    expect(parsed.versions).toEqual({ app: '0.1.0', electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0', os: 'Linux 6.1.0', arch: 'x64' });
    const lines = parsed.logs.flatMap((file) => file.lines);
    expect(lines[0]).toBe("[2025-01-31 09:05:07.123] [info]  app.started { version: '0.1.0', devServer: false }");
    expect(lines[1]).toContain("packageId: 'p_42'");
    expect(lines[1]).toContain('count: 2');
    expect(lines[1]).toContain("recipientName: '[redacted]'");
    expect(lines[3]).toContain("open '~/.config/Conserje/settings.json'");
    expect(lines.at(-1)).toBe("[2025-01-31 09:05:15.000] [info]  app.renderer_gone { reason: 'crashed', exitCode: 139 }");
    expect(parsed.logs.map((file) => file.name)).toEqual(['main.1.log', 'main.log']);
    expect(parsed.facts).toEqual({ settingsRecovery: null, locale: 'es-ES' });
  });

  it('includes only non-personal settings: not the desk name nor the printer name', () => {
    const { parsed, text } = bundle();
    expect(parsed.settings).toMatchObject({ printerConfigured: true, idleLockMinutes: 5, keepDisplayAwake: true, kioskMode: false });
    expect(parsed.settings).not.toHaveProperty('deskName');
    expect(parsed.settings).not.toHaveProperty('printerName');
    expect(text).not.toContain('Conserjería');
    expect(text).not.toContain('Impresora');
  });

  it('keeps the newest part of an oversized log and says so', () => {
    const lines = Array.from({ length: 100 }, (_, index) => `[info] tick { index: ${index} }`);
    const { parsed } = bundle({ logs: [{ name: 'main.log', text: lines.join('\n') }], maxLogChars: 200 });
    const [file] = parsed.logs;
    expect(file?.truncated).toBe(true);
    expect(file?.lines.at(-1)).toBe('[info] tick { index: 99 }');
    expect(file?.lines.every((line) => line.startsWith('[info] tick'))).toBe(true);
    expect(file?.lines.length).toBeLessThan(10);
  });

  it('never copies an odd log file name', () => {
    const { parsed } = bundle({ logs: [{ name: '../Ana García.log', text: 'x' }] });
    expect(parsed.logs[0]?.name).toBe('log-1');
  });
});

describe('scrubLogLine', () => {
  it.each([
    ["{ residentName: 'O\\'Brien', id: 'r_1' }", "{ residentName: '[redacted]', id: 'r_1' }"],
    ['{"phone":"555 123 4567","ok":true}', '{"phone":\'[redacted]\',"ok":true}'],
    ['{ note: null }', '{ note: null }'],
    ["{ trackingNumber: '[redacted]' }", "{ trackingNumber: '[redacted]' }"],
    ['open /Users/ana/Library/Logs/Conserje/main.log', 'open ~/Library/Logs/Conserje/main.log'],
    ['C:\\Users\\ana\\AppData', '~\\AppData'],
  ])('%s -> %s', (line, expected) => {
    expect(scrubLogLine(line)).toBe(expected);
  });
});

describe('diagnosticsFileName', () => {
  it('is a sortable name safe on every file system', () => {
    expect(diagnosticsFileName(new Date('2025-01-31T09:05:07.123Z'))).toBe('conserje-diagnostics-2025-01-31T09-05-07Z.json');
  });
});
