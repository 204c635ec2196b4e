/**
 * Chromium for the browser tests: Debian's chromium through playwright-core, headless, with
 * nothing that reaches the network on its own. DUNGUARD_CHROMIUM names another binary;
 * DUNGUARD_SKIP_BROWSER=1 skips the browser tests (a missing chromium is an error otherwise).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.DUNGUARD_CHROMIUM ?? '/usr/bin/chromium';
/** Where a failing browser test leaves its screenshots. */
export const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');
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

/**
 * Collects into `problems` what must never happen on a page: a dialog (dismissed), a page
 * error, a refusal by the Content Security Policy and — unless `httpErrors` is false — an
 * HTTP error answer.
 */
export function watchPage(page: Page, problems: string[], o: { httpErrors?: boolean } = {}): void {
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (o.httpErrors !== false) {
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  }
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
}

/** Runs a browser test; when it fails, saves a screenshot of each of `pages()` (named after the test) to test-results/e2e. */
export async function withScreenshots(t: TestContext, pages: () => Page[], f: () => Promise<void>, o: { prefix?: string; nameLength?: number; fullPage?: boolean } = {}): Promise<void> {
  try {
    await f();
  } catch (e) {
    mkdirSync(SHOTS, { recursive: true });
    const name = t.name.replace(/[^\w一-龥-]+/g, '_').slice(0, o.nameLength ?? 80);
    for (const [i, p] of pages().entries()) await p.screenshot({ path: join(SHOTS, `${o.prefix ?? ''}${name}-${i}.png`), fullPage: o.fullPage ?? true }).catch(() => undefined);
    throw e;
  }
}
