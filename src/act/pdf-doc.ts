/**
 * Writing a letter as PDF (pdfkit), in a CJK font embedded as a subset so that it prints the same
 * everywhere. No Node module: the command line and the server pass a font file found on the
 * machine (pdf.ts), the offline app the font's bytes fetched by the browser.
 */
import PDFDocument from 'pdfkit';
import { EVENT_COLUMNS, SIGNATURE_LINE, type Letter } from './letter.js';

/** The CJK font: a file's path (Node) or its bytes, and the face's PostScript name in a collection (.ttc). */
export interface PdfFont {
  path: string | Uint8Array;
  face?: string;
}

/** An A4 document in the CJK font, and the promise of its bytes once `doc.end()` is called. */
export function startPdf(title: string, margin: { v: number; h: number }, font: PdfFont): { doc: PDFKit.PDFDocument; done: Promise<Uint8Array> } {
  // No default font: pdfkit's standard fonts are not in its browser build, and every text is in the CJK font.
  const doc = new PDFDocument({ size: 'A4', margins: { top: margin.v, bottom: margin.v, left: margin.h, right: margin.h }, info: { Title: title, Creator: 'dunguard' }, font: null as unknown as string });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(concat(chunks))));
  // A path (Node) or the font's bytes (the browser): pdfkit reads both.
  if (font.face) doc.registerFont('cjk', font.path, font.face);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk');
  return { doc, done };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function writeLetterPdf(l: Letter, font: PdfFont): Promise<Uint8Array> {
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
    table(doc, 64, width, [...EVENT_COLUMNS], [0.19, 0.18, 0.16, 0.16, 0.31], l.events.map((e) => [e.when, e.kind, e.number, e.who, e.summary]));
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

/** The mark a printer puts for a character the font lacks (〓, in GB 2312): seen, never an empty box. */
export const MISSING_MARK = '〓';

/**
 * `value` with every character the font cannot draw replaced by 〓 (strings at any depth): the
 * offline app's font holds GB 2312 and the program's own texts, not every character a message
 * can hold (emoji, rare names). Returns the characters replaced.
 */
export function fitToFont<T>(value: T, font: PdfFont): { value: T; replaced: string[] } {
  const probe = new PDFDocument({ font: null as unknown as string, autoFirstPage: false });
  if (font.face) probe.registerFont('cjk', font.path, font.face);
  else probe.registerFont('cjk', font.path);
  probe.font('cjk');
  // pdfkit's font object (fontkit) of the registered font: not in pdfkit's typings, stable across its 0.1x releases.
  const glyphs = (probe as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
  const replaced = new Set<string>();
  const fit = (s: string): string => {
    let out = '';
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c < 0x20 || /\s/u.test(ch) || glyphs.hasGlyphForCodePoint(c)) out += ch;
      else {
        replaced.add(ch);
        out += MISSING_MARK;
      }
    }
    return out;
  };
  const walk = (v: unknown): unknown => (typeof v === 'string' ? fit(v) : Array.isArray(v) ? v.map(walk) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v);
  return { value: walk(value) as T, replaced: [...replaced] };
}
