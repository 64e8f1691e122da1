import { describe, expect, it } from 'vitest';
import { LABEL_PRESETS } from '../../shared/bridge/contract';
import { choosePrintRoute, labelPageSizeMicrons, planLabelPrint, printOutcome } from './printPlan';

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

describe('choosePrintRoute', () => {
  const ql = { name: 'QL', displayName: 'Brother QL', isDefault: false };
  const office = { name: 'Office', displayName: 'Office laser', isDefault: true };

  it('prints silently to the configured printer when it is installed', () => {
    const route = choosePrintRoute({ printerName: 'QL', labelSize: size }, { silent: true }, [office, ql]);
    expect(route).toMatchObject({ kind: 'print', printerMissing: false, plan: { printerName: 'QL', options: { silent: true, deviceName: 'QL' } } });
  });

  it('falls back to the dialog, with no device preselected, when the configured printer has gone', () => {
    const route = choosePrintRoute({ printerName: 'QL', labelSize: size }, { silent: true }, [office]);
    expect(route).toMatchObject({ kind: 'print', printerMissing: true, plan: { printerName: null, options: { silent: false } } });
    expect(route.kind === 'print' && route.plan.options).not.toHaveProperty('deviceName');
  });

  it('trusts the configured printer when the printer list is unknown', () => {
    expect(choosePrintRoute({ printerName: 'QL', labelSize: size }, { silent: true }, null)).toMatchObject({ kind: 'print', printerMissing: false });
  });

  it('saves a PDF when the OS has no printer at all', () => {
    expect(choosePrintRoute({ printerName: null, labelSize: size }, { silent: true }, [])).toEqual({ kind: 'pdf' });
    expect(choosePrintRoute({ printerName: 'QL', labelSize: size }, { silent: true }, [])).toEqual({ kind: 'pdf' });
  });
});
