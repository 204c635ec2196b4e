/**
 * `--image shot.png` for `dunguard check` and `dunguard log add`: the screenshot's text by
 * OCR (src/ocr), shown to the person before anything is decided on it, since OCR misreads.
 */
import { stat } from 'node:fs/promises';
import { MAX_IMAGE_BYTES, tooLargeImage } from '../ocr/image.js';
import { ScreenshotReader, type OcrResult } from '../ocr/reader.js';
import { safeForTerminal } from '../present/safe-text.js';
import { say, type Lang } from '../present/words.js';
import { UserError, readFileBytes } from './io.js';

export interface Screenshot {
  bytes: Buffer;
  ocr: OcrResult;
}

/** Reads the file (refused past MAX_IMAGE_BYTES before reading) and its text; no text at all is an error. */
export async function readScreenshot(path: string): Promise<Screenshot> {
  const size = await stat(path).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  if (size !== undefined && size > MAX_IMAGE_BYTES) throw tooLargeImage(size);
  const bytes = await readFileBytes(path); // the clear error for a missing or unreadable file
  const reader = new ScreenshotReader();
  try {
    const ocr = await reader.recognise(bytes);
    if (!/\S/.test(ocr.text)) {
      throw new UserError(
        'NO_TEXT_IN_IMAGE',
        '没有从这张图片里识别出文字：请换一张更清晰的截图（不要裁得太小），或直接输入文字。',
        'No text was recognised in this image: try a sharper screenshot (not cropped too small), or type the text.',
      );
    }
    return { bytes, ocr };
  } finally {
    await reader.close();
  }
}

/** The recognised text as printed before the verdict: untrusted, so controls shown and links defanged. */
export function describeRecognised(ocr: OcrResult, lang: Lang): string {
  const head = say(lang, '从截图识别出的文字（识别可能有误，请与截图核对）：', 'Text recognised in the screenshot (OCR can misread: compare it with the image):');
  const body = ocr.text.split('\n').map((l) => `  ${safeForTerminal(l)}`).join('\n');
  return `${head}\n${body}\n\n`;
}
