import { useCallback } from 'react';
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

  if (!staff || locked) return <SignInScreen lockedStaff={locked ? staff : null} />;
  return (
    <DirectoryProvider>
      <Shell staff={staff} />
    </DirectoryProvider>
  );
}
