/**
 * What kind of image a file is and how large, read from its first bytes before anything is
 * decoded, so that an unsupported, corrupt or huge file is refused with a clear sentence
 * instead of an internal error or all the memory. Screenshots come as PNG or JPEG; other
 * images (HEIC from an iPhone camera, WebP, GIF) are named and refused. Pure.
 */
import { UserError } from '../service/errors.js';

/** Largest screenshot file read (a long scrolling screenshot as PNG is a few MB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Largest image by pixels, and by either side: a scrolling screenshot 1440 × 20,000 fits. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_SIDE = 30_000;

export type ImageKind = 'png' | 'jpeg';

export interface ImageInfo {
  kind: ImageKind;
  width: number;
  height: number;
}

const mb = (n: number): string => (n / 1048576).toFixed(n < 1048576 ? 1 : 0);

export const tooLargeImage = (bytes: number): UserError =>
  new UserError(
    'TOO_LARGE',
    `图片太大（${mb(bytes)} MB，最多 ${mb(MAX_IMAGE_BYTES)} MB）：请截一张较小的图，或把长截图分成几张。`,
    `The image is too large (${mb(bytes)} MB; at most ${mb(MAX_IMAGE_BYTES)} MB): take a smaller screenshot, or split a long one.`,
  );

const unsupported = (what: string, whatEn: string): UserError =>
  new UserError(
    'UNSUPPORTED_IMAGE',
    `只能识别 PNG 或 JPEG 格式的截图，这个文件是${what}：请在手机上重新截图，或在相册里把它另存为 JPEG。`,
    `Only PNG or JPEG screenshots can be read; this file is ${whatEn}: take the screenshot again, or save it as JPEG from the photo album.`,
  );

export const corruptImage = (detail = ''): UserError =>
  new UserError(
    'CORRUPT_IMAGE',
    `这张图片已损坏或不完整，无法读取${detail ? `（${detail}）` : ''}：请重新截图或重新保存一次。`,
    `The image is damaged or incomplete and cannot be read${detail ? ` (${detail})` : ''}: take or save it again.`,
  );

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** Width and height of a JPEG from its first frame header (SOFn), or undefined. */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) return undefined;
    // SOF0–SOF15 except DHT (c4), JPG (c8) and DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + len;
  }
  return undefined;
}

/** The image's kind and size from its header; throws UserError for anything that cannot be read. */
export function inspectImage(b: Uint8Array): ImageInfo {
  if (b.length === 0) throw corruptImage('空文件');
  if (b.length > MAX_IMAGE_BYTES) throw tooLargeImage(b.length);
  let info: ImageInfo | undefined;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') throw corruptImage();
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    info = { kind: 'png', width: v.getUint32(16), height: v.getUint32(20) };
  } else if (startsWith(b, [0xff, 0xd8, 0xff])) {
    const size = jpegSize(b);
    if (size === undefined) throw corruptImage();
    info = { kind: 'jpeg', ...size };
  } else if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    throw unsupported(' WebP 图片', 'a WebP image');
  } else if (ascii(b, 0, 3) === 'GIF') {
    throw unsupported(' GIF 图片', 'a GIF image');
  } else if (ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|msf1|avif)$/.test(ascii(b, 8, 12))) {
    throw unsupported(' HEIC/AVIF 照片（苹果手机相机的格式）', 'a HEIC/AVIF photo (the iPhone camera format)');
  } else if (ascii(b, 0, 2) === 'BM') {
    throw unsupported(' BMP 图片', 'a BMP image');
  } else if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) {
    throw unsupported(' PDF 文件', 'a PDF');
  } else {
    throw unsupported('不认识的格式（不是图片，或已损坏）', 'not an image this program knows (or it is damaged)');
  }
  if (info.width === 0 || info.height === 0) throw corruptImage();
  if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE || info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new UserError(
      'TOO_LARGE',
      `图片的尺寸太大（${info.width} × ${info.height} 像素，最多 ${MAX_IMAGE_PIXELS / 1e6} 百万像素）：请把长截图分成几张。`,
      `The image is too large (${info.width} × ${info.height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} megapixels): split a long screenshot into several.`,
    );
  }
  return info;
}
