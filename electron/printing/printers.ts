import type { PrinterInfo as ElectronPrinterInfo } from 'electron';
import type { PrinterInfo } from '../../shared/bridge/contract';

// The printers the OS knows, for the settings screen's printer picker.

export interface PrinterSource {
  getPrintersAsync(): Promise<ElectronPrinterInfo[]>;
}

export async function listPrinters(source: PrinterSource | null): Promise<PrinterInfo[]> {
  if (source === null) return [];
  const printers = await source.getPrintersAsync();
  return printers.map((printer) => ({
    name: printer.name.slice(0, 200),
    displayName: (printer.displayName || printer.name).slice(0, 200),
    isDefault: isDefaultPrinter(printer),
  }));
}

/**
 * Electron's PrinterInfo no longer documents isDefault; some platforms still report it as a
 * property or in the driver options. Read both defensively and otherwise say "not default".
 */
function isDefaultPrinter(printer: ElectronPrinterInfo): boolean {
  const legacy: unknown = (printer as unknown as { isDefault?: unknown }).isDefault;
  if (typeof legacy === 'boolean') return legacy;
  const options = printer.options as Record<string, unknown> | undefined;
  return options?.['is-default'] === 'true' || options?.['is-default'] === true;
}
