/**
 * Chromium for the browser tests: Debian's chromium through playwright-core, headless, with
 * nothing that reaches the network on its own. DUNGUARD_CHROMIUM names another binary;
 * DUNGUARD_SKIP_BROWSER=1 skips the browser tests (a missing chromium is an error otherwise).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.DUNGUARD_CHROMIUM ?? '/usr/bin/chromium';
export const SKIP_BROWSER = process.env.DUNGUARD_SKIP_BROWSER === '1';
if (!SKIP_BROWSER && !existsSync(CHROMIUM)) {
  throw new Error(`chromium not found at ${CHROMIUM}: install it (apt-get install chromium), set DUNGUARD_CHROMIUM, or set DUNGUARD_SKIP_BROWSER=1 to skip the browser tests`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
