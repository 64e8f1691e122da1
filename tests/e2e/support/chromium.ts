import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string | null {
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Why browser tests cannot run here, or null when they can. Printed by the suites that skip. */
export function chromiumUnavailableReason(): string | null {
  return chromiumPath() ? null : `no Chromium found (looked at ${CANDIDATES.join(', ')}); install it with 'apt-get install -y chromium' or set CHROMIUM_PATH`;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(chromiumUnavailableReason() ?? 'no chromium');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
