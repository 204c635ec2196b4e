/**
 * A letter as PDF (pdfkit), with a CJK font embedded (subset) so that it prints the same
 * everywhere. The font is found on the machine — Debian's fonts-noto-cjk by default, or the
 * file named by DUNGUARD_CJK_FONT — and a missing font is a clear error, never boxes.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { SIGNATURE_LINE, type Letter } from './letter.js';

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
    table(doc, 64, width, ['时间', '方式', '号码', '自称', '内容摘要'], [0.19, 0.18, 0.16, 0.16, 0.31], l.events.map((e) => [e.when, e.kind, e.number, e.who, e.summary]));
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
  // The close: 此致 (indented) / 敬礼 / the name, a line to sign on and the date, on the right.
  doc.moveDown().fontSize(11).text('此致', 64, doc.y, { indent: 22, width }).text('敬礼', { width });
  if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1.5);
  for (const line of [l.signer, SIGNATURE_LINE, l.date]) doc.text(line, 64, doc.y, { width, align: 'right' }).moveDown(0.5);
  doc.end();
  return done;
}

/** A ruled table with a header row (repeated after a page break); each cell wraps within its column. */
function table(doc: PDFKit.PDFDocument, x: number, width: number, head: string[], shares: number[], rows: string[][]): void {
  const widths = shares.map((s) => s * width);
  const pad = 3;
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: string[]): number => Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const draw = (cells: string[], shade: boolean): void => {
    const h = heightOf(cells);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!shade) draw(head, true);
    }
    const y = doc.y;
    if (shade) doc.rect(x, y, width, h).fill('#eeeeee').fillColor('#000');
    let cx = x;
    cells.forEach((c, i) => {
      doc.text(c, cx + pad, y + pad, { width: widths[i]! - 2 * pad });
      cx += widths[i]!;
    });
    doc.lineWidth(0.5).strokeColor('#999').rect(x, y, width, h).stroke();
    cx = x;
    for (const w of widths.slice(0, -1)) {
      cx += w;
      doc.moveTo(cx, y).lineTo(cx, y + h).stroke();
    }
    doc.x = x;
    doc.y = y + h;
  };
  doc.fontSize(9);
  draw(head, true);
  for (const r of rows) draw(r, false);
  doc.fontSize(10).moveDown(0.3);
}
