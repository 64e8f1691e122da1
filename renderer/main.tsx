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
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();
