import { describe, expect, it } from 'vitest';
import { LABEL_PRESETS } from '../../shared/bridge/contract';
import { labelPageSizeMicrons, planLabelPrint, printOutcome } from './printPlan';

const size = LABEL_PRESETS['dk-62x29'];

describe('planLabelPrint', () => {
  it('prints silently to the configured printer at the label size, in microns, without margins', () => {
    const plan = planLabelPrint({ printerName: 'Brother_QL_820NWB', labelSize: size }, { silent: true });
    expect(plan).toEqual({
      printerName: 'Brother_QL_820NWB',
      options: {
        silent: true,
        deviceName: 'Brother_QL_820NWB',
        printBackground: true,
        pageSize: { width: 62_000, height: 29_000 },
        margins: { marginType: 'none' },
      },
    });
  });

  it('shows the system dialog when no printer is configured', () => {
    const plan = planLabelPrint({ printerName: null, labelSize: size }, { silent: true });
    expect(plan.options.silent).toBe(false);
    expect(plan.options).not.toHaveProperty('deviceName');
    expect(plan.printerName).toBeNull();
  });

  it('shows the dialog, preselecting the printer, when the caller asks for it', () => {
    const plan = planLabelPrint({ printerName: 'QL', labelSize: size }, { silent: false });
    expect(plan.options).toMatchObject({ silent: false, deviceName: 'QL' });
    expect(plan.printerName).toBeNull();
  });

  it('rounds fractional millimetre sizes to whole microns', () => {
    expect(labelPageSizeMicrons(LABEL_PRESETS['4x6in'])).toEqual({ width: 101_600, height: 152_400 });
    expect(labelPageSizeMicrons({ widthMm: 50.00049, heightMm: 30.0006 })).toEqual({ width: 50_000, height: 30_001 });
  });
});

describe('printOutcome', () => {
  const silent = planLabelPrint({ printerName: 'QL', labelSize: size }, { silent: true });
  const dialog = planLabelPrint({ printerName: null, labelSize: size }, { silent: true });

  it('maps success, cancellation and failure', () => {
    expect(printOutcome(silent, true, '')).toEqual({ outcome: 'printed', printerName: 'QL' });
    expect(printOutcome(dialog, true, '')).toEqual({ outcome: 'printed', printerName: null });
    expect(printOutcome(dialog, false, 'Print job canceled')).toEqual({ outcome: 'cancelled' });
    expect(printOutcome(silent, false, 'Print job failed')).toEqual({ outcome: 'failed', reason: 'Print job failed' });
    expect(printOutcome(silent, false, 'x'.repeat(500))).toMatchObject({ reason: 'x'.repeat(200) });
  });
});
