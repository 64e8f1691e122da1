// The DomainEvents implied by package history: one package.received per package and one
// package.released per released package (returned packages left without a release, and there is
// no event type for returns yet). The large fixture implies ~200,000 events, so they are produced
// lazily by default and only materialized on request. Ids and mutation ids derive from the package
// id, so lazily produced events are identical on every pass.

import type { DomainEvent, Package } from '../domain/model';
import { concatFlat } from './ids';
import { receiveMutationId } from './packages';

export function* packageEvents(packages: Iterable<Package>): Generator<DomainEvent> {
  for (const pkg of packages) {
    yield {
      id: concatFlat('e-', pkg.id, '-rcv'),
      type: 'package.received',
      at: pkg.receivedAt,
      staffId: pkg.receivedBy,
      deskId: pkg.receivedDeskId,
      mutationId: receiveMutationId(pkg.id),
      packageId: pkg.id,
      unitId: pkg.unitId,
      residentId: pkg.residentId,
      // Codes only: the event log must not carry names, notes or tracking numbers.
      data: { shortCode: pkg.shortCode, carrier: pkg.carrier, kind: pkg.kind },
    };
    const release = pkg.release;
    if (release) {
      yield {
        id: concatFlat('e-', pkg.id, '-rel'),
        type: 'package.released',
        at: release.at,
        staffId: release.by,
        deskId: release.deskId,
        mutationId: release.mutationId,
        packageId: pkg.id,
        unitId: pkg.unitId,
        residentId: pkg.residentId,
        data: { recipient: release.to.kind, signed: release.signature !== null },
      };
    }
  }
}

/** Materialized events, oldest first, optionally only those at or after `sinceIso`. */
export function collectPackageEvents(packages: Iterable<Package>, sinceIso?: string): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const event of packageEvents(packages)) if (sinceIso === undefined || event.at >= sinceIso) events.push(event);
  // ISO instants in one format compare correctly as strings; ids break ties deterministically.
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
