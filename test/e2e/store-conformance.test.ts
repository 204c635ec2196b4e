/**
 * The store conformance suite (test/store-conformance/suite.ts) in chromium: the browser store
 * on the sql.js WebAssembly SQLite the app ships, each record's database file in IndexedDB with
 * the app's own record file (web/src/backend/record-idb.ts) and Web Locks, verify as the
 * offline app runs it. The page (test/store-conformance/in-chromium/) is built with vite, node:test
 * and node:assert/strict mapped to in-page stand-ins, and served as static files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, SKIP_BROWSER, watchPage } from '../helpers/browser.js';
import { staticApp } from '../helpers/static-app.js';
import type { TestResult } from '../store-conformance/in-chromium/node-test.js';

const root = join(import.meta.dirname, '..', '..');
const page = join(root, 'test', 'store-conformance', 'in-chromium');
const BASE = '/conformance/';

/** The suite's tests, counted in its source: every one must have run in the page. */
const declared = (readFileSync(join(root, 'test', 'store-conformance', 'suite.ts'), 'utf8').match(/^\s+it\(/gm) ?? []).length;

describe('the store conformance suite in chromium (browser store, IndexedDB)', { skip: SKIP_BROWSER ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
  let out: string;
  let server: Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'dunguard-conformance-page-'));
    await build({
      configFile: false,
      root: page,
      base: BASE,
      logLevel: 'warn',
      resolve: {
        alias: {
          'node:test': join(page, 'node-test.ts'),
          'node:assert/strict': join(page, 'assert.ts'),
          'node:crypto': join(root, 'web', 'src', 'shims', 'node-crypto.ts'),
          // the record's CSV import (the suite imports rows), in csv-parse's own browser build
          'csv-parse/sync': 'csv-parse/browser/esm/sync',
        },
      },
      // The `assert` package's util reads process.env.NODE_DEBUG when it loads.
      define: { 'process.env.NODE_DEBUG': 'false' },
      build: { outDir: out, emptyOutDir: true, target: 'es2022', minify: false, reportCompressedSize: false },
    });
    ({ server, origin } = await staticApp(BASE, [], { now: false, reached: [] }, out));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(`runs every test of the suite (${declared}) and each passes`, { timeout: 300_000 }, async () => {
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      const problems: string[] = [];
      watchPage(p, problems);
      await p.goto(`${origin}${BASE}`);
      // What the page's runner leaves (in-chromium/runner.ts): every test's result, or why none ran.
      type Outcome = { results: TestResult[] } | { error: string };
      const left = () => (window as unknown as { __conformance?: Outcome }).__conformance;
      await p.waitForFunction(left, undefined, { timeout: 240_000 });
      const got = (await p.evaluate(left))!;
      if ('error' in got) assert.fail(got.error);
      const { results } = got;
      const failed = results.filter((r) => !r.ok);
      assert.deepEqual(failed, [], failed.map((r) => `${r.name}: ${r.error}`).join('\n\n'));
      assert.equal(results.length, declared, `ran ${results.length} of the suite's ${declared} tests`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
