// A mutation that breaks a business rule is rejected, not failed: the rejection (a code and the
// parameters a translated message needs) is data that the staff can read, and it never blocks the
// rest of the queue. Codes are i18n keys under `rejection.` in shared/i18n.

import { BOOKING_REASON_CODES } from '../bookings/reasons';

export const REJECTION_CODES = [
  'notAllowedForRole',
  'recipientUnknown',
  'packageUnknown',
  'packageNotWaiting',
  'packageAlreadyExists',
  'duplicateTracking',
  'shortCodeTaken',
  'mixedUnits',
  'proxyNotForUnit',
  'signatureRequired',
  'releaseNotUndoable',
  'undoWindowPassed',
  'invalidArguments',
  'staffUnknown',
  'staffInactive',
  'unitLabelTaken',
  'unitUnknown',
  'residentUnknown',
  'residentHasWaitingPackages',
  'staffAlreadyExists',
  'staffMemberUnknown',
  'cannotDisableSelf',
  'lastManager',
  // Amenity bookings: every reason of the rules engine (a refused request names its first one),
  // then what the booking mutators check themselves.
  ...BOOKING_REASON_CODES,
  'buildingUnknown',
  'buildingTimeZoneInvalid',
  'amenityUnknown',
  'amenityChangeConflicts',
  'bookingUnknown',
  'bookingAlreadyExists',
  'bookingWrongStatus',
  'bookingCancellationCutoff',
  'bookingCheckInWindow',
  'bookingNotStarted',
  'threadUnknown',
  'messageAlreadyExists',
  'templateUnknown',
  'templateInvalid',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type RejectionParams = Record<string, string | number>;

export class MutationRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly params: RejectionParams = {},
  ) {
    super(`rejection.${code}`);
    this.name = 'MutationRejected';
  }
}

export function reject(code: RejectionCode, params: RejectionParams = {}): never {
  throw new MutationRejected(code, params);
}
