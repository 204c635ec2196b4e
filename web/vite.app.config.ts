// Builds the offline app to dist/app: the same pages as dist/web over the local backend (the
// check in a Web Worker), a web app manifest and a service worker that precaches the app shell,
// the worker, the data bundle and the model, so it runs with no server and no network after the
// first visit. Relative base: the folder can be put on any static host, at any path.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { findChineseData } from '../src/ocr/tessdata.js';
import { appPdfFont } from './app-font.js';
import { parse as parseYaml } from 'yaml';
import { ReportFormats } from '../src/act/scam-report.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Reading screenshots in the browser: tesseract.js's worker script, its WebAssembly core (the
 * LSTM-only build: relaxed SIMD, SIMD, neither — the page picks one) and the Chinese data, as plain
 * files of the app in one folder (the core finds its .wasm beside the worker script), named by a
 * hash of their contents so that a new version is a new folder. Not precached: they are fetched
 * on the first OCR and then kept by the service worker's runtime cache (about 2.8 MB gzip, outside
 * the first visit's budget). The Chinese data is the one the server reads (src/ocr/tessdata.ts:
 * Debian's tesseract-ocr-chi-sim first), gzipped here; without any, the app is built without OCR
 * and says so when a screenshot is picked.
 */
function ocrFiles(): { dir: string; files: { name: string; source: Uint8Array }[] } {
  const require = createRequire(import.meta.url);
  const tess = dirname(require.resolve('tesseract.js/package.json'));
  const core = dirname(require.resolve('tesseract.js-core/package.json'));
  let data: { langPath: string; gzip: boolean };
  try {
    data = findChineseData();
  } catch {
    console.warn('dunguard: no Chinese OCR data found (apt-get install tesseract-ocr-chi-sim): dist/app is built without reading screenshots');
    return { dir: '', files: [] };
  }
  const traineddata = join(data.langPath, data.gzip ? 'chi_sim.traineddata.gz' : 'chi_sim.traineddata');
  const raw = readFileSync(traineddata);
  const files = [
    // Without the source map comment: the map is not shipped.
    { name: 'worker.min.js', source: Buffer.from(readFileSync(join(tess, 'dist', 'worker.min.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')) },
    ...['tesseract-core-relaxedsimd-lstm', 'tesseract-core-simd-lstm', 'tesseract-core-lstm'].flatMap((n) => [
      { name: `${n}.js`, source: readFileSync(join(core, `${n}.js`)) },
      { name: `${n}.wasm`, source: readFileSync(join(core, `${n}.wasm`)) },
    ]),
    { name: 'chi_sim.traineddata.gz', source: data.gzip ? raw : gzipSync(raw, { level: 9 }) },
  ];
  const h = createHash('sha256');
  for (const f of files) h.update(f.name).update(f.source);
  return { dir: `ocr/${h.digest('hex').slice(0, 12)}/`, files };
}

const ocr = ocrFiles();

/**
 * The PDFs' Chinese font (web/app-font.ts), named by its hash: not precached (not in the first
 * visit), fetched when the first PDF is made, then kept by the runtime cache. Without a font on
 * the building machine the app is built without PDFs and says so when one is asked for.
 */
function pdfFont(): { file: string; bytes: Uint8Array } {
  let f: ReturnType<typeof appPdfFont>;
  try {
    f = appPdfFont(here('..'));
  } catch (e) {
    console.warn(`dunguard: the PDF font could not be made (${(e as Error).message}): dist/app is built without PDFs`);
    f = undefined;
  }
  if (f === undefined) {
    console.warn('dunguard: no Chinese font found (apt-get install fonts-noto-cjk): dist/app is built without PDFs');
    return { file: '', bytes: new Uint8Array() };
  }
  return { file: `pdf/${createHash('sha256').update(f.bytes).digest('hex').slice(0, 12)}/cjk-sc.otf`, bytes: f.bytes };
}

const pdf = pdfFont();

function ocrAssets(): Plugin {
  return {
    name: 'dunguard-ocr-assets',
    generateBundle() {
      for (const f of ocr.files) this.emitFile({ type: 'asset', fileName: ocr.dir + f.name, source: f.source });
      if (pdf.file) this.emitFile({ type: 'asset', fileName: pdf.file, source: pdf.bytes });
      // The service worker's share target (imported by sw.js): a screenshot shared to the app.
      this.emitFile({ type: 'asset', fileName: 'share-target.js', source: readFileSync(here('./app/share-target.js')) });
    },
  };
}

/**
 * offline-files.json (precached): the files the app fetches only on first use — the OCR files and
 * the PDF writer (its chunk, from the check worker's build) with its font — with their sizes, so
 * that the page can keep them on the phone ahead of time, in the background after the first
 * visit (web/src/backend/offline-files.ts), and say how much is still to fetch. Paths are
 * relative to the app's folder; the OCR core comes in three builds of which the phone needs one.
 */
function offlineFilesList(): Plugin {
  return {
    name: 'dunguard-offline-files',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const ocrFile = (name: string): { path: string; bytes: number } => ({ path: ocr.dir + name, bytes: ocr.files.find((f) => f.name === name)!.source.length });
        const core = (n: string): { path: string; bytes: number }[] => [ocrFile(`${n}.js`), ocrFile(`${n}.wasm`)];
        const writer = Object.values(bundle).find((f) => /^assets\/pdf-local-[\w-]+\.js$/.test(f.fileName));
        if (pdf.file && writer === undefined) throw new Error('dunguard-offline-files: the PDF writer chunk (assets/pdf-local-*.js) is not in the bundle');
        const list = {
          ocr:
            ocr.files.length === 0
              ? null
              : {
                  common: [ocrFile('worker.min.js'), ocrFile('chi_sim.traineddata.gz')],
                  cores: { relaxedsimd: core('tesseract-core-relaxedsimd-lstm'), simd: core('tesseract-core-simd-lstm'), plain: core('tesseract-core-lstm') },
                },
          pdf: pdf.file && writer ? [{ path: writer.fileName, bytes: Buffer.byteLength(writer.type === 'chunk' ? writer.code : writer.source) }, { path: pdf.file, bytes: pdf.bytes.length }] : null,
        };
        this.emitFile({ type: 'asset', fileName: 'offline-files.json', source: JSON.stringify(list) });
      },
    },
  };
}

/**
 * The one-step report's formats (data/act/report-formats.yaml) as a module of the worker: read
 * and checked against their schema at build time (as the server checks them when it reads them),
 * so the app prepares the same report from the same data without a YAML parser of its own.
 */
function reportFormats(): Plugin {
  return {
    name: 'dunguard-report-formats',
    load(id) {
      if (!id.endsWith('/data/act/report-formats.yaml')) return null;
      const r = ReportFormats.safeParse(parseYaml(readFileSync(id, 'utf8')));
      if (!r.success) throw new Error(`${id}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return `export default ${JSON.stringify(r.data)};`;
    },
  };
}

/**
 * The pages' code (render.tsx's chunk, imported by the app's entry once the backend has started)
 * and its styles, named in the page's head: the browser fetches them while the entry runs, which
 * starts the check worker first (web/src/app-main.tsx).
 */
function preloadPages(): Plugin {
  return {
    name: 'dunguard-preload-pages',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isDynamicEntry && c.facadeModuleId?.endsWith('/web/src/render.tsx'));
        if (chunk === undefined || chunk.type !== 'chunk') return [];
        const css = [...(chunk.viteMetadata?.importedCss ?? [])];
        return [
          { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `./${chunk.fileName}` }, injectTo: 'head' },
          ...css.map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: '', href: `./${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/** The home-screen icons, drawn from the favicon at build time (phones want PNGs of set sizes). */
function icons(): Plugin {
  return {
    name: 'dunguard-icons',
    generateBundle() {
      const svg = readFileSync(here('./public/favicon.svg'));
      for (const size of [192, 512]) {
        const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
        this.emitFile({ type: 'asset', fileName: `icon-${size}.png`, source: png });
      }
    },
  };
}

export default defineConfig({
  root: here('./app'),
  publicDir: here('./public'),
  base: './',
  plugins: [
    react(),
    preloadPages(),
    icons(),
    ocrAssets(),
    offlineFilesList(),
    VitePWA({
      injectRegister: 'script',
      registerType: 'autoUpdate',
      manifest: {
        name: 'dunguard 催收识别',
        short_name: '催收识别',
        description: '分辨正常催收、违规催收和冒充催收的诈骗（离线可用）',
        lang: 'zh-CN',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b57d0',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
        // Android's share sheet: a screenshot shared to the app is posted here; the service
        // worker (share-target.js) keeps it and opens the check page, which reads it.
        share_target: {
          action: './share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { files: [{ name: 'image', accept: ['image/png', 'image/jpeg', '.png', '.jpg', '.jpeg'] }] },
        },
      },
      workbox: {
        // Everything the app needs: shell, pages, the check worker, data bundle, model weights, and the
        // record's code and WebAssembly SQLite (loaded by the page only when the record is first used).
        globPatterns: ['**/*.{html,js,css,json,f16,wasm,svg,png,webmanifest}'],
        // Not the OCR files, nor the PDF writer and its font: fetched on the first OCR or PDF
        // only, then kept by the runtime cache below.
        globIgnores: ['ocr/**', 'pdf/**', 'assets/pdf-local-*.js'],
        importScripts: ['share-target.js'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        // The only runtime caches: the OCR files and the PDF writer with its font, of this origin
        // (named by their hash, so a cached copy is never stale), kept after first use so they
        // work offline. Nothing else, and nothing from another origin.
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/ocr\/[0-9a-f]{12}\/[\w.-]+$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'dunguard-ocr', cacheableResponse: { statuses: [200] }, expiration: { maxEntries: 12 } },
          },
          // The PDF writer (its chunk) and the font, both named by their hash: kept after the first PDF.
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && (/\/pdf\/[0-9a-f]{12}\/cjk-sc\.otf$/.test(url.pathname) || /\/assets\/pdf-local-[\w-]+\.js$/.test(url.pathname)),
            handler: 'CacheFirst',
            options: { cacheName: 'dunguard-pdf', cacheableResponse: { statuses: [200] }, expiration: { maxEntries: 6 } },
          },
        ],
      },
    }),
  ],
  // The record's SHA-256 (audit chain, verify) in the browser: see src/shims/node-crypto.ts.
  resolve: { alias: { 'node:crypto': here('./src/shims/node-crypto.ts') } },
  // Where the OCR files are, relative to the page ('' when built without them).
  define: { __DUNGUARD_OCR_DIR__: JSON.stringify(ocr.dir), __DUNGUARD_PDF_FONT__: JSON.stringify(pdf.file) },
  worker: { format: 'es', plugins: () => [reportFormats()] },
  build: {
    outDir: here('../dist/app'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
