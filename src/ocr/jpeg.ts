/**
 * A JPEG decoded to RGBA by jpeg-js — on the server (ocr-worker.ts) and in the offline app's
 * OCR worker alike, so that a JPEG gives the same pixels, and so the same text, on both sides
 * (the browser's own decoder rounds differently: measured, two of the three degraded fixtures
 * then read differently). Only jpeg-js's decoder is loaded, not its encoder. No node: module.
 * Throws on a damaged file.
 */
import decode from 'jpeg-js/lib/decoder.js';
import type { Rgba } from './preprocess.js';

export function decodeJpeg(bytes: Uint8Array): Rgba {
  return decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 50, maxMemoryUsageInMB: 1024 });
}
