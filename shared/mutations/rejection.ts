// A mutation that breaks a business rule is rejected, not failed: the rejection (a code and the
// parameters a translated message needs) is data that the staff can read, and it never blocks the
// rest of the queue. Codes are i18n keys under `rejection.` in shared/i18n.

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
