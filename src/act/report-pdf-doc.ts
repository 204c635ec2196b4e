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
import type { Lang } from '../present/words.js';
import { startPdf, type PdfFont } from './pdf-doc.js';

/** The PDF's own words, in the report's two languages. */
const WORDS = {
  title: { zh: '骚扰情况报告', en: 'Harassment report' },
  most: { zh: (n: number) => `最多 ${n} 次`, en: (n: number) => `at most ${n}` },
  head: {
    zh: (when: string, events: number, numbers: number, night: string, zone: string) => `生成时间 ${when} · 记录 ${events} 条 · 号码 ${numbers} 个 · 夜间时段 ${night}（${zone}）`,
    en: (when: string, events: number, numbers: number, night: string, zone: string) => `Made ${when} · ${events} ${events === 1 ? 'record' : 'records'} · ${numbers} ${numbers === 1 ? 'number' : 'numbers'} · night ${night} (${zone})`,
  },
  perDay: { zh: '每日联系次数（红色为夜间联系）', en: 'Contacts per day (red: at night)' },
  perHour: { zh: '按小时的联系次数（粉色为夜间时段）', en: 'Contacts by hour of the day (pink: the night window)' },
  findings: { zh: '发现', en: 'Findings' },
  none: { zh: '没有发现骚扰特征。', en: 'No sign of harassment was found.' },
  reference: { zh: '参考：', en: 'Reference: ' },
  basis: { zh: '依据：', en: 'Basis: ' },
  reported: { zh: '（据报道，非法律原文）', en: ' (as reported, not the law\'s own text)' },
} as const;

function bars(doc: PDFKit.PDFDocument, lang: Lang, x: number, y: number, w: number, h: number, values: number[], labels: string[], shade?: (i: number) => boolean): void {
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
  doc.text(WORDS.most[lang](max), x + w - 60, y - 10, { width: 60, align: 'right', lineBreak: false });
}

/**
 * `generatedAt` is an instant (ISO 8601); the report shows it as local date and time in the report's zone.
 * Chinese unless `lang` says English (`report --out x.pdf --lang en`).
 */
export function writeReportPdf(r: HarassmentReport, generatedAt: string, font: PdfFont, lang: Lang = 'zh'): Promise<Uint8Array> {
  const { doc, done } = startPdf(WORDS.title[lang], { v: 50, h: 56 }, font);
  const w = doc.page.width - 112;
  doc.fontSize(16).text(WORDS.title[lang], { align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(WORDS.head[lang](localDateTime(generatedAt, r.settings.timezone, lang), r.totals.events, r.totals.numbers, r.settings.night_window, zoneName(r.settings.timezone, lang)), { align: 'center' });
  doc.fillColor('#000').moveDown();

  doc.fontSize(12).text(WORDS.perDay[lang]);
  let y = doc.y + 14;
  const perDay = everyDay(r); // every day from the first to the last, so that gaps show
  bars(doc, lang, 56, y, w, 90, perDay.map((d) => d.count), perDay.map((d) => d.date.slice(5)));
  // Night contacts drawn over the day bars.
  const maxDay = Math.max(1, ...perDay.map((d) => d.count));
  const bw = w / Math.max(1, perDay.length);
  perDay.forEach((d, i) => {
    const bh = (d.night / maxDay) * 86;
    if (bh > 0) doc.rect(56 + i * bw + bw * 0.15, y + 90 - bh, bw * 0.7, bh).fill('#c33');
  });
  doc.fillColor('#000');
  doc.y = y + 110;
  doc.fontSize(12).text(WORDS.perHour[lang], 56);
  y = doc.y + 14;
  const [start, end] = r.settings.night_window.split('–') as [string, string];
  const a = minutesOf(start) / 60;
  const b = minutesOf(end) / 60;
  bars(doc, lang, 56, y, w, 90, r.perHour, r.perHour.map((_, h) => String(h)), (h) => (a <= b ? h >= a && h < b : h >= a || h < b));
  doc.fillColor('#000');
  doc.y = y + 110;
  doc.x = 56;

  doc.fontSize(12).text(WORDS.findings[lang]);
  doc.fontSize(9.5);
  if (r.findings.length === 0) doc.text(WORDS.none[lang]);
  for (const f of r.findings) {
    doc.moveDown(0.4).fontSize(10.5).text(`• ${f.title[lang]}`).fontSize(9).text(detailOf(f, lang), { indent: 12 });
    const ref = referenceOf(f, lang);
    if (ref) doc.fillColor('#555').text(`${WORDS.reference[lang]}${ref}`, { indent: 12 }).fillColor('#000');
    for (const c of f.law) doc.text(`${WORDS.basis[lang]}${c.law[lang]} ${c.article[lang]} — ${c.summary[lang]}${c.quoted ? '' : WORDS.reported[lang]}`, { indent: 12 });
  }
  doc.end();
  return done;
}
