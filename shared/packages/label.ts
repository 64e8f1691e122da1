import type { ShelfLabelData } from '../bridge/contract';
import type { Package, PackageFlag, Resident, Unit } from '../domain/model';

export interface LabelTexts {
  receivedAt: string;
  captions: { received: string; shelf: string };
  flag(flag: PackageFlag): string;
  carrier: string;
}

// Physical labels are small: long names are shortened here so the layout never has to guess.
const MAX_NAME = 32;

/** What goes on a package's shelf label; texts come already translated and formatted. */
export function shelfLabelData(pkg: Package, resident: Resident, unit: Unit, texts: LabelTexts): ShelfLabelData {
  return {
    unitLabel: unit.label,
    recipientName: shorten(`${resident.firstName} ${resident.lastName}`, MAX_NAME),
    shortCode: pkg.shortCode,
    receivedAtText: texts.receivedAt.slice(0, 40),
    flags: pkg.flags.map((flag) => texts.flag(flag).slice(0, 24)),
    location: pkg.location,
    carrierText: texts.carrier.slice(0, 40),
    captions: { received: texts.captions.received.slice(0, 24), shelf: texts.captions.shelf.slice(0, 24) },
  };
}

export function shorten(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
