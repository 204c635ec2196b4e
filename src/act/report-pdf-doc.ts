/**
 * The harassment report as PDF: the findings with their basis, and two vector charts —
 * contacts per day, and contacts per hour of the day with the night window shaded. No Node
 * module (the offline app writes it in the browser); reportPdf in report-pdf.ts finds the
 * machine's font.
 */
import type { HarassmentReport } from '../record/harassment.js';
import { localDateTime } from '../record/labels.js';
import { detailOf, everyDay, referenceOf, zoneName } from '../record/report-text.js';
import { minutesOf } from '../record/time.js';
import { startPdf, type PdfFont } from './pdf-doc.js';

function bars(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, values: number[], labels: string[], shade?: (i: number) => boolean): void {
  const max = Math.max(1, ...values);
  const bw = w / Math.max(1, values.length);
  if (shade) for (let i = 0; i < values.length; i++) if (shade(i)) doc.rect(x + i * bw, y, bw, h).fill('#fde2e2');
  doc.lineWidth(0.5).strokeColor('#999').moveTo(x, y + h).lineTo(x + w, y + h).stroke();
  values.forEach((v, i) => {
    const bh = (v / max) * (h - 4);
    if (bh > 0) doc.rect(x + i * bw + bw * 0.15, y + h - bh, bw * 0.7, bh).fill(shade?.(i) ? '#c33' : '#557');
  });
  doc.fillColor('#333').fontSize(7);
  const step = Math.max(1, Math.ceil(labels.length / 12));
  labels.forEach((l, i) => {
    if (i % step === 0) doc.text(l, x + i * bw, y + h + 2, { width: bw * step, lineBreak: false });
  });
  doc.text(`最多 ${max} 次`, x + w - 60, y - 10, { width: 60, align: 'right', lineBreak: false });
}

/** `generatedAt` is an instant (ISO 8601); the report shows it as local date and time in the report's zone. */
export function writeReportPdf(r: HarassmentReport, generatedAt: string, font: PdfFont): Promise<Uint8Array> {
  const { doc, done } = startPdf('骚扰情况报告', { v: 50, h: 56 }, font);
  const w = doc.page.width - 112;
  doc.fontSize(16).text('骚扰情况报告', { align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(`生成时间 ${localDateTime(generatedAt, r.settings.timezone, 'zh')} · 记录 ${r.totals.events} 条 · 号码 ${r.totals.numbers} 个 · 夜间时段 ${r.settings.night_window}（${zoneName(r.settings.timezone, 'zh')}）`, { align: 'center' });
  doc.fillColor('#000').moveDown();

  doc.fontSize(12).text('每日联系次数（红色为夜间联系）');
  let y = doc.y + 14;
  const perDay = everyDay(r); // every day from the first to the last, so that gaps show
  bars(doc, 56, y, w, 90, perDay.map((d) => d.count), perDay.map((d) => d.date.slice(5)));
  // Night contacts drawn over the day bars.
  const maxDay = Math.max(1, ...perDay.map((d) => d.count));
  const bw = w / Math.max(1, perDay.length);
  perDay.forEach((d, i) => {
    const bh = (d.night / maxDay) * 86;
    if (bh > 0) doc.rect(56 + i * bw + bw * 0.15, y + 90 - bh, bw * 0.7, bh).fill('#c33');
  });
  doc.fillColor('#000');
  doc.y = y + 110;
  doc.fontSize(12).text('按小时的联系次数（粉色为夜间时段）', 56);
  y = doc.y + 14;
  const [start, end] = r.settings.night_window.split('–') as [string, string];
  const a = minutesOf(start) / 60;
  const b = minutesOf(end) / 60;
  bars(doc, 56, y, w, 90, r.perHour, r.perHour.map((_, h) => String(h)), (h) => (a <= b ? h >= a && h < b : h >= a || h < b));
  doc.fillColor('#000');
  doc.y = y + 110;
  doc.x = 56;

  doc.fontSize(12).text('发现');
  doc.fontSize(9.5);
  if (r.findings.length === 0) doc.text('没有发现骚扰特征。');
  for (const f of r.findings) {
    doc.moveDown(0.4).fontSize(10.5).text(`• ${f.title.zh}`).fontSize(9).text(detailOf(f, 'zh'), { indent: 12 });
    const ref = referenceOf(f, 'zh');
    if (ref) doc.fillColor('#555').text(`参考：${ref}`, { indent: 12 }).fillColor('#000');
    for (const c of f.law) doc.text(`依据：${c.law.zh} ${c.article.zh} — ${c.summary.zh}${c.quoted ? '' : '（据报道，非法律原文）'}`, { indent: 12 });
  }
  doc.end();
  return done;
}
