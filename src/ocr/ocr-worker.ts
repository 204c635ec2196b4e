/**
 * The OCR worker thread: decodes a screenshot (PNG or JPEG), prepares it (preprocess.ts) and
 * has Tesseract read it — all off the main thread, so the server keeps answering meanwhile.
 * Tesseract itself runs in tesseract.js's own worker, started from here with local files
 * only (its Node worker script, tesseract.js-core's WebAssembly, the data in workerData).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { decodeJpeg } from './jpeg.js';
import { PNG } from 'pngjs';
import { prepareScreenshot, toPgm, type Rgba } from './preprocess.js';
import type { ImageKind } from './image.js';
import type { TessData } from './tessdata.js';
import { OCR_ENGINE, OCR_LANG, OCR_PARAMETERS } from './settings.js';

export interface OcrRequest {
  id: number;
  kind: ImageKind;
  bytes: Uint8Array;
}
export type OcrReply = { id: number; raw: string; confidence: number; width: number; height: number } | { id: number; error: 'CORRUPT_IMAGE' | 'OCR_FAILED'; detail: string };

const data = workerData as TessData;
const require = createRequire(import.meta.url);
const workerPath = join(dirname(require.resolve('tesseract.js/package.json')), 'src', 'worker-script', 'node', 'index.js');
const corePath = dirname(require.resolve('tesseract.js-core/package.json'));

const tesseract = await Tesseract.createWorker(OCR_LANG, OCR_ENGINE, {
  langPath: data.langPath,
  gzip: data.gzip,
  workerPath,
  corePath,
  // Never write a cached copy of the data into the working folder.
  cacheMethod: 'none',
});
// Automatic page layout (settings.ts, as in the offline app): each message bubble comes out as its own paragraph.
await tesseract.setParameters({ ...OCR_PARAMETERS, debug_file: '/dev/null' } as unknown as Parameters<typeof tesseract.setParameters>[0]);

function decode(kind: ImageKind, bytes: Uint8Array): Rgba {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png') return PNG.sync.read(buf);
  return decodeJpeg(bytes);
}

parentPort!.on('message', async (m: OcrRequest) => {
  let img: Rgba;
  try {
    img = decode(m.kind, m.bytes);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: 'CORRUPT_IMAGE', detail: (e as Error).message } satisfies OcrReply);
    return;
  }
  try {
    const pgm = toPgm(prepareScreenshot(img));
    const r = await tesseract.recognize(Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength));
    parentPort!.postMessage({ id: m.id, raw: r.data.text, confidence: r.data.confidence, width: img.width, height: img.height } satisfies OcrReply);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: 'OCR_FAILED', detail: (e as Error).message ?? String(e) } satisfies OcrReply);
  }
});
parentPort!.postMessage({ ready: true });
