import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

// Reads electron-builder.yml with electron-builder's own loader and validates it against
// electron-builder's own JSON schema (the checks `electron-builder` runs before packaging), then
// pins the choices that matter for security and distribution.

const projectDir = path.resolve(import.meta.dirname, '..');

interface BuilderConfigApi {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface BuilderUtilApi {
  DebugLogger: new (isEnabled?: boolean) => unknown;
}
interface MacroExpanderApi {
  expandMacro(pattern: string, arch: string | null, appInfo: object): string;
}

// app-builder-lib is electron-builder's engine; resolving it through electron-builder uses the
// exact copy the `dist` script runs, without making it a direct dependency.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const builderConfig = requireFromBuilder('app-builder-lib/out/util/config/config') as BuilderConfigApi;
const builderUtil = requireFromBuilder('builder-util') as BuilderUtilApi;
const macroExpander = requireFromBuilder('app-builder-lib/out/util/macroExpander') as MacroExpanderApi;

let config: Configuration;

beforeAll(async () => {
  config = await builderConfig.getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);
});

/** Target names of a platform section, whatever form (string, list, objects) they take. */
function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : [target];
  return list.map((entry: unknown) =>
    typeof entry === 'string' ? entry : String((entry as { target?: unknown } | null)?.target),
  );
}

/** File patterns, flattened: the loader normalises `files` into [{ filter: [...] }]. */
function filePatterns(files: unknown): string[] {
  const list = Array.isArray(files) ? files : [files];
  return list.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [entry];
    const filter = (entry as { filter?: unknown } | null)?.filter;
    return Array.isArray(filter) ? filter.map(String) : typeof filter === 'string' ? [filter] : [];
  });
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(builderConfig.validateConfiguration(config, new builderUtil.DebugLogger(false))).resolves.toBeUndefined();
  });

  it('identifies the app and its directories', () => {
    expect(config.appId).toBe('app.conserje.desk');
    expect(config.productName).toBe('Conserje');
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'build' });
    expect(config.asar).toBe(true);
  });

  it('ships only the built renderer, the bundled main/preload and package.json', () => {
    expect(filePatterns(config.files)).toEqual(['dist/renderer/**/*', 'dist-electron/**/*', 'package.json', '!node_modules/**/*']);
  });

  it('packages the main entry that package.json points to', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as { main?: string };
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });

  it('targets AppImage and deb on Linux, NSIS on Windows, DMG on macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.linux?.desktop?.entry).toMatchObject({ Name: 'Conserje', Categories: 'Office;' });
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('auto-update feed', () => {
  it('publishes to a generic HTTPS feed whose URL comes from CONSERJE_UPDATE_URL at build time', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.CONSERJE_UPDATE_URL}' });
  });

  it('expands the feed from the environment, and refuses to build without it', () => {
    const url = (config.publish as { url: string }).url;
    const saved = process.env.CONSERJE_UPDATE_URL;
    try {
      process.env.CONSERJE_UPDATE_URL = 'https://updates.example.org/conserje/';
      expect(macroExpander.expandMacro(url, null, {})).toBe('https://updates.example.org/conserje/');
      delete process.env.CONSERJE_UPDATE_URL;
      expect(() => macroExpander.expandMacro(url, null, {})).toThrow(/CONSERJE_UPDATE_URL is not defined/);
    } finally {
      if (saved === undefined) delete process.env.CONSERJE_UPDATE_URL;
      else process.env.CONSERJE_UPDATE_URL = saved;
    }
  });
});

describe('electron-builder.launch-test.yml', () => {
  let launchTest: Configuration;
  beforeAll(async () => {
    launchTest = await builderConfig.getConfig(projectDir, path.join(projectDir, 'electron-builder.launch-test.yml'), null);
  });

  it("passes electron-builder's own schema validation", async () => {
    await expect(builderConfig.validateConfiguration(launchTest, new builderUtil.DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is the shipped configuration with only the inspector fuse Playwright needs turned on, and no update feed', () => {
    expect(launchTest.electronFuses).toEqual({ ...config.electronFuses, enableNodeCliInspectArguments: true });
    expect(launchTest.electronFuses?.runAsNode).toBe(false);
    expect(launchTest.publish).toBeNull();
    expect(launchTest.directories?.output).toBe('release/launch-test');
    expect(filePatterns(launchTest.files)).toEqual(filePatterns(config.files));
    expect(launchTest.appId).toBe(config.appId);
  });
});

describe('build resources', () => {
  it('has a 512x512 PNG icon and its SVG source', async () => {
    const png = await readFile(path.join(projectDir, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const svg = await readFile(path.join(projectDir, 'build', 'icon.svg'), 'utf8');
    expect(svg).toContain('viewBox="0 0 512 512"');
  });
});
