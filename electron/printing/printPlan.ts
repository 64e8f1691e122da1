import type { WebContentsPrintOptions } from 'electron';
import type { DeskSettings, LabelSize, PrintLabelRequest, PrintResult } from '../../shared/bridge/contract';

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
