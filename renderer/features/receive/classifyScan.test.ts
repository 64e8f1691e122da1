import { describe, expect, it } from 'vitest';
import { classifyScan } from './classifyScan';

describe('classifyScan at the receiving desk', () => {
  it('turns a valid tracking barcode into a package draft with its carrier', () => {
    expect(classifyScan('1Z 999 AA1 01 2345 6784')).toEqual({
      kind: 'package',
      draft: expect.objectContaining({ trackingNumber: '1Z999AA10123456784', carrier: 'ups', hint: null, kind: 'parcel' }),
    });
  });

  it('explains the USPS routing barcode instead of logging it as a package', () => {
    expect(classifyScan('42010001')).toEqual({ kind: 'routingCode' });
  });

  it('logs an unrecognized barcode as unknown carrier, with a hint', () => {
    expect(classifyScan('ZZZZ-NOT-A-TRACKING-9')).toMatchObject({ kind: 'package', draft: { carrier: 'unknown', hint: 'carrierUnknown', trackingNumber: 'ZZZZNOTATRACKING9' } });
  });

  it('keeps the carrier of a near miss but warns that the check digit is wrong', () => {
    const meaning = classifyScan('1Z999AA10123456785');
    expect(meaning).toMatchObject({ kind: 'package', draft: { carrier: 'ups', hint: 'checksumInvalid' } });
  });

  it('recognizes what could be one of our own shelf labels', () => {
    expect(classifyScan('K7P2QX')).toMatchObject({ kind: 'maybeShelfLabel', shortCode: 'K7P2QX' });
  });

  it.each([
    ['control characters', 'ABC\u0007DEF123', 'text.controlCharacters'],
    ['an over-long blob', 'A'.repeat(500), 'tracking.tooLong'],
    ['too short', 'A1', 'tracking.tooShort'],
    ['emoji', '📦📦📦📦📦📦', 'tracking.invalidCharacters'],
  ])('refuses %s with a clear message', (_label, raw, messageKey) => {
    expect(classifyScan(raw)).toEqual({ kind: 'invalid', messageKey });
  });
});
