import type { PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { DeskSettings, LabelSize, PrinterInfo, PrintLabelRequest, PrintResult, ShelfLabelData } from '../../shared/bridge/contract';
import { LABEL_INVALID_TITLE, LABEL_READY_TITLE, type LabelPageRequest } from '../../shared/bridge/labelPage';
import type { EventLog } from '../logging/eventLog';
import { choosePrintRoute, printOutcome, type PrintPlan } from './printPlan';

// Prints a shelf label by loading the renderer's label page (label.html) in a hidden, sandboxed
// window without the bridge, waiting until the page says the label is laid out, then printing that
// window. A window per job keeps the main UI responsive and isolates a misbehaving printer driver.

/** The slice of a label window's WebContents used here (Electron's WebContents satisfies it). */
export interface LabelContents {
  on(event: 'page-title-updated', listener: (event: unknown, title: string) => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean) => void,
  ): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
  print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
}

export interface LabelWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  readonly webContents: LabelContents;
}

export interface LabelPrinterTiming {
  /** How long the page may take to load and lay out before the job fails. */
  loadTimeoutMs: number;
  /** After load, how long to wait for the 'label-ready' title before printing anyway. */
  readyGraceMs: number;
  /** A silent job whose callback never comes (hung driver) fails after this. */
  silentPrintTimeoutMs: number;
}

export const DEFAULT_LABEL_PRINTER_TIMING: LabelPrinterTiming = {
  loadTimeoutMs: 10_000,
  readyGraceMs: 750,
  silentPrintTimeoutMs: 60_000,
};

export interface LabelPrinterOptions {
  createWindow: (size: LabelSize) => LabelWindow;
  /** The label page's URL for a request (app://conserje/label.html#..., or the dev server's). */
  labelPageUrl: (request: LabelPageRequest) => string;
  getSettings: () => Promise<DeskSettings>;
  log: EventLog;
  timing?: Partial<LabelPrinterTiming>;
  /** The printers the OS has now; without it (or when it fails) the configured one is trusted. */
  listPrinters?: () => Promise<PrinterInfo[]>;
  /** Saves a label PDF where the user chooses (the fallback when the OS has no printer at all). */
  savePdf?: (pdf: PdfToSave) => Promise<'saved' | 'cancelled'>;
}

export interface PdfToSave {
  bytes: Uint8Array;
  /** label-K7P2QX.pdf */
  suggestedName: string;
  dialogTitle: string | undefined;
}

export interface LabelPrinter {
  printLabel(request: PrintLabelRequest): Promise<PrintResult>;
  /** Renders the label to PDF bytes (for previews and automated checks of the layout). */
  renderLabelPdf(label: ShelfLabelData, size: LabelSize): Promise<Uint8Array>;
}

class LabelJobError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function createLabelPrinter(options: LabelPrinterOptions): LabelPrinter {
  const timing = { ...DEFAULT_LABEL_PRINTER_TIMING, ...options.timing };
  const { log } = options;

  async function withLoadedLabel<T>(label: ShelfLabelData, size: LabelSize, job: (window: LabelWindow) => Promise<T>): Promise<T> {
    const window = options.createWindow(size);
    try {
      await loadLabel(window, options.labelPageUrl({ label, size }), timing);
      return await job(window);
    } finally {
      if (!window.isDestroyed()) window.destroy();
    }
  }

  async function saveAsPdf(request: PrintLabelRequest, size: LabelSize): Promise<PrintResult> {
    const bytes = await renderPdf(request.label, size);
    const saved = await options.savePdf?.({ bytes, suggestedName: `label-${request.label.shortCode}.pdf`, dialogTitle: request.pdfDialogTitle });
    log.info('print.label', { outcome: saved === 'saved' ? 'savedPdf' : 'cancelled', fallback: 'pdf' });
    return saved === 'saved' ? { outcome: 'savedPdf' } : { outcome: 'cancelled' };
  }

  function renderPdf(label: ShelfLabelData, size: LabelSize): Promise<Uint8Array> {
    return withLoadedLabel(label, size, (window) =>
      window.webContents.printToPDF({
        // printToPDF measures in inches, unlike print() (microns).
        pageSize: { width: size.widthMm / 25.4, height: size.heightMm / 25.4 },
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
        printBackground: true,
      }),
    );
  }

  return {
    async printLabel(request) {
      const settings = await options.getSettings();
      const installed = options.listPrinters === undefined ? null : await options.listPrinters().catch(() => null);
      // Without a way to save a PDF, an empty printer list only means: let the dialog cope.
      const known = installed !== null && installed.length === 0 && options.savePdf === undefined ? null : installed;
      const route = choosePrintRoute(settings, request, known);
      try {
        if (route.kind === 'pdf') return await saveAsPdf(request, settings.labelSize);
        const { plan } = route;
        if (route.printerMissing) log.warn('print.printer_missing', { fallback: 'dialog' });
        const result = await withLoadedLabel(request.label, settings.labelSize, (window) =>
          printWindow(window.webContents, plan, timing),
        );
        log.info('print.label', { outcome: result.outcome, silent: plan.options.silent ?? false });
        return result;
      } catch (error: unknown) {
        const reason = error instanceof LabelJobError ? error.reason : 'print.failed';
        log.warn('print.label_failed', { reason, error: error instanceof LabelJobError ? undefined : error });
        return { outcome: 'failed', reason };
      }
    },

    renderLabelPdf: renderPdf,
  };
}

/** Resolves once the label page is laid out (or loaded + grace period); rejects on failure. */
export function loadLabel(window: LabelWindow, url: string, timing: LabelPrinterTiming): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    const finish = (error: LabelJobError | null) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      if (error === null) resolve();
      else reject(error);
    };
    const contents = window.webContents;
    contents.on('page-title-updated', (_event, title) => {
      if (title === LABEL_READY_TITLE) finish(null);
      if (title === LABEL_INVALID_TITLE) finish(new LabelJobError('label.invalid'));
    });
    contents.on('did-fail-load', (_event, _code, _description, _url, isMainFrame) => {
      if (isMainFrame) finish(new LabelJobError('label.load_failed'));
    });
    contents.on('render-process-gone', () => finish(new LabelJobError('label.renderer_gone')));
    timers.push(setTimeout(() => finish(new LabelJobError('label.load_timeout')), timing.loadTimeoutMs));
    window.loadURL(url).then(
      () => {
        // Loaded but not (yet) ready: give layout a moment, then print what is there.
        timers.push(setTimeout(() => finish(null), timing.readyGraceMs));
      },
      () => finish(new LabelJobError('label.load_failed')),
    );
  });
}

function printWindow(contents: LabelContents, plan: PrintPlan, timing: LabelPrinterTiming): Promise<PrintResult> {
  return new Promise<PrintResult>((resolve) => {
    let settled = false;
    // With a dialog the user may take any time; a silent job must report back eventually.
    const timer =
      plan.options.silent === true
        ? setTimeout(() => settle({ outcome: 'failed', reason: 'print.timeout' }), timing.silentPrintTimeoutMs)
        : null;
    function settle(result: PrintResult): void {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      resolve(result);
    }
    try {
      contents.print(plan.options, (success, failureReason) => settle(printOutcome(plan, success, failureReason)));
    } catch {
      // print() throws synchronously on invalid options (e.g. an unknown page size).
      settle({ outcome: 'failed', reason: 'print.invalid_settings' });
    }
  });
}
