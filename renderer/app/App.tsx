import { useCallback, useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { SignInScreen } from '../features/signIn/SignInScreen';
import { Shell } from './Shell';
import { DirectoryProvider } from '../data/hooks';
import { useSession } from './session';
import { useDeskSettings } from './deskSettings';
import { useIdleLock } from './useIdleLock';
import { commitMutations } from '../db/commit';
import { deskDatabase } from '../data/database';
import { deskSessionOf } from './session';
import { logEvent } from './log';
import { Notices } from './Notices';
import { useNotices } from './notices';
import { useReportDeskActivity } from './deskActivity';

export function App() {
  const staff = useSession((state) => state.staff);
  const locked = useSession((state) => state.locked);
  const idleLockMinutes = useDeskSettings((state) => state.settings.idleLockMinutes);

  const lockForIdle = useCallback(() => {
    const current = useSession.getState().staff;
    if (!current) return;
    useSession.getState().lock();
    logEvent('info', 'session.locked', { reason: 'idle' });
    void commitMutations(deskDatabase(), deskSessionOf(current), [{ name: 'recordSignOut', args: { reason: 'idle' } }]).catch(() => undefined);
  }, []);
  useIdleLock(idleLockMinutes, lockForIdle);
  useSessionFollowsStaffRow();
  useReportDeskActivity();

  if (!staff || locked) {
    return (
      <>
        <SignInScreen lockedStaff={locked ? staff : null} />
        <Notices />
      </>
    );
  }
  return (
    <DirectoryProvider>
      <Shell staff={staff} />
    </DirectoryProvider>
  );
}

/**
 * The signed-in staff member's row, watched live: when a manager disables them (on this desk, in
 * another window, or on another desk once it has synced) or the row disappears, the session ends
 * at once, locked or not; other changes (a new PIN, preferences) refresh the session's copy.
 */
function useSessionFollowsStaffRow(): void {
  const { t } = useTranslation();
  const staffId = useSession((state) => state.staff?.id ?? null);
  const watched = useLiveQuery(async () => ({ staffId, row: staffId ? ((await deskDatabase().staff.get(staffId)) ?? null) : null }), [staffId]);
  useEffect(() => {
    const current = useSession.getState().staff;
    if (!current || !watched || watched.staffId !== current.id) return;
    const { row } = watched;
    if (!row || !row.active) {
      logEvent('warn', 'session.signedOut', { staffId: current.id, reason: row ? 'staffDisabled' : 'staffRemoved' });
      useSession.getState().signOut();
      useNotices.getState().show({ tone: 'warning', text: t('signIn.accessRemoved'), timeoutMs: null });
    } else if (JSON.stringify(row) !== JSON.stringify(current)) {
      useSession.getState().updateStaff(row);
    }
  }, [watched, t]);
}
