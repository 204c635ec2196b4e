/**
 * dist/app served as a plain static host would serve it: files only, under a sub-path, no
 * dunguard process behind it. While `down.now` is set the host is unreachable, as for a phone
 * with no network: a request is logged in `down.reached` and its connection cut. (The same
 * server for every offline-app test.)
 */
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { launchChromium, watchPage } from './browser.js';

export const APP = join(import.meta.dirname, '..', '..', 'dist', 'app');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.f16': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.otf': 'font/otf',
  '.gz': 'application/gzip',
};

export interface Down {
  now: boolean;
  reached: string[];
}

/**
 * `pages`: extra HTML pages outside the app's folder, by path (another app's page, say, standing
 * in for Android's share sheet), so the app's CSP does not apply to them.
 */
export function staticApp(base: string, log: string[], down: Down, root = APP, pages: Record<string, string> = {}): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (down.now) {
      down.reached.push(path);
      return void req.socket.destroy();
    }
    log.push(path);
    const page = pages[path];
    if (page !== undefined) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (!path.startsWith(base)) return void res.writeHead(404).end();
    const file = normalize(join(root, path.slice(base.length) || 'index.html'));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    }),
  );
}

/**
 * Cuts the network both ways: chromium's offline mode for the page and its workers, and the host
 * itself. Chromium's offline mode does not cover the browser's own service worker update check
 * (it re-fetches sw.js and the scripts it imports — workbox, share-target.js — on navigations),
 * which once reached the host in CI while "offline"; with the host down too, that check fails as
 * it would on a phone.
 */
export async function setOffline(context: BrowserContext, down: Down, on: boolean): Promise<void> {
  await context.setOffline(on);
  down.now = on;
}

/** What reached the host while it was down, less the browser's service worker update check. */
export function reachedWhileOffline(down: Down, base: string): string[] {
  const updateCheck = new RegExp(`^${base}(sw|share-target|workbox-[\\w-]+)\\.js$`);
  return down.reached.filter((p) => !updateCheck.test(p));
}

/** The offline app on a phone, as the offline-app tests open it (see openOfflineApp). */
export interface OfflinePhone {
  server: Server;
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * dist/app on its static host (staticApp: `base`, `served`, `down`, `pages`) and a phone to open it
 * with: chromium's phone emulation (360 × 740, touch, zh-CN, Beijing time) with service workers on.
 * Every request of the page, its workers and the service worker is shown to `onRequest` and, when
 * it leaves the app's origin, put in `foreign`; the page's dialogs, errors and CSP refusals go into
 * `problems` (its HTTP errors do not: the tests cut the host off on purpose). The page is blank.
 */
export async function openOfflineApp(o: {
  base: string;
  served: string[];
  down: Down;
  pages?: Record<string, string>;
  deviceScaleFactor: number;
  timeout: number;
  acceptDownloads?: boolean;
  foreign: string[];
  problems: string[];
  onRequest?: (url: string) => void;
}): Promise<OfflinePhone> {
  const { server, origin } = await staticApp(o.base, o.served, o.down, APP, o.pages);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: o.deviceScaleFactor,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      serviceWorkers: 'allow',
      ...(o.acceptDownloads === true ? { acceptDownloads: true } : {}),
    });
    context.setDefaultTimeout(o.timeout);
    context.on('request', (r) => {
      const url = r.url();
      o.onRequest?.(url);
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) o.foreign.push(url);
    });
    const page = await context.newPage();
    watchPage(page, o.problems, { httpErrors: false });
    return { server, origin, browser, context, page };
  } catch (e) {
    await closeOfflineApp({ server, browser });
    throw e;
  }
}

/** Closes what openOfflineApp opened (whatever of it there is: a failed start leaves some undefined). */
export async function closeOfflineApp(p: Partial<OfflinePhone> | undefined): Promise<void> {
  await p?.context?.close();
  await p?.browser?.close();
  const server = p?.server;
  if (server !== undefined) await new Promise((r) => server.close(r));
}

/** Waits until the app's service worker is active (its precache filled) and controls the page. */
export async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
