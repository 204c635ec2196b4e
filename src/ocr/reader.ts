/**
 * Reading the text off a screenshot, for the CLI and the server: the file is checked here
 * (kind, size, pixels: image.ts), then decoded, prepared and read by Tesseract in a worker
 * thread (ocr-worker.ts), started on first use and kept for later images; its output is
 * tidied (text.ts). One image is read at a time; others wait their turn, up to a limit.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../service/errors.js';
import { corruptImage, inspectImage } from './image.js';
import { tidyOcrText } from './text.js';
import { findChineseData, type TessData } from './tessdata.js';
import type { OcrReply, OcrRequest } from './ocr-worker.js';

export interface OcrResult {
  /** The recognised text, one line per message bubble, for the person to check and correct. */
  text: string;
  /** Tesseract's own text, line for line. */
  raw: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
  width: number;
  height: number;
  /** Milliseconds spent reading this image (decoding, preparing, recognising). */
  ms: number;
  /** Where the recognition data came from. */
  data: string;
}

/** Images waiting beyond the one being read; more are refused as busy. */
export const MAX_WAITING = 8;

export class ScreenshotReader {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: OcrReply) => void; reject: (e: unknown) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private data: TessData | undefined;

  constructor(private readonly opts: { data?: TessData } = {}) {}

  /** Starts the worker and loads the data (about a second); later calls return at once. */
  private start(): Promise<void> {
    if (this.ready) return this.ready;
    this.data = this.opts.data ?? findChineseData();
    const worker = import.meta.url.endsWith('.ts')
      ? // Run from the sources (tests under tsx): the worker registers tsx itself first.
        new Worker(`import('tsx/esm/api').then((t) => t.register()).then(() => import(${JSON.stringify(new URL('./ocr-worker.ts', import.meta.url).href)}))`, { eval: true, workerData: this.data })
      : new Worker(new URL('./ocr-worker.js', import.meta.url), { workerData: this.data });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: OcrReply | { ready: true }) => {
        if ('ready' in m) return resolve();
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve(m);
      });
      worker.on('exit', (code) => {
        // Stopped by close(), or ended by itself (out of memory): whatever waits is answered.
        const err = new UserError('OCR_FAILED', `文字识别中断了（${code}），请重试。`, `Text recognition stopped (${code}); try again.`, 1);
        for (const w of this.waiting.values()) w.reject(err);
        this.waiting.clear();
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
        reject(err);
      });
      worker.on('error', (e) => {
        const err = new UserError('OCR_FAILED', `文字识别出错：${e.message}`, `Text recognition failed: ${e.message}`, 1);
        reject(err);
        for (const w of this.waiting.values()) w.reject(err);
        this.waiting.clear();
        this.worker = undefined;
        this.ready = undefined;
      });
    });
    return this.ready;
  }

  /** Reads one screenshot. Throws UserError for a file that is no readable PNG or JPEG. */
  async recognise(bytes: Uint8Array): Promise<OcrResult> {
    const info = inspectImage(bytes);
    if (this.queued > MAX_WAITING) {
      throw new UserError('BUSY', '正在识别的截图太多了，请稍后再试。', 'Too many screenshots are being read; try again shortly.');
    }
    this.queued++;
    const turn = this.queue.then(async () => {
      await this.start();
      const t0 = performance.now();
      const id = this.next++;
      const reply = await new Promise<OcrReply>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        // A copy, so the caller's buffer stays usable (it is stored as evidence next).
        const copy = new Uint8Array(bytes);
        this.worker!.postMessage({ id, kind: info.kind, bytes: copy } satisfies OcrRequest, [copy.buffer]);
      });
      if ('error' in reply) {
        if (reply.error === 'CORRUPT_IMAGE') throw corruptImage();
        throw new UserError('OCR_FAILED', `文字识别出错，请重试或直接输入文字（${reply.detail}）`, `Text recognition failed; try again or type the text (${reply.detail})`, 1);
      }
      return {
        text: tidyOcrText(reply.raw),
        raw: reply.raw,
        confidence: reply.confidence,
        width: reply.width,
        height: reply.height,
        ms: Math.round(performance.now() - t0),
        data: this.data!.source,
      } satisfies OcrResult;
    });
    this.queue = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.queued--;
    }
  }

  /** Stops the worker (and Tesseract's); a later recognise() starts them again. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (w) await w.terminate();
  }
}
