import type { WebContentsPrintOptions } from 'electron';
import type { DeskSettings, LabelSize, PrintLabelRequest, PrinterInfo, PrintResult } from '../../shared/bridge/contract';

// Pure decisions about a label print job: which printer, dialog or not, page size and margins.

export interface PrintPlan {
  options: WebContentsPrintOptions;
  /** The printer a silent job goes to; null when the system dialog lets the user choose. */
  printerName: string | null;
}

/** Chromium's print API measures custom page sizes in microns. */
export function labelPageSizeMicrons(size: LabelSize): { width: number; height: number } {
  return { width: Math.round(size.widthMm * 1000), height: Math.round(size.heightMm * 1000) };
}

export function planLabelPrint(settings: Pick<DeskSettings, 'printerName' | 'labelSize'>, request: Pick<PrintLabelRequest, 'silent'>): PrintPlan {
  // Silent printing needs a known printer: "the system default" could be an office laser that
  // would print a 62 mm label on an A4 sheet. Without one configured, show the dialog instead.
  const silent = request.silent && settings.printerName !== null;
  const options: WebContentsPrintOptions = {
    silent,
    printBackground: true,
    pageSize: labelPageSizeMicrons(settings.labelSize),
    margins: { marginType: 'none' },
    ...(settings.printerName === null ? {} : { deviceName: settings.printerName }),
  };
  return { options, printerName: silent ? settings.printerName : null };
}

/** Maps Electron's print callback to the contract's result. */
export function printOutcome(plan: PrintPlan, success: boolean, failureReason: string): PrintResult {
  if (success) return { outcome: 'printed', printerName: plan.printerName };
  // Electron reports a dismissed dialog as "Print job canceled" (older versions: "cancelled").
  if (/cancel/i.test(failureReason)) return { outcome: 'cancelled' };
  return { outcome: 'failed', reason: (failureReason || 'print.failed').slice(0, 200) };
}

export type PrintRoute =
  | { kind: 'print'; plan: PrintPlan; printerMissing: boolean }
  /** The OS knows no printer at all: the label is saved as a PDF instead. */
  | { kind: 'pdf' };

/**
 * Which way a label goes, given the printers the OS has now (null when that is unknown):
 * - the configured printer, when it is installed (silently, if the caller asked);
 * - the system dialog, when none is configured or the configured one has gone (unplugged,
 *   renamed): a silent job to a missing printer fails or, worse, lands on some other device;
 * - a PDF file, when there is no printer at all: no dialog could print, and a lobby without a
 *   label printer can still print the PDF elsewhere or keep it.
 */
export function choosePrintRoute(
  settings: Pick<DeskSettings, 'printerName' | 'labelSize'>,
  request: Pick<PrintLabelRequest, 'silent'>,
  installed: readonly PrinterInfo[] | null,
): PrintRoute {
  if (installed !== null && installed.length === 0) return { kind: 'pdf' };
  const printerMissing =
    settings.printerName !== null && installed !== null && !installed.some((printer) => printer.name === settings.printerName);
  const plan = planLabelPrint({ ...settings, printerName: printerMissing ? null : settings.printerName }, request);
  return { kind: 'print', plan, printerMissing };
}
