/**
 * How Tesseract is set up to read a screenshot, the same on the server (ocr-worker.ts) and in
 * the offline app's browser worker (web/src/backend/ocr.worker.ts), so that both give the same
 * text: the Chinese data, the LSTM engine only, and automatic page layout (each message bubble
 * comes out as its own paragraph). Pure constants, no import.
 */

/** The language data read (chi_sim.traineddata, with Latin letters and digits in it). */
export const OCR_LANG = 'chi_sim';
/** Tesseract's OEM 1: the LSTM engine only (the smaller "-lstm" WebAssembly core). */
export const OCR_ENGINE = 1;
/** Tesseract's parameters: page segmentation 3 (automatic layout, no orientation detection). */
export const OCR_PARAMETERS = { tessedit_pageseg_mode: '3' } as const;
