import { EventHistoryResponse, HistorySearchResponse, MessageHistoryResponse, type EventHistoryRequest, type HistorySearchRequest, type MessageHistoryRequest } from '../../shared/sync/history';
import { VerifyPinResponse } from '../../shared/sync/staffPin';
import { SyncFailure, post, type SyncTransport } from './http';

// Requests to the central service that are not sync: they need the service now, and each says
// plainly what to do when it is not there.

/**
 * A sign-in waits this long for the service before trusting the desk's synced verifier instead:
 * a doorperson must not stand at a frozen screen because the internet is slow.
 */
export const ONLINE_PIN_TIMEOUT_MS = 2_500;

export type OnlinePinVerdict =
  | { kind: 'accepted' }
  | { kind: 'refused' }
  | { kind: 'locked'; seconds: number }
  /** No usable answer (offline, slow, not enrolled, a server fault): check the PIN on the desk. */
  | { kind: 'unavailable'; reason: string };

/** Asks the service to check a PIN; never throws. */
export async function verifyPinOnline(transport: SyncTransport | null, staffId: string, pin: string, nowMs: number): Promise<OnlinePinVerdict> {
  if (!transport) return { kind: 'unavailable', reason: 'notConfigured' };
  try {
    const answer = await post(transport, '/staff/verify-pin', { staffId, pin }, VerifyPinResponse, nowMs, ONLINE_PIN_TIMEOUT_MS);
    if (answer.ok) return { kind: 'accepted' };
    return answer.lockedForSeconds > 0 ? { kind: 'locked', seconds: answer.lockedForSeconds } : { kind: 'refused' };
  } catch (error) {
    return { kind: 'unavailable', reason: error instanceof SyncFailure ? error.kind : 'unknown' };
  }
}

/** One page of the building's package history from the service. Throws SyncFailure. */
export function searchPackageHistory(transport: SyncTransport, request: HistorySearchRequest, nowMs: number): Promise<HistorySearchResponse> {
  return post(transport, '/history/packages', request, HistorySearchResponse, nowMs);
}

/** One page of the building's event log from the service. Throws SyncFailure. */
export function searchEventHistory(transport: SyncTransport, request: EventHistoryRequest, nowMs: number): Promise<EventHistoryResponse> {
  return post(transport, '/history/events', request, EventHistoryResponse, nowMs);
}

/** One page of a conversation's older messages from the service. Throws SyncFailure. */
export function searchMessageHistory(transport: SyncTransport, request: MessageHistoryRequest, nowMs: number): Promise<MessageHistoryResponse> {
  return post(transport, '/history/messages', request, MessageHistoryResponse, nowMs);
}
