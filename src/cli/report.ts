/** `dunguard report [--from --to] [--json]`: the harassment pattern of the record. */
import { writeFile } from 'node:fs/promises';
import { reportHtml, reportText } from '../record/report-text.js';
import { harassmentReport } from '../service/report.js';
import { withCjkFont } from '../service/pdf.js';
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
        await writeFile(opts.out, await withCjkFont(() => reportPdf(report, when)));
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
