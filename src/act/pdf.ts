/**
 * A letter as PDF (pdfkit), with a CJK font embedded (subset) so that it prints the same
 * everywhere. The font is found on the machine — Debian's fonts-noto-cjk by default, or the
 * file named by DUNGUARD_CJK_FONT — and a missing font is a clear error, never boxes.
 */
import { existsSync } from 'node:fs';
import type { Letter } from './letter.js';
import { writeLetterPdf } from './pdf-doc.js';


const CANDIDATES: readonly { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
];

export class FontMissingError extends Error {}

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): { path: string; face?: string } {
  const own = env.DUNGUARD_CJK_FONT;
  if (own) {
    if (!existsSync(own)) throw new FontMissingError(`DUNGUARD_CJK_FONT points to ${own}, which does not exist`);
    return { path: own, ...(env.DUNGUARD_CJK_FONT_FACE ? { face: env.DUNGUARD_CJK_FONT_FACE } : {}) };
  }
  const found = CANDIDATES.find((c) => existsSync(c.path));
  if (!found) throw new FontMissingError('no Chinese font found: install Debian/Ubuntu fonts-noto-cjk (apt-get install fonts-noto-cjk) or set DUNGUARD_CJK_FONT to a .ttf/.otf/.ttc file');
  return found;
}

/** The letter as PDF in the font found on this machine. */
export async function letterPdf(l: Letter, font = findCjkFont()): Promise<Buffer> {
  const pdf = await writeLetterPdf(l, font);
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
}
