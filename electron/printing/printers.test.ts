import type { PrinterInfo as ElectronPrinterInfo } from 'electron';
import { describe, expect, it } from 'vitest';
import { PrinterInfo } from '../../shared/bridge/contract';
import { listPrinters } from './printers';

const printer = (overrides: Partial<ElectronPrinterInfo> & Record<string, unknown>): ElectronPrinterInfo =>
  ({ name: 'p', displayName: 'P', description: '', options: {}, ...overrides }) as ElectronPrinterInfo;

describe('listPrinters', () => {
  it('maps the OS printers to the contract, bounded and with a default flag', async () => {
    const result = await listPrinters({
      getPrintersAsync: async () => [
        printer({ name: 'Brother_QL_820NWB', displayName: 'Brother QL-820NWB', options: { 'is-default': 'true' } as never }),
        printer({ name: 'Office', displayName: '', isDefault: false }),
        printer({ name: 'x'.repeat(300), displayName: 'y'.repeat(300) }),
      ],
    });
    expect(result.slice(0, 2)).toEqual([
      { name: 'Brother_QL_820NWB', displayName: 'Brother QL-820NWB', isDefault: true },
      { name: 'Office', displayName: 'Office', isDefault: false },
    ]);
    for (const entry of result) expect(PrinterInfo.safeParse(entry).success).toBe(true);
  });

  it('returns no printers when there is no window to ask', async () => {
    expect(await listPrinters(null)).toEqual([]);
  });
});
