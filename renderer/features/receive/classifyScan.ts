import { describeScan } from '../../../shared/packages/carrier';
import { normalizeShortCode } from '../../../shared/packages/shortCode';
import type { ReceiveDraft } from './receiveStore';

/** What a scanned or typed code means at the receiving screen. */
export type ScanMeaning =
  | { kind: 'package'; draft: Omit<ReceiveDraft, 'key'> }
  | { kind: 'maybeShelfLabel'; shortCode: string; fallback: Omit<ReceiveDraft, 'key'> }
  | { kind: 'routingCode' }
  | { kind: 'invalid'; messageKey: 'text.controlCharacters' | 'tracking.tooLong' | 'tracking.tooShort' | 'tracking.invalidCharacters' };

const STORABLE_TRACKING = /^[A-Z0-9]{4,64}$/;

export function classifyScan(raw: string): ScanMeaning {
  const description = describeScan(raw);
  if (description.kind === 'uspsRoutingOnly') return { kind: 'routingCode' };
  if (description.kind === 'tracking') {
    const best = description.best;
    return {
      kind: 'package',
      draft: {
        trackingNumber: best.trackingNumber,
        carrier: best.courier,
        carrierName: best.courierName,
        format: best.format,
        formatName: best.formatName,
        kind: 'parcel',
        hint: best.checksumValid ? null : 'checksumInvalid',
      },
    };
  }
  switch (description.reason) {
    case 'empty':
      return { kind: 'invalid', messageKey: 'tracking.tooShort' };
    case 'tooLong':
      return { kind: 'invalid', messageKey: 'tracking.tooLong' };
    case 'invalidCharacters':
      return { kind: 'invalid', messageKey: /[\u0000-\u001f\u007f-\u009f]/u.test(raw) ? 'text.controlCharacters' : 'tracking.invalidCharacters' };
  }
  const normalized = description.normalized;
  if (normalized.length < 4) return { kind: 'invalid', messageKey: 'tracking.tooShort' };
  if (!STORABLE_TRACKING.test(normalized)) return { kind: 'invalid', messageKey: 'tracking.invalidCharacters' };
  // A near miss keeps the carrier it resembles; anything else is logged as "unknown carrier".
  const nearMiss = description.matches[0];
  const fallback: Omit<ReceiveDraft, 'key'> = {
    trackingNumber: normalized,
    carrier: nearMiss?.courier ?? 'unknown',
    carrierName: nearMiss?.courierName ?? null,
    format: nearMiss?.format ?? null,
    formatName: nearMiss?.formatName ?? null,
    kind: 'parcel',
    hint: nearMiss ? 'checksumInvalid' : 'carrierUnknown',
  };
  const shortCode = normalizeShortCode(raw);
  if (shortCode) return { kind: 'maybeShelfLabel', shortCode, fallback };
  return { kind: 'package', draft: fallback };
}
