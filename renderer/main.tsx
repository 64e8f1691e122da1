import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { App } from './app/App';
import { deskDatabase } from './data/database';
import { demoOptionsFromUrl, seedDemoBuildingIfEmpty } from './data/seedDemo';
import { useDeskSettings } from './app/deskSettings';
import { setUpI18n } from './i18n';
import { logEvent } from './app/log';
import { classifyWriteError } from './db/commit';
import { useNotices } from './app/notices';
import { getBridge } from './bridge';
import { readServerConfig } from './sync/config';
import { startDeskSync } from './sync/deskSync';
import { enrollDesk } from './sync/enroll';
import { enrollmentFailureText } from './features/enrollment/EnrollmentCard';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

function Splash({ text, tone = 'info' }: { text: string; tone?: 'info' | 'error' }) {
  return (
    <main className="splash" role={tone === 'error' ? 'alert' : 'status'}>
      <p className="brand">Conserje</p>
      <p className={tone === 'error' ? 'field-error' : ''}>{text}</p>
    </main>
  );
}

async function boot(): Promise<void> {
  await useDeskSettings.getState().load().catch(() => undefined);
  await setUpI18n(useDeskSettings.getState().settings.uiLanguageFallback);
  root.render(<Splash text={i18next.t('app.loading')} />);
  try {
    // A newer version of the app opened in another window wants to upgrade the database: step
    // aside (close) so it can, and tell this window's user to reload rather than fail later.
    deskDatabase().on('versionchange', () => {
      deskDatabase().close();
      useNotices.getState().show({ tone: 'warning', text: i18next.t('app.upgradedElsewhere'), timeoutMs: null });
      return false;
    });
    await deskDatabase().open();
    await enrollFromLink();
    if (await readServerConfig(deskDatabase())) {
      // Enrolled: the building's data comes from the central service, never from the local demo.
      void startDeskSync();
      root.render(<StrictModeApp />);
      return;
    }
    const seeded = await seedDemoBuildingIfEmpty(deskDatabase(), (done, total) =>
      root.render(<Splash text={i18next.t('app.preparingDemo', { done, total })} />),
      demoOptionsFromUrl(window.location.search),
    );
    if (seeded) logEvent('info', 'desk.demoSeeded');
  } catch (error) {
    const failure = classifyWriteError(error);
    logEvent('error', 'desk.openFailed', { kind: failure.kind });
    root.render(<Splash tone="error" text={i18next.t('app.storageUnavailable')} />);
    return;
  }
  root.render(<StrictModeApp />);
}

function StrictModeApp() {
  return (
    <StrictMode>
      <App />
    </StrictMode>
  );
}

/**
 * `?enroll=CODE` (the link `npm start` prints) enrolls this desk with the central service that
 * served the page. The code leaves the address bar at once; a failure says what to do and the desk
 * goes on working alone.
 */
async function enrollFromLink(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('enroll');
  if (!code) return;
  params.delete('enroll');
  window.history.replaceState(null, '', `${window.location.pathname}${params.size > 0 ? `?${params}` : ''}`);
  if (await readServerConfig(deskDatabase())) return;
  root.render(<Splash text={i18next.t('enrollment.enrolling')} />);
  const outcome = await enrollDesk(
    { serverUrl: window.location.origin, code, deskName: useDeskSettings.getState().settings.deskName },
    { db: deskDatabase(), bridge: getBridge(), fetch: window.fetch.bind(window) },
  );
  if (outcome.ok) {
    logEvent('info', 'desk.enrolled');
    useNotices.getState().show({ tone: 'success', text: i18next.t('enrollment.enrolled', { building: outcome.buildingName }) });
  } else {
    logEvent('warn', 'desk.enrollFailed', { error: outcome.error });
    useNotices.getState().show({ tone: 'error', text: enrollmentFailureText(i18next.t, outcome, window.location.origin) });
  }
}

void boot();
