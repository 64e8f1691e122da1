import { z } from 'zod';
import { AuthorizedPickup, Id, Language, MeasurementSystem, type Resident, type Unit } from '../domain/model';
import { lineText } from '../domain/text';
import { defineMutator } from './define';
import { recordEvent } from './events';
import { reject } from './rejection';
import type { MutationTx } from './tx';

// The building's directory (units and residents), kept by managers from the desk. Like every write
// these are mutators: they work offline and the server re-checks them in order, so two desks that
// give the same label to two units, or move out a resident whose package just arrived, are settled
// by the server. Events carry ids and field names only, never the personal text itself.

export const DIRECTORY_ROLES = ['manager', 'admin'] as const;

/**
 * The form a unit label is stored in: trimmed, inner spaces collapsed, upper case. "12b" and "12B"
 * are the same door to a person, and the uniqueness check is an exact index lookup, so labels are
 * made canonical before they are compared or stored.
 */
export function canonicalUnitLabel(label: string): string {
  return label.trim().replace(/\s+/gu, ' ').toLocaleUpperCase('en');
}

export const UnitLabel = lineText(16).transform(canonicalUnitLabel);

export const UpsertUnitArgs = z.object({
  unitId: Id,
  label: UnitLabel,
  floor: z.number().int({ message: 'text.floorOutOfRange' }).min(-10, { message: 'text.floorOutOfRange' }).max(300, { message: 'text.floorOutOfRange' }),
});
export type UpsertUnitArgs = z.input<typeof UpsertUnitArgs>;

/** Creates a unit, or changes the label or floor of an existing one. Labels are unique in the building. */
export const upsertUnit = defineMutator({
  args: UpsertUnitArgs,
  roles: DIRECTORY_ROLES,
  async apply(tx, args, context) {
    const sameLabel = await tx.queryByIndex('units', 'label', args.label);
    if (sameLabel.some((unit) => unit.id !== args.unitId)) reject('unitLabelTaken', { label: args.label });
    const before = await tx.get('units', args.unitId);
    const unit: Unit = { id: args.unitId, label: args.label, floor: args.floor };
    await tx.put('units', unit);
    await recordEvent(tx, context, 0, before ? 'unit.updated' : 'unit.created', {
      unitId: unit.id,
      data: { fields: changedFields(before, unit, ['label', 'floor']) },
    });
  },
});

export const PersonName = lineText(80);
export const EmailAddress = z.string().trim().max(254, { message: 'text.tooLong' }).pipe(z.email({ message: 'text.invalidEmail' }));
export const PhoneNumber = lineText(32).regex(/^\+?[(0-9][0-9 ().\-/]*(?:\s*(?:x|ext\.?)\s*[0-9]+)?$/iu, { message: 'text.invalidPhone' });

export const UpsertResidentArgs = z.object({
  residentId: Id,
  unitId: Id,
  firstName: PersonName,
  lastName: PersonName,
  email: EmailAddress.nullable(),
  phone: PhoneNumber.nullable(),
  language: Language,
  measurement: MeasurementSystem,
  occupancy: z.enum(['owner', 'tenant']),
  authorizedPickups: z
    .array(AuthorizedPickup)
    .max(20, { message: 'text.tooManyPickups' })
    .refine((pickups) => new Set(pickups.map((pickup) => pickup.id)).size === pickups.length, { message: 'text.duplicatePickup' }),
});
export type UpsertResidentArgs = z.input<typeof UpsertResidentArgs>;

const RESIDENT_FIELDS = ['unitId', 'firstName', 'lastName', 'email', 'phone', 'language', 'measurement', 'occupancy', 'authorizedPickups'] as const;

/**
 * Creates a resident, or corrects one (all fields at once: the form shows them all). The unit must
 * exist; a resident with packages waiting cannot change unit, or the packages (filed under the old
 * unit) could no longer be handed to them.
 */
export const upsertResident = defineMutator({
  args: UpsertResidentArgs,
  roles: DIRECTORY_ROLES,
  async apply(tx, args, context) {
    if (!(await tx.get('units', args.unitId))) reject('unitUnknown');
    const before = await tx.get('residents', args.residentId);
    if (before && before.unitId !== args.unitId) {
      const count = await waitingPackageCount(tx, before.id);
      if (count > 0) reject('residentHasWaitingPackages', { count });
    }
    const { residentId, ...fields } = args;
    // Fields this form does not edit (messaging choices) are kept; a bounce belongs to the old address.
    const resident: Resident = { ...before, id: residentId, ...fields };
    if (before?.emailBounce && before.email !== resident.email) resident.emailBounce = null;
    await tx.put('residents', resident);
    await recordEvent(tx, context, 0, before ? 'resident.updated' : 'resident.created', {
      unitId: resident.unitId,
      residentId: resident.id,
      data: { fields: changedFields(before, resident, RESIDENT_FIELDS), pickups: resident.authorizedPickups.length },
    });
  },
});

export const MoveOutResidentArgs = z.object({ residentId: Id });
export type MoveOutResidentArgs = z.input<typeof MoveOutResidentArgs>;

/**
 * Takes a resident out of the directory (their row is deleted; the server keeps a tombstone, so
 * every desk drops it). Not while packages wait for them: those must be handed over or returned first.
 */
export const moveOutResident = defineMutator({
  args: MoveOutResidentArgs,
  roles: DIRECTORY_ROLES,
  async apply(tx, args, context) {
    const resident = await tx.get('residents', args.residentId);
    if (!resident) reject('residentUnknown');
    const count = await waitingPackageCount(tx, resident.id);
    if (count > 0) reject('residentHasWaitingPackages', { count });
    await tx.delete('residents', resident.id);
    await recordEvent(tx, context, 0, 'resident.movedOut', { unitId: resident.unitId, residentId: resident.id });
  },
});

async function waitingPackageCount(tx: MutationTx, residentId: string): Promise<number> {
  const packages = await tx.queryByIndex('packages', 'residentId', residentId);
  return packages.filter((pkg) => pkg.status === 'waiting').length;
}

/** The names (never the values) of the fields a write changed, for the event log; all of them for a new row. */
function changedFields<Row extends object>(before: Row | undefined, after: Row, fields: readonly (keyof Row & string)[]): string {
  return fields.filter((field) => !before || JSON.stringify(before[field]) !== JSON.stringify(after[field])).join(',');
}
