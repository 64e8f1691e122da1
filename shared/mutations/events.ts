import type { DomainEvent, EventType } from '../domain/model';
import type { MutationContext, MutationTx } from './tx';

interface EventSubject {
  packageId?: string | null;
  unitId?: string | null;
  residentId?: string | null;
  data?: DomainEvent['data'];
}

/**
 * Records what a mutation did. Event ids derive from the mutation id, so re-running a mutation
 * (a rebase on the desk, a retried push on the server) rewrites the same events, never adds more.
 */
export async function recordEvent(
  tx: MutationTx,
  context: MutationContext,
  ordinal: number,
  type: EventType,
  subject: EventSubject,
): Promise<void> {
  await tx.put('events', {
    id: `${context.mutationId}-e${ordinal}`,
    type,
    at: context.at,
    staffId: context.staffId,
    deskId: context.deskId,
    mutationId: context.mutationId,
    packageId: subject.packageId ?? null,
    unitId: subject.unitId ?? null,
    residentId: subject.residentId ?? null,
    data: subject.data ?? {},
  });
}
