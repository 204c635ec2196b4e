/**
 * PDFs in the offline app, written in the check worker by the same code as the command line's
 * (src/act/pdf-doc.ts, report-pdf-doc.ts: pdfkit's browser build), in the Chinese font the build
 * made (web/app-font.ts: Noto Sans CJK SC cut to GB 2312 and the program's texts, about 1.6 MB
 * gzip). This module and the font are loaded only when a PDF is first made — not on the first
 * visit — and then kept by the service worker, so later PDFs are made offline. A character the
 * font lacks is printed as 〓, never as an empty box.
 */
import { fitToFont, writeLetterPdf, type PdfFont } from '../../../src/act/pdf-doc.js';
import { writeReportPdf } from '../../../src/act/report-pdf-doc.js';
import type { Letter } from '../../../src/act/letter.js';
import type { HarassmentReport } from '../../../src/record/harassment.js';
import { UserError } from '../../../src/service/errors.js';
import type { Lang } from '../../../src/present/words.js';

/** The font's address relative to the app's folder ('' when the app was built without one). */
declare const __DUNGUARD_PDF_FONT__: string;

let loading: Promise<PdfFont> | undefined;

function font(): Promise<PdfFont> {
  if (__DUNGUARD_PDF_FONT__ === '') {
    return Promise.reject(new UserError('NO_FONT', '这个离线版构建时没有中文字体，不能生成PDF。请使用电脑版（在电脑上运行 dunguard serve）生成PDF。', 'This offline app was built without a Chinese font and cannot write PDFs: use the computer version (dunguard serve).'));
  }
  // The worker's script is in assets/, the font in the app's folder above it. (Not `new URL(…, import.meta.url)`: the build would read that as a pattern of files to bundle.)
  loading ??= fetch(new URL(__DUNGUARD_PDF_FONT__, new URL('..', self.location.href)))
    .then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return { path: new Uint8Array(await r.arrayBuffer()) };
    })
    .catch((e: unknown) => {
      loading = undefined;
      throw new UserError(
        'NO_FONT',
        `第一次生成PDF时需要联网一次，下载PDF程序和中文字体（约1.8 MB）；以后不联网也能生成。请联网后再试。（${(e as Error).message}）`,
        `The first PDF needs the network once, to fetch the PDF writer and the Chinese font (about 1.8 MB); later PDFs are made offline. Go online and try again. (${(e as Error).message})`,
      );
    });
  return loading;
}

export async function letterPdfHere(letter: Letter): Promise<Uint8Array> {
  const f = await font();
  return writeLetterPdf(fitToFont(letter, f).value, f);
}

export async function reportPdfHere(report: HarassmentReport, generatedAt: string, lang: Lang = 'zh'): Promise<Uint8Array> {
  const f = await font();
  return writeReportPdf(fitToFont(report, f).value, generatedAt, f, lang);
}
