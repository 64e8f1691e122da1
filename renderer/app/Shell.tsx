import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../shared/domain/model';
import { formatTime } from '../../shared/i18n/format';
import { useBuilding } from '../data/hooks';
import { ReceiveScreen } from '../features/receive/ReceiveScreen';
import { ReleaseScreen } from '../features/release/ReleaseScreen';
import { WaitingScreen } from '../features/waiting/WaitingScreen';
import { ResidentsScreen } from '../features/residents/ResidentsScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { BookingsScreen } from '../features/bookings/BookingsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ManageScreen } from '../features/manage/ManageScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { MessagesScreen } from '../features/messages/MessagesScreen';
import { useUnreadTotal } from '../features/messages/messagesData';
import { commitMutations } from '../db/commit';
import { deskDatabase } from '../data/database';
import { canOpenScreen, deskSessionOf, useSession, type Screen } from './session';
import { Notices } from './Notices';
import { logEvent } from './log';
import { SyncPanel } from '../features/sync/SyncPanel';
import { SyncStatusBar } from '../features/sync/SyncStatusBar';
import { useSyncPanel } from '../features/sync/syncPanelStore';
import { startDeskSync } from '../sync/deskSync';

const NAVIGATION: Array<{ screen: Screen; key: string }> = [
  { screen: 'receive', key: 'F1' },
  { screen: 'release', key: 'F2' },
  { screen: 'waiting', key: 'F3' },
  { screen: 'residents', key: 'F4' },
  { screen: 'history', key: 'F5' },
  { screen: 'bookings', key: 'Ctrl+B' },
  { screen: 'manage', key: 'F6' },
  { screen: 'messages', key: 'F7' },
  { screen: 'settings', key: 'F9' },
  { screen: 'reports', key: 'F10' },
];

export function Shell({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  const screen = useSession((state) => state.screen);
  const go = useSession((state) => state.go);
  const building = useBuilding();
  const navigation = useMemo(() => NAVIGATION.filter((item) => canOpenScreen({ role: staff.role }, item.screen)), [staff.role]);

  useEffect(() => {
    // Sync runs for the life of the window (idle until a central service is configured).
    startDeskSync().catch(() => logEvent('error', 'sync.startFailed'));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const pressed = event.ctrlKey && !event.altKey && !event.metaKey ? `Ctrl+${event.key.toUpperCase()}` : event.key;
      const target = navigation.find((item) => item.key === pressed);
      if (target) {
        event.preventDefault();
        go(target.screen);
      } else if (event.key === 'F8') {
        event.preventDefault();
        useSyncPanel.getState().toggle();
      } else if (event.ctrlKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        useSession.getState().lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, navigation]);

  async function signOut() {
    logEvent('info', 'session.signedOut', { staffId: staff.id });
    await commitMutations(deskDatabase(), deskSessionOf(staff), [{ name: 'recordSignOut', args: { reason: 'manual' } }]).catch(() => undefined);
    useSession.getState().signOut();
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <nav className="nav" aria-label={t('app.name')}>
        <p className="brand">{t('app.name')}</p>
        <ul>
          {navigation.map((item) => (
            <li key={item.screen}>
              <button className={item.screen === screen ? 'nav-item active' : 'nav-item'} aria-current={item.screen === screen ? 'page' : undefined} onClick={() => go(item.screen)}>
                <span>{t(`nav.${item.screen}`)}</span>
                {item.screen === 'messages' && <UnreadBadge />}
                <kbd>{item.key}</kbd>
              </button>
            </li>
          ))}
        </ul>
        <div className="nav-footer">
          <button className="nav-item" onClick={() => useSession.getState().lock()}>
            <span>{t('nav.lock')}</span>
            <kbd>Ctrl+L</kbd>
          </button>
          <button className="nav-item" onClick={() => void signOut()}>
            <span>{t('nav.signOut')}</span>
          </button>
        </div>
      </nav>
      <div className="workspace">
        <StatusBar staff={staff} buildingName={building?.name ?? ''} timeZone={building?.timeZone ?? 'UTC'} />
        <main id="main" className="content" tabIndex={-1}>
          {screen === 'receive' && <ReceiveScreen />}
          {screen === 'release' && <ReleaseScreen />}
          {screen === 'waiting' && <WaitingScreen />}
          {screen === 'residents' && <ResidentsScreen />}
          {screen === 'history' && <HistoryScreen />}
          {screen === 'bookings' && <BookingsScreen staff={staff} />}
          {screen === 'manage' && canOpenScreen(staff, 'manage') && <ManageScreen staff={staff} />}
          {screen === 'reports' && canOpenScreen(staff, 'reports') && <ReportsScreen />}
          {screen === 'messages' && <MessagesScreen staff={staff} />}
          {screen === 'settings' && <SettingsScreen />}
        </main>
        <p className="shortcut-hint">{canOpenScreen(staff, 'manage') ? t('nav.shortcutsManager') : t('nav.shortcuts')}</p>
      </div>
      <SyncPanel />
      <Notices />
    </div>
  );
}

function StatusBar({ staff, buildingName, timeZone }: { staff: Staff; buildingName: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const now = useMinuteClock();
  const language = (i18n.resolvedLanguage ?? 'en') as Staff['language'];
  return (
    <header className="status-bar">
      <span className="building">{buildingName}</span>
      <span title={t('status.buildingTime')}>{formatTime(now.toISOString(), language, timeZone)}</span>
      <SyncStatusBar language={language} timeZone={timeZone} />
      <span className="spacer" />
      <span>{t('status.signedInAs', { name: staff.displayName })}</span>
    </header>
  );
}

/** Residents' replies no desk has read yet: live on every desk (they arrive by pull). */
function UnreadBadge() {
  const { t } = useTranslation();
  const unread = useUnreadTotal() ?? 0;
  if (unread === 0) return null;
  return (
    <span className="badge" data-testid="nav-unread" aria-label={t('messages.unreadCount', { count: unread })}>
      {unread}
    </span>
  );
}

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
