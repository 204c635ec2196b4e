// Builds the offline app to dist/app: the same pages as dist/web over the local backend (the
// check in a Web Worker), a web app manifest and a service worker that precaches the app shell,
// the worker, the data bundle and the model, so it runs with no server and no network after the
// first visit. Relative base: the folder can be put on any static host, at any path.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

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
    icons(),
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
      },
      workbox: {
        // Everything the app needs: shell, pages, the check worker, data bundle, model weights, and the
        // record's code and WebAssembly SQLite (loaded by the page only when the record is first used).
        globPatterns: ['**/*.{html,js,css,json,f32,wasm,svg,png,webmanifest}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        // No runtime caching of anything else, and nothing from another origin.
        runtimeCaching: [],
      },
    }),
  ],
  // The record's SHA-256 (audit chain, verify) in the browser: see src/shims/node-crypto.ts.
  resolve: { alias: { 'node:crypto': here('./src/shims/node-crypto.ts') } },
  worker: { format: 'es' },
  build: {
    outDir: here('../dist/app'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
