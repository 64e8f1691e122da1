import { z } from 'zod';
import {
  Id,
  PackageFlag,
  PackageKind,
  PackageSize,
  ReleaseRecipient,
  ShortCode,
  SignatureSvgPath,
  type Package,
} from '../domain/model';
import { lineText, noteText } from '../domain/text';
import { ALL_ROLES, defineMutator } from './define';
import { recordEvent } from './events';
import { reject } from './rejection';
import type { MutationTx } from './tx';

/** How long after a release the desk offers "undo"; the rule allows some slack for slow hands. */
export const RELEASE_UNDO_SECONDS = 10;
const RELEASE_UNDO_RULE_SECONDS = 120;

export const TrackingNumber = z
  .string()
  .trim()
  .min(4, { message: 'tracking.tooShort' })
  .max(64, { message: 'text.tooLong' })
  .regex(/^[A-Z0-9]+$/, { message: 'tracking.invalidCharacters' });

export const ReceivePackageArgs = z.object({
  packageId: Id,
  shortCode: ShortCode,
  trackingNumber: TrackingNumber.nullable(),
  carrier: z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/),
  trackingFormat: z.string().max(80).nullable(),
  kind: PackageKind,
  residentId: Id,
  size: PackageSize.nullable(),
  location: lineText(40).nullable(),
  flags: z.array(PackageFlag).max(5).refine((flags) => new Set(flags).size === flags.length, { message: 'flags.duplicate' }),
  note: noteText(500).nullable(),
});
export type ReceivePackageArgs = z.infer<typeof ReceivePackageArgs>;

export const receivePackage = defineMutator({
  args: ReceivePackageArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    if (await tx.get('packages', args.packageId)) reject('packageAlreadyExists', { packageId: args.packageId });
    const resident = await tx.get('residents', args.residentId);
    if (!resident) reject('recipientUnknown');
    // Two desks (or one unlucky draw) may pick the same shelf code; it must be unique among waiting packages.
    const sameCode = await tx.queryByIndex('packages', 'shortCode', args.shortCode);
    if (sameCode.some((pkg) => pkg.status === 'waiting')) reject('shortCodeTaken', { shortCode: args.shortCode });
    if (args.trackingNumber) {
      const twin = await findWaitingByTracking(tx, args.trackingNumber);
      if (twin) reject('duplicateTracking', { shortCode: twin.shortCode });
    }
    const pkg: Package = {
      id: args.packageId,
      shortCode: args.shortCode,
      trackingNumber: args.trackingNumber,
      carrier: args.carrier,
      trackingFormat: args.trackingFormat,
      kind: args.kind,
      unitId: resident.unitId,
      residentId: resident.id,
      status: 'waiting',
      size: args.size,
      location: args.location,
      flags: args.flags,
      note: args.note && args.note.length > 0 ? args.note : null,
      receivedAt: context.at,
      receivedBy: context.staffId,
      receivedDeskId: context.deskId,
      release: null,
    };
    await tx.put('packages', pkg);
    await recordEvent(tx, context, 0, 'package.received', {
      packageId: pkg.id,
      unitId: pkg.unitId,
      residentId: pkg.residentId,
      data: { carrier: pkg.carrier, kind: pkg.kind, flags: pkg.flags.join(',') },
    });
  },
});

export async function findWaitingByTracking(tx: MutationTx, trackingNumber: string): Promise<Package | undefined> {
  const sameNumber = await tx.queryByIndex('packages', 'trackingNumber', trackingNumber);
  return sameNumber.find((pkg) => pkg.status === 'waiting');
}

export const ReleasePackageArgs = z.object({
  packageId: Id,
  to: ReleaseRecipient,
  signature: SignatureSvgPath.nullable(),
});
export type ReleasePackageArgs = z.infer<typeof ReleasePackageArgs>;

/**
 * One mutation per package: when several are handed over at once the desk commits them together,
 * but each is accepted or rejected on its own (another desk may have released one of them).
 */
export const releasePackage = defineMutator({
  args: ReleasePackageArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const pkg = await tx.get('packages', args.packageId);
    if (!pkg) reject('packageUnknown');
    if (pkg.status !== 'waiting') reject('packageNotWaiting', { shortCode: pkg.shortCode });
    if (pkg.flags.includes('signatureRequired') && !args.signature) reject('signatureRequired', { shortCode: pkg.shortCode });
    const recipientName = await nameOfRecipient(tx, args.to, pkg);
    await tx.put('packages', {
      ...pkg,
      status: 'released',
      release: {
        at: context.at,
        by: context.staffId,
        deskId: context.deskId,
        mutationId: context.mutationId,
        to: args.to,
        recipientName,
        signature: args.signature,
      },
    });
    await recordEvent(tx, context, 0, 'package.released', {
      packageId: pkg.id,
      unitId: pkg.unitId,
      residentId: pkg.residentId,
      data: { to: args.to.kind, signed: args.signature !== null },
    });
  },
});

async function nameOfRecipient(tx: MutationTx, to: ReleasePackageArgs['to'], pkg: Package): Promise<string> {
  if (to.kind === 'resident') {
    const resident = await tx.get('residents', to.residentId);
    if (!resident || resident.unitId !== pkg.unitId) reject('mixedUnits', { shortCode: pkg.shortCode });
    return `${resident.firstName} ${resident.lastName}`;
  }
  const onBehalfOf = await tx.get('residents', to.onBehalfOf);
  if (!onBehalfOf || onBehalfOf.unitId !== pkg.unitId) reject('proxyNotForUnit', { shortCode: pkg.shortCode });
  return to.name;
}

export const UndoReleaseArgs = z.object({ packageId: Id, releaseMutationId: Id });
export type UndoReleaseArgs = z.infer<typeof UndoReleaseArgs>;

/** A compensating mutation: the release stays in the log, and the package is waiting again. */
export const undoRelease = defineMutator({
  args: UndoReleaseArgs,
  roles: ALL_ROLES,
  async apply(tx, args, context) {
    const pkg = await tx.get('packages', args.packageId);
    if (!pkg) reject('packageUnknown');
    if (pkg.status !== 'released' || pkg.release?.mutationId !== args.releaseMutationId) {
      reject('releaseNotUndoable', { shortCode: pkg.shortCode });
    }
    const elapsedSeconds = (Date.parse(context.at) - Date.parse(pkg.release.at)) / 1000;
    if (elapsedSeconds > RELEASE_UNDO_RULE_SECONDS) reject('undoWindowPassed', { shortCode: pkg.shortCode });
    // Waiting again must not make a twin: another desk may have reused the shelf code or logged the
    // same tracking number while this package was out.
    const sameCode = await tx.queryByIndex('packages', 'shortCode', pkg.shortCode);
    if (sameCode.some((other) => other.id !== pkg.id && other.status === 'waiting')) reject('shortCodeTaken', { shortCode: pkg.shortCode });
    if (pkg.trackingNumber) {
      const twin = await findWaitingByTracking(tx, pkg.trackingNumber);
      if (twin && twin.id !== pkg.id) reject('duplicateTracking', { shortCode: twin.shortCode });
    }
    await tx.put('packages', { ...pkg, status: 'waiting', release: null });
    await recordEvent(tx, context, 0, 'package.releaseUndone', {
      packageId: pkg.id,
      unitId: pkg.unitId,
      residentId: pkg.residentId,
      data: { releaseMutationId: args.releaseMutationId },
    });
  },
});
