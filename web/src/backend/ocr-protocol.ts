/** The messages between the page (ocr-local.ts) and the OCR worker (ocr.worker.ts). */

/** Start tesseract.js (worker, core, data) now, before any screenshot: nothing is answered. */
export interface OcrWarm {
  warm: true;
  base: string;
}

export interface OcrAsk {
  id: number;
  /** The screenshot's bytes (PNG or JPEG, already checked by src/ocr/image.ts in the page). */
  bytes: ArrayBuffer;
  type: string;
  /** Absolute address of the folder with the OCR files (worker script, core, Chinese data). */
  base: string;
}

export type OcrReply =
  | { id: number; raw: string; confidence: number; width: number; height: number; ms: number }
  | { id: number; error: 'CORRUPT_IMAGE' | 'NO_OCR_FILES' | 'OCR_FAILED'; detail: string };
