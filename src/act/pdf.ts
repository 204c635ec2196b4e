/**
 * A letter as PDF (pdfkit), with a CJK font embedded (subset) so that it prints the same
 * everywhere. The font is found on the machine — Debian's fonts-noto-cjk by default, or the
 * file named by DUNGUARD_CJK_FONT — and a missing font is a clear error, never boxes.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Letter } from './letter.js';

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

/** An A4 document in the CJK font, and the promise of its bytes once `doc.end()` is called. */
export function startPdf(title: string, margin: { v: number; h: number }, font = findCjkFont()): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margins: { top: margin.v, bottom: margin.v, left: margin.h, right: margin.h }, info: { Title: title, Creator: 'dunguard' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (font.face) doc.registerFont('cjk', font.path, font.face);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk');
  return { doc, done };
}

export function letterPdf(l: Letter, font = findCjkFont()): Promise<Buffer> {
  const { doc, done } = startPdf(l.title, { v: 56, h: 64 }, font);
  const width = doc.page.width - 128;
  doc.fontSize(16).text(l.title, { align: 'center', width });
  doc.moveDown();
  doc.fontSize(11).text(`${l.recipient}：`);
  doc.moveDown(0.5);
  for (const p of l.paragraphs) doc.text(p, { indent: 22, lineGap: 3, width }).moveDown(0.4);
  const heading = (t: string): void => {
    doc.moveDown(0.6).fontSize(13).text(t).fontSize(10).moveDown(0.3);
  };
  if (l.events?.length) {
    heading('联系记录');
    for (const e of l.events) doc.text(`${e.when}  ${e.kind}  ${e.number}  ${e.who}${e.summary ? `  “${e.summary}”` : ''}`, { width, lineGap: 2 });
  }
  if (l.findings?.length) {
    heading('发现的问题');
    for (const f of l.findings) doc.text(`• ${f.title}`, { width, lineGap: 2 });
  }
  if (l.law?.length) {
    heading('相关规定');
    for (const c of l.law) doc.text(`${c.law.zh} ${c.article.zh}：${c.quoted && c.text ? c.text : `${c.summary.zh}（据报道，非法律原文）`}`, { width, lineGap: 2 }).moveDown(0.3);
  }
  if (l.evidence?.length) {
    heading('证据清单（SHA-256）');
    for (const e of l.evidence) doc.text(`${e.name}（${e.size} 字节）：${e.sha256}`, { width, lineGap: 2 });
  }
  doc.moveDown().fontSize(11).text('此致').text(l.date);
  doc.end();
  return done;
}
