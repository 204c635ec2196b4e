/**
 * Which build of tesseract.js's WebAssembly core this browser runs: relaxed SIMD (Chrome and
 * Android's WebView since 114) is the fastest, then SIMD (all current browsers; not Safari
 * before 16.4), then the plain one — as tesseract.js picks in Node where the engine has it. They
 * read the same text off every fixture (bench:ocr). One answer for the OCR worker, which loads
 * the core, and for the page, which keeps that core on the phone ahead of time.
 */
import { relaxedSimd, simd } from 'wasm-feature-detect';

export type OcrCore = 'relaxedsimd' | 'simd' | 'plain';

export async function ocrCore(): Promise<OcrCore> {
  return (await relaxedSimd()) ? 'relaxedsimd' : (await simd()) ? 'simd' : 'plain';
}

/** The core's script in the OCR folder (its .wasm lies beside it). */
export const ocrCoreScript = (c: OcrCore): string => (c === 'plain' ? 'tesseract-core-lstm.js' : `tesseract-core-${c}-lstm.js`);
