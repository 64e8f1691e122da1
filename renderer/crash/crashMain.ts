import { getBridge, bridgeErrorCode } from '../bridge';
import { crashPageLanguage, crashPageText, fill } from './crashText';
import './crash.css';

// crashed.html: what the main window shows when its page has crashed several times in a row
// (electron/app/crashRecovery.ts stops reloading then). Plain DOM, no React and no database, so
// it works when the app's own code is what keeps failing. It still has the bridge (same origin,
// same preload): Restart relaunches the app, Save diagnostics writes the support file.

async function main(): Promise<void> {
  const bridge = getBridge();
  const settings = await bridge.getSettings().catch(() => null);
  const language = crashPageLanguage(settings?.uiLanguageFallback ?? null, navigator.languages);
  const text = crashPageText(language);
  document.documentElement.lang = language;
  document.title = text.title;

  const root = document.getElementById('crash-root');
  if (!root) return;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, content = '', className = ''): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  };

  const heading = element('h1', text.title);
  heading.id = 'crash-title';
  const status = element('p', '', 'hint');
  status.setAttribute('role', 'status');
  const restart = element('button', text.restart, 'primary');
  restart.type = 'button';
  const diagnostics = element('button', text.saveDiagnostics);
  diagnostics.type = 'button';
  const actions = element('div', '', 'row');
  actions.append(restart, diagnostics);
  root.setAttribute('aria-labelledby', 'crash-title');
  root.append(heading, element('p', text.body), element('p', text.advice), actions, status);

  let busy = false;
  restart.addEventListener('click', () => {
    if (busy) return;
    busy = true;
    status.textContent = text.restarting;
    bridge.restartApp().catch(() => {
      busy = false;
      status.textContent = text.restartFailed;
    });
  });
  diagnostics.addEventListener('click', () => {
    if (busy) return;
    busy = true;
    status.textContent = text.savingDiagnostics;
    bridge
      .saveDiagnostics({ dialogTitle: text.diagnosticsDialogTitle })
      .then(
        (result) => {
          if (result.outcome === 'saved') status.textContent = fill(text.diagnosticsSaved, { file: result.fileName });
          else if (result.outcome === 'failed') status.textContent = fill(text.diagnosticsFailed, { reason: result.reason });
          else status.textContent = '';
        },
        (error: unknown) => {
          status.textContent = fill(text.diagnosticsFailed, { reason: bridgeErrorCode(error) ?? 'bridge.internal_error' });
        },
      )
      .finally(() => {
        busy = false;
      });
  });
  // Keyboard first: Enter restarts, Tab reaches the diagnostics button.
  restart.focus();
}

void main();
