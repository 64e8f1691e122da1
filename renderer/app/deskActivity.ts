import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getBridge } from '../bridge';
import { deskDatabase } from '../data/database';
import { useSession } from './session';

/**
 * Tells the host what the desk is doing whenever it changes: someone signed in (and the desk not
 * locked), and how many changes still wait for the central service. The desktop keeps the display
 * awake while someone works and never restarts for an update under them or with changes pending;
 * the browser build ignores it.
 */
export function useReportDeskActivity(): void {
  const signedIn = useSession((state) => state.staff !== null && !state.locked);
  const pendingChanges = useLiveQuery(() => deskDatabase().outbox.count(), [], null);
  useEffect(() => {
    // Until the outbox has been counted, say nothing rather than "nothing pending".
    if (pendingChanges === null) return;
    getBridge()
      .setDeskActivity({ signedIn, pendingChanges })
      .catch(() => undefined);
  }, [signedIn, pendingChanges]);
}
