/** The harassment report as PDF in the CJK font found on this machine (the writing itself: report-pdf-doc.ts). */
import type { HarassmentReport } from '../record/harassment.js';
import { findCjkFont } from './pdf.js';
import { writeReportPdf } from './report-pdf-doc.js';
import type { Lang } from '../present/words.js';

/** `generatedAt` is an instant (ISO 8601); the report shows it as local date and time in the report's zone. */
export async function reportPdf(r: HarassmentReport, generatedAt: string, font = findCjkFont(), lang: Lang = 'zh'): Promise<Buffer> {
  const pdf = await writeReportPdf(r, generatedAt, font, lang);
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
}
