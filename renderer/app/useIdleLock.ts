import { useEffect } from 'react';
import { useSession } from './session';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Locks the screen after `minutes` without keyboard, mouse or touch activity. */
export function useIdleLock(minutes: number, onLock: () => void): void {
  const signedIn = useSession((state) => state.staff !== null && !state.locked);
  useEffect(() => {
    if (!signedIn) return;
    let lastActivity = Date.now();
    const markActive = () => (lastActivity = Date.now());
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, markActive, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity >= minutes * 60_000) onLock();
    }, 1_000);
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, markActive, { capture: true });
      window.clearInterval(timer);
    };
  }, [signedIn, minutes, onLock]);
}
