import { describe, expect, it } from 'vitest';
import { labelWindowWebPreferences, mainWindowWebPreferences } from './webPreferences';

const hardened = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
};

describe('mainWindowWebPreferences', () => {
  it('isolates and sandboxes the renderer, with only the bridge preload', () => {
    const prefs = mainWindowWebPreferences({ preloadPath: '/app/dist-electron/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({ ...hardened, preload: '/app/dist-electron/preload.cjs', devTools: false });
  });

  it('enables DevTools only when asked (development builds)', () => {
    expect(mainWindowWebPreferences({ preloadPath: '/p.cjs', devTools: true }).devTools).toBe(true);
  });
});

describe('labelWindowWebPreferences', () => {
  it('is as locked down as the main window, with no preload and no DevTools', () => {
    const prefs = labelWindowWebPreferences();
    expect(prefs).toMatchObject({ ...hardened, devTools: false });
    expect(prefs.preload).toBeUndefined();
  });
});
