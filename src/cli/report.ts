/** `dunguard report [--from --to] [--json]`: the harassment pattern of the record. */
import { reportHtml, reportText } from '../record/report-text.js';
import { harassmentReport } from '../service/report.js';
import { withCjkFont } from '../service/pdf.js';
import type { Lang } from './format.js';
import { out, type Common } from './output.js';
import { openRecord } from '../service/record-context.js';
import { requireOutFile, writeOutFile } from './io.js';
import { readPeriod } from '../service/period.js';
import { say } from '../present/words.js';
import { tagLabel, type NumberTag } from '../record/tags.js';

/** The numbers the person tagged, after the report. */
function tagsText(tags: readonly NumberTag[], lang: Lang): string {
  if (tags.length === 0) return '';
  const head = say(lang, '\n你标记过的号码：\n', '\nNumbers you tagged:\n');
  return head + tags.map((t) => `  ${t.number}  ${tagLabel(t, lang)}`).join('\n') + '\n';
}

export async function runReport(opts: Common & { from?: string; to?: string; lang: Lang; night?: string; out?: string }): Promise<string> {
  readPeriod(opts.from, opts.to, ['--from', '--to']);
  if (opts.out !== undefined) await requireOutFile(opts.out, ['.pdf', '.html', '.htm'], { zh: '报告', en: 'the report' });
  const ctx = await openRecord(opts.dataDir, { existing: true });
  try {
    const report = await harassmentReport(ctx, opts);
    if (opts.out !== undefined) {
      const when = new Date().toISOString();
      if (/\.pdf$/i.test(opts.out)) {
        const { reportPdf } = await import('../act/report-pdf.js');
        await writeOutFile(opts.out, await withCjkFont(() => reportPdf(report, when, undefined, opts.lang)));
      } else {
        await writeOutFile(opts.out, reportHtml(report, when, opts.lang));
      }
      return out(opts, { out: opts.out }, () => say(opts.lang, `已保存到 ${opts.out}`, `wrote ${opts.out}`));
    }
    const tags = await ctx.store.listTags();
    return out(opts, report, () => reportText(report, opts.lang) + tagsText(tags, opts.lang));
  } finally {
    await ctx.close();
  }
}
