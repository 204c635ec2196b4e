/** `dunguard report [--from --to] [--json]`: the harassment pattern of the record. */
import { writeFile } from 'node:fs/promises';
import { reportHtml, reportText } from '../record/report-text.js';
import { harassmentReport } from '../service/report.js';
import { UserError } from './io.js';
import type { Lang } from './format.js';
import { out, type Common } from './log.js';
import { openRecord } from '../service/record-context.js';

export async function runReport(opts: Common & { from?: string; to?: string; lang: Lang; night?: string; out?: string }): Promise<string> {
  const ctx = await openRecord(opts.dataDir);
  try {
    const report = await harassmentReport(ctx, opts);
    if (opts.out !== undefined) {
      const when = new Date().toISOString();
      if (opts.out.endsWith('.pdf')) {
        const { reportPdf } = await import('../act/report-pdf.js');
        const { FontMissingError } = await import('../act/pdf.js');
        try {
          await writeFile(opts.out, await reportPdf(report, when));
        } catch (e) {
          if (e instanceof FontMissingError) throw new UserError('NO_FONT', `找不到中文字体，无法生成PDF：${e.message}`, `Cannot write the PDF: ${e.message}`);
          throw e;
        }
      } else {
        await writeFile(opts.out, reportHtml(report, when));
      }
      return out(opts, { out: opts.out }, () => `wrote ${opts.out}`);
    }
    return out(opts, report, () => reportText(report, opts.lang));
  } finally {
    await ctx.close();
  }
}
