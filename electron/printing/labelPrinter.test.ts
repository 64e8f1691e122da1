import { EventEmitter } from 'node:events';
import type { WebContentsPrintOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, LABEL_PRESETS, PrintResult, type DeskSettings, type LabelSize, type PrinterInfo } from '../../shared/bridge/contract';
import { SAMPLE_LABEL } from '../../shared/bridge/contractSamples';
import { labelPageFragment, parseLabelPageFragment, type LabelPageRequest } from '../../shared/bridge/labelPage';
import { recordingLog } from '../testing/recordingLog';
import { createLabelPrinter, type LabelContents, type LabelWindow, type PdfToSave } from './labelPrinter';

type PageBehaviour = 'ready' | 'loadOnly' | 'invalid' | 'failLoad' | 'hang';
type PrintReply = [success: boolean, failureReason: string] | 'never' | 'throw';

/** A fake hidden window: "loads" the page, then behaves like label.html would. */
class FakeLabelWindow extends EventEmitter implements LabelWindow {
  destroyed = false;
  loadedUrl: string | null = null;
  printOptions: WebContentsPrintOptions | null = null;
  readonly webContents: LabelContents & EventEmitter;

  constructor(
    readonly size: LabelSize,
    private readonly behaviour: PageBehaviour,
    private readonly printReply: PrintReply,
  ) {
    super();
    const contents = new EventEmitter() as LabelContents & EventEmitter;
    contents.print = (options, callback) => {
      this.printOptions = options;
      const reply = this.printReply;
      if (reply === 'throw') throw new Error('Invalid pageSize');
      if (reply !== 'never') setTimeout(() => callback(...reply), 0);
    };
    contents.printToPDF = async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    this.webContents = contents;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    const contents = this.webContents;
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        switch (this.behaviour) {
          case 'ready':
            contents.emit('page-title-updated', {}, 'label-ready', true);
            resolve();
            break;
          case 'loadOnly':
            resolve();
            break;
          case 'invalid':
            contents.emit('page-title-updated', {}, 'label-invalid', true);
            resolve();
            break;
          case 'failLoad':
            contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', url, true);
            reject(new Error('ERR_FILE_NOT_FOUND'));
            break;
          case 'hang':
            break;
        }
      }, 0);
    });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

function setup(
  options: {
    behaviour?: PageBehaviour;
    printReply?: PrintReply;
    settings?: Partial<DeskSettings>;
    listPrinters?: () => Promise<PrinterInfo[]>;
    savePdf?: (pdf: PdfToSave) => Promise<'saved' | 'cancelled'>;
  } = {},
) {
  const windows: FakeLabelWindow[] = [];
  const log = recordingLog();
  const settings: DeskSettings = { ...DEFAULT_DESK_SETTINGS, printerName: 'QL-820', ...options.settings };
  const printer = createLabelPrinter({
    createWindow: (size) => {
      const window = new FakeLabelWindow(size, options.behaviour ?? 'ready', options.printReply ?? [true, '']);
      windows.push(window);
      return window;
    },
    labelPageUrl: (request: LabelPageRequest) => `app://conserje/label.html${labelPageFragment(request)}`,
    getSettings: async () => settings,
    log,
    timing: { loadTimeoutMs: 200, readyGraceMs: 20, silentPrintTimeoutMs: 100 },
    ...(options.listPrinters === undefined ? {} : { listPrinters: options.listPrinters }),
    ...(options.savePdf === undefined ? {} : { savePdf: options.savePdf }),
  });
  return { printer, windows, log };
}

describe('label printer', () => {
  it('loads the label page with the label and size, prints silently, and closes the window', async () => {
    const { printer, windows } = setup();
    const result = await printer.printLabel({ label: SAMPLE_LABEL, silent: true });
    expect(result).toEqual({ outcome: 'printed', printerName: 'QL-820' });
    expect(PrintResult.safeParse(result).success).toBe(true);

    const [window] = windows;
    expect(window?.loadedUrl?.startsWith('app://conserje/label.html#')).toBe(true);
    const request = parseLabelPageFragment(new URL(window?.loadedUrl ?? '').hash);
    expect(request).toEqual({ label: SAMPLE_LABEL, size: LABEL_PRESETS['dk-62x29'] });
    expect(window?.printOptions).toMatchObject({
      silent: true,
      deviceName: 'QL-820',
      pageSize: { width: 62_000, height: 29_000 },
      margins: { marginType: 'none' },
    });
    expect(window?.destroyed).toBe(true);
  });

  it('uses the system dialog when no printer is configured, and reports a cancel', async () => {
    const { printer, windows } = setup({ settings: { printerName: null }, printReply: [false, 'Print job canceled'] });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'cancelled' });
    expect(windows[0]?.printOptions?.silent).toBe(false);
  });

  it('prints after load plus a grace period when the page never says ready', async () => {
    const { printer } = setup({ behaviour: 'loadOnly' });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toMatchObject({ outcome: 'printed' });
  });

  it.each([
    ['invalid', 'label.invalid'],
    ['failLoad', 'label.load_failed'],
    ['hang', 'label.load_timeout'],
  ] as const)('fails cleanly when the page is %s', async (behaviour, reason) => {
    const { printer, windows, log } = setup({ behaviour });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'failed', reason });
    expect(windows[0]?.destroyed).toBe(true);
    expect(log.calls.some(([level, code]) => level === 'warn' && code === 'print.label_failed')).toBe(true);
  });

  it('fails a silent job whose driver never answers', async () => {
    const { printer, windows } = setup({ printReply: 'never' });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'failed', reason: 'print.timeout' });
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('reports a driver failure', async () => {
    const { printer } = setup({ printReply: [false, 'Print job failed'] });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'failed', reason: 'Print job failed' });
  });

  it('fails instead of throwing when print() rejects its options', async () => {
    const { printer } = setup({ printReply: 'throw' });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({
      outcome: 'failed',
      reason: 'print.invalid_settings',
    });
  });

  it('shows the dialog instead of printing silently to a printer that has gone', async () => {
    const office = { name: 'Office', displayName: 'Office', isDefault: true };
    const { printer, windows, log } = setup({ listPrinters: async () => [office] });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'printed', printerName: null });
    expect(windows[0]?.printOptions?.silent).toBe(false);
    expect(windows[0]?.printOptions).not.toHaveProperty('deviceName');
    expect(log.calls).toContainEqual(['warn', 'print.printer_missing', { fallback: 'dialog' }]);
  });

  it('trusts the configured printer when the printer list cannot be read', async () => {
    const { printer, windows } = setup({ listPrinters: () => Promise.reject(new Error('cups down')) });
    expect(await printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'printed', printerName: 'QL-820' });
    expect(windows[0]?.printOptions?.silent).toBe(true);
  });

  it('saves the label as a PDF when the OS has no printer at all', async () => {
    const saved: PdfToSave[] = [];
    const { printer, windows } = setup({
      settings: { printerName: null },
      listPrinters: async () => [],
      savePdf: async (pdf) => {
        saved.push(pdf);
        return 'saved';
      },
    });
    const result = await printer.printLabel({ label: SAMPLE_LABEL, silent: true, pdfDialogTitle: 'Guardar etiqueta' });
    expect(result).toEqual({ outcome: 'savedPdf' });
    expect(PrintResult.safeParse(result).success).toBe(true);
    expect(saved).toEqual([{ bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]), suggestedName: 'label-K7P2QX.pdf', dialogTitle: 'Guardar etiqueta' }]);
    expect(windows[0]?.printOptions).toBeNull();
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('reports a cancelled PDF save, and uses the dialog when no PDF saver exists', async () => {
    const cancelled = setup({ listPrinters: async () => [], savePdf: async () => 'cancelled' });
    expect(await cancelled.printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'cancelled' });
    const noSaver = setup({ settings: { printerName: null }, listPrinters: async () => [] });
    expect(await noSaver.printer.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'printed', printerName: null });
    expect(noSaver.windows[0]?.printOptions?.silent).toBe(false);
  });

  it('renders a label to PDF', async () => {
    const { printer, windows } = setup();
    const pdf = await printer.renderLabelPdf(SAMPLE_LABEL, LABEL_PRESETS['4x6in']);
    expect(Buffer.from(pdf).toString()).toBe('%PDF');
    expect(windows[0]?.size).toEqual(LABEL_PRESETS['4x6in']);
    expect(windows[0]?.destroyed).toBe(true);
  });
});
