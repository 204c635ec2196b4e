/**
 * Reading a screenshot in the offline app, off the page's thread: the image is decoded (PNG by
 * the browser, JPEG by the same decoder as on the server), prepared by the same code as on the
 * server (src/ocr/preprocess.ts: dark text on white, small images scaled up) and read by
 * tesseract.js with the same settings (src/ocr/settings.ts). Tesseract runs in its own worker,
 * started from here with files of the app's own origin only — its worker script (workerPath,
 * not a blob), the WebAssembly core (corePath) and the Chinese data (langPath) — which the
 * service worker keeps after the first use, so that OCR works offline afterwards. Nothing is
 * fetched from anywhere else and nothing is written to the browser's storage by tesseract.js
 * itself (cacheMethod 'none').
 */
import { createWorker, type Worker as Tesseract } from 'tesseract.js';
import { ocrCore, ocrCoreScript } from './ocr-core.js';
import { prepareScreenshot, toPgm, type Rgba } from '../../../src/ocr/preprocess.js';
import { decodeJpeg } from '../../../src/ocr/jpeg.js';
import { OCR_ENGINE, OCR_LANG, OCR_PARAMETERS } from '../../../src/ocr/settings.js';
import type { OcrAsk, OcrReply, OcrWarm } from './ocr-protocol.js';

const scope = self as unknown as { postMessage(m: OcrReply, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<OcrAsk | OcrWarm>) => void) | null };

let tesseract: Promise<Tesseract> | undefined;

function start(base: string): Promise<Tesseract> {
  return (tesseract ??= (async () => {
    const w = await createWorker(OCR_LANG, OCR_ENGINE, {
      workerPath: base + 'worker.min.js',
      workerBlobURL: false,
      // The fastest core this browser runs (ocr-core.ts).
      corePath: base + ocrCoreScript(await ocrCore()),
      langPath: base.replace(/\/$/, ''),
      gzip: true,
      cacheMethod: 'none',
    });
    await w.setParameters({ ...OCR_PARAMETERS, debug_file: '/dev/null' } as unknown as Parameters<Tesseract['setParameters']>[0]);
    return w;
  })());
}

/** PNG by the browser (exact: the same pixels as pngjs on the server); JPEG by jpeg-js, as on the server. */
async function decode(bytes: ArrayBuffer, type: string): Promise<Rgba> {
  if (type === 'image/jpeg') return decodeJpeg(new Uint8Array(bytes));
  const bitmap = await createImageBitmap(new Blob([bytes], { type }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx === null) throw new Error('no 2d canvas');
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** One image at a time, in order. */
let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = (e) => {
  if ('warm' in e.data) {
    // Started ahead of the first screenshot; if it fails, the screenshot starts it again and says why.
    const started = start(e.data.base);
    started.catch(() => {
      if (tesseract === started) tesseract = undefined;
    });
    return;
  }
  const { id, bytes, type, base } = e.data;
  queue = queue.then(async () => {
    const t0 = performance.now();
    let img: Rgba;
    try {
      img = await decode(bytes, type);
    } catch (err) {
      return scope.postMessage({ id, error: 'CORRUPT_IMAGE', detail: (err as Error).message ?? String(err) });
    }
    let w: Tesseract;
    try {
      w = await start(base);
    } catch (err) {
      tesseract = undefined; // tried again with the next image (the network may be back)
      return scope.postMessage({ id, error: 'NO_OCR_FILES', detail: (err as Error)?.message ?? String(err) });
    }
    try {
      const pgm = toPgm(prepareScreenshot(img));
      const r = await w.recognize(pgm as unknown as Parameters<Tesseract['recognize']>[0]);
      scope.postMessage({ id, raw: r.data.text, confidence: r.data.confidence, width: img.width, height: img.height, ms: Math.round(performance.now() - t0) });
    } catch (err) {
      scope.postMessage({ id, error: 'OCR_FAILED', detail: (err as Error)?.message ?? String(err) });
    }
  });
};
