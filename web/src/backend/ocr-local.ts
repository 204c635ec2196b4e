/**
 * POST /api/ocr in the offline app, answered in the browser: the same contract as the server's
 * route (one PNG or JPEG in the form's field "file" → { text, confidence, width, height, ms }),
 * the same checks of the file (src/ocr/image.ts), the same preparation and Tesseract settings
 * (in ocr.worker.ts) and the same tidy-up of the text (src/ocr/text.ts), so that a screenshot
 * gives the same text on the phone as on a computer. Loaded by the local backend on first use.
 */
import { ApiError } from './backend.js';
import { UserError } from '../../../src/service/errors.js';
import { corruptImage, inspectImage, MAX_IMAGE_BYTES, tooLargeImage } from '../../../src/ocr/image.js';
import { tidyOcrText } from '../../../src/ocr/text.js';
import type { OcrAsk, OcrReply, OcrWarm } from './ocr-protocol.js';

declare const __DUNGUARD_OCR_DIR__: string;

const asApi = (e: UserError, status = 400): ApiError => new ApiError(status, e.code, e.zh, e.en);

let worker: Worker | undefined;
let next = 1;
const waiting = new Map<number, (r: OcrReply) => void>();

function ocrWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'dunguard-ocr' });
  w.onmessage = (e: MessageEvent<OcrReply>) => {
    const done = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    done?.(e.data);
  };
  w.onerror = (e) => {
    e.preventDefault();
    for (const done of waiting.values()) done({ id: 0, error: 'OCR_FAILED', detail: e.message });
    waiting.clear();
    worker = undefined;
  };
  return (worker = w);
}

/**
 * Starts the OCR worker and has it load tesseract.js's worker, core and Chinese data now, while the
 * person is choosing a screenshot, so that the first one does not wait for them (they take about as
 * long as reading a screenshot). Nothing happens when the app has no OCR data; a failure to load
 * (offline before the first use) is reported by the screenshot itself, which tries again.
 */
export function warmUp(): void {
  if (__DUNGUARD_OCR_DIR__ === '') return;
  ocrWorker().postMessage({ warm: true, base: new URL(__DUNGUARD_OCR_DIR__, document.baseURI).href } satisfies OcrWarm);
}

export async function recogniseUpload(body: unknown): Promise<{ text: string; confidence: number; width: number; height: number; ms: number }> {
  const files = body instanceof FormData ? body.getAll('file').filter((f): f is File => f instanceof File) : [];
  if (files.length === 0) throw asApi(new UserError('BAD_INPUT', '没有收到截图', 'No screenshot was received'));
  if (files.length > 1) throw asApi(new UserError('BAD_INPUT', '一次只能识别一张截图。', 'One screenshot at a time.'));
  const file = files[0]!;
  if (file.size > MAX_IMAGE_BYTES) throw asApi(tooLargeImage(file.size), 413);
  const bytes = await file.arrayBuffer();
  let kind: string;
  try {
    kind = inspectImage(new Uint8Array(bytes)).kind;
  } catch (e) {
    if (e instanceof UserError) throw asApi(e, e.code === 'TOO_LARGE' ? 413 : e.code === 'UNSUPPORTED_IMAGE' ? 415 : 400);
    throw e;
  }
  if (__DUNGUARD_OCR_DIR__ === '') {
    throw new ApiError(501, 'NO_OCR_DATA', '这个离线版在制作时没有带上识别中文的数据，不能识别截图：请直接输入文字，或使用电脑版。', 'This offline app was built without the Chinese recognition data and cannot read screenshots: type the text, or use the computer version.');
  }
  const base = new URL(__DUNGUARD_OCR_DIR__, document.baseURI).href;
  const id = next++;
  const reply = await new Promise<OcrReply>((resolve) => {
    waiting.set(id, resolve);
    ocrWorker().postMessage({ id, bytes, type: kind === 'png' ? 'image/png' : 'image/jpeg', base } satisfies OcrAsk, [bytes]);
  });
  if ('error' in reply) {
    if (reply.error === 'CORRUPT_IMAGE') throw asApi(corruptImage());
    if (reply.error === 'NO_OCR_FILES') {
      throw new ApiError(
        503,
        'NO_OCR_FILES',
        '识别文字用的数据还没有下载到这个手机上：第一次识别截图需要联网（约 3 MB，只下载一次），之后离线也能识别。也可以直接输入文字。',
        'The recognition data is not on this phone yet: the first screenshot needs the network (about 3 MB, once); after that it works offline. You can also type the text.',
      );
    }
    throw new ApiError(500, 'OCR_FAILED', `文字识别出错，请重试或直接输入文字（${reply.detail}）`, `Text recognition failed; try again or type the text (${reply.detail})`);
  }
  return { text: tidyOcrText(reply.raw), confidence: reply.confidence, width: reply.width, height: reply.height, ms: reply.ms };
}
