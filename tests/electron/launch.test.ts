import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Package, Unit } from '../../shared/domain/model';
import { detectCarrier } from '../../shared/packages/carrier';
import conformance from '../../shared/packages/conformance/tracking-numbers.json';
import { scan, signIn } from '../e2e/support/desk';
import { readStore } from '../e2e/support/indexedDb';

// The real desktop app, launched by playwright-core's _electron: the built main process, preload,
// app:// protocol and renderer, on a fresh user-data folder. It needs an Electron binary, which
// cannot be downloaded on every machine (not on our CI): CONSERJE_ELECTRON_BINARY names one, either
// a plain Electron (node_modules/electron/dist/electron, run on this checkout after `npm run build`)
// or the launch-test build (electron-builder.launch-test.yml, see electron/README.md). On Linux
// without a display, run under xvfb-run.

const projectDir = path.resolve(import.meta.dirname, '..', '..');
const binary = process.env.CONSERJE_ELECTRON_BINARY;
const skipReason =
  binary === undefined || binary === ''
    ? 'CONSERJE_ELECTRON_BINARY is not set (no Electron binary on this machine); see electron/README.md'
    : !existsSync(binary)
      ? `CONSERJE_ELECTRON_BINARY points to ${binary}, which does not exist`
      : null;
if (skipReason) console.warn(`[electron] launch suite skipped: ${skipReason}`);

/** A plain Electron binary runs the app folder given as argument; a packaged app runs its own asar. */
const plainElectron = binary !== undefined && /(^|[\\/])electron(\.exe)?$|Electron\.app/i.test(binary);

/** The first real tracking number of the conformance data whose check digit is valid: as scanned, and as the desk stores it. */
function validTrackingNumber(): { scanned: string; stored: string } {
  for (const entry of conformance.cases) {
    if (!entry.valid) continue;
    const best = detectCarrier(entry.number)[0];
    if (best?.checksumValid && best.courier === entry.courier) return { scanned: entry.number.replace(/\s+/g, ''), stored: best.trackingNumber };
  }
  throw new Error('no valid tracking number in the conformance data');
}
const tracking = validTrackingNumber();

describe.skipIf(skipReason !== null)('the desktop app, launched for real', () => {
  let app: ElectronApplication;
  let page: Page;
  let work: string;

  beforeAll(async () => {
    if (plainElectron && (!existsSync(path.join(projectDir, 'dist-electron', 'main.cjs')) || !existsSync(path.join(projectDir, 'dist', 'renderer', 'index.html')))) {
      throw new Error('dist-electron/ or dist/renderer/ is missing: run `npm run build` first');
    }
    work = await mkdtemp(path.join(tmpdir(), 'conserje-launch-'));
    app = await _electron.launch({
      executablePath: binary,
      // Electron honours Chromium's --user-data-dir: settings, logs' siblings and IndexedDB start empty.
      args: [...(plainElectron ? [projectDir] : []), `--user-data-dir=${path.join(work, 'user-data')}`],
      cwd: projectDir,
      timeout: 90_000,
    });
    page = await app.firstWindow();
    page.on('pageerror', (error) => console.error('[page error]', error));
    // Record the power-save blocker's use (main.ts hands powerSaveBlocker to the controller, which
    // calls start() at the time, so a wrapper installed now sees every call).
    await app.evaluate(({ powerSaveBlocker }) => {
      const record: string[] = [];
      (globalThis as { conserjeBlocks?: string[] }).conserjeBlocks = record;
      const start = powerSaveBlocker.start.bind(powerSaveBlocker);
      const stop = powerSaveBlocker.stop.bind(powerSaveBlocker);
      powerSaveBlocker.start = (type) => {
        record.push(`start:${type}`);
        return start(type);
      };
      powerSaveBlocker.stop = (id) => {
        record.push('stop');
        return stop(id);
      };
    });
  });

  afterAll(async () => {
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const blocks = () => app.evaluate(() => (globalThis as { conserjeBlocks?: string[] }).conserjeBlocks ?? []);

  it('serves the desk over app:// with the bridge, and signs in with a PIN', async () => {
    expect(page.url()).toBe('app://conserje/index.html');
    expect(await page.evaluate(() => typeof (window as unknown as { conserje?: unknown }).conserje)).toBe('object');
    expect(await page.evaluate(() => 'require' in window || 'process' in window)).toBe(false);
    await page.getByRole('button', { name: /Ana García/ }).waitFor({ timeout: 90_000 });
    await signIn(page, 'Ana García', '1111');
    // The renderer reported "signed in" through the bridge: the display is kept awake.
    await expect.poll(blocks).toContain('start:prevent-display-sleep');
  });

  it('receives a scanned package and prints its label to a PDF when no printer is installed', async () => {
    const [unit] = await readStore<Unit>(page, 'units');
    if (!unit) throw new Error('the demo building has no units');
    await page.locator('#tracking-input').waitFor();
    await scan(page, tracking.scanned);
    await page.locator('#recipient-input').waitFor();
    await page.keyboard.type(unit.label, { delay: 30 });
    await page.locator('.recipient-option.selected').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#recipient-input').waitFor({ state: 'detached' });
    const saved = (await readStore<Package>(page, 'packages')).find((pkg) => pkg.trackingNumber === tracking.stored);
    expect(saved?.status).toBe('waiting');

    // This machine "has no printer", and the save dialog "chooses" a file: the real PDF fallback runs.
    const pdfPath = path.join(work, 'label.pdf');
    await app.evaluate(
      ({ dialog, webContents }, target) => {
        const prototype = Object.getPrototypeOf(webContents.getAllWebContents()[0]) as { getPrintersAsync: () => Promise<unknown[]> };
        prototype.getPrintersAsync = async () => [];
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: target })) as typeof dialog.showSaveDialog;
      },
      pdfPath,
    );
    await page.getByTestId('received-rows').locator('button').first().click();
    await expect.poll(() => existsSync(pdfPath), { timeout: 30_000 }).toBe(true);
    const pdf = (await readFile(pdfPath)).toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    // The default label stock, 62 x 29 mm.
    expect((Number(mediaBox?.[1]) / 72) * 25.4).toBeCloseTo(62, 0);
    expect((Number(mediaBox?.[2]) / 72) * 25.4).toBeCloseTo(29, 0);
  });

  it('saves diagnostics without personal data', async () => {
    const diagnosticsPath = path.join(work, 'diagnostics.json');
    await app.evaluate(({ dialog }, target) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: target })) as typeof dialog.showSaveDialog;
    }, diagnosticsPath);
    await page.keyboard.press('F9');
    await page.locator('#save-diagnostics').click();
    await expect.poll(() => existsSync(diagnosticsPath), { timeout: 30_000 }).toBe(true);
    const text = await readFile(diagnosticsPath, 'utf8');
    const bundle = JSON.parse(text) as { format: string; versions: Record<string, unknown> };
    expect(bundle.format).toBe('conserje-diagnostics/1');
    expect(bundle.versions.electron).toMatch(/^\d+\./);
    expect(text).not.toContain('Ana García');
    expect(text).not.toContain(tracking.stored);
  });

  it('recovers from a renderer crash: the desk reloads by itself and the saved package is still there', async () => {
    await app.evaluate(({ BrowserWindow }) => {
      const desk = BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().endsWith('/index.html'));
      desk?.webContents.forcefullyCrashRenderer();
    });
    // Reloaded after the first backoff step (1 s): a live renderer on the start page again.
    await expect
      .poll(
        () =>
          app.evaluate(({ BrowserWindow }) => {
            const desk = BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().startsWith('app://conserje/'));
            return desk ? { crashed: desk.webContents.isCrashed(), loading: desk.webContents.isLoading(), url: desk.webContents.getURL() } : null;
          }),
        { timeout: 30_000 },
      )
      .toEqual({ crashed: false, loading: false, url: 'app://conserje/index.html' });
    const desk = app.windows().find((candidate) => candidate.url() === 'app://conserje/index.html') ?? page;
    // The session ended with the old renderer (sessions live in memory), and the display may sleep.
    await desk.getByRole('button', { name: /Ana García/ }).waitFor({ timeout: 60_000 });
    await expect.poll(blocks).toContain('stop');
    await signIn(desk, 'Ana García', '1111');
    const packages = await readStore<Package>(desk, 'packages');
    expect(packages.some((pkg) => pkg.trackingNumber === tracking.stored && pkg.status === 'waiting')).toBe(true);
  });
});
