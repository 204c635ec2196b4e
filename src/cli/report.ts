/** `dunguard report [--from --to] [--json]`: the harassment pattern of the record. */
import { LawTable } from '../engine/law.js';
import { analyseHarassment } from '../record/harassment.js';
import { writeFile } from 'node:fs/promises';
import { reportHtml, reportText } from '../record/report-text.js';
import { minutesOf, toInstant } from '../record/time.js';
import { CliError } from './io.js';
import type { Lang } from './format.js';
import { out, type Common } from './log.js';
import { openRecord } from './record-context.js';

export async function runReport(opts: Common & { from?: string; to?: string; lang: Lang; night?: string; out?: string }): Promise<string> {
  const ctx = await openRecord(opts.dataDir);
  try {
    let settings = ctx.data.harassment;
    if (opts.night !== undefined) {
      const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(opts.night);
      if (m === null || minutesOf(m[1]!) >= 1440 || minutesOf(m[2]!) >= 1440) {
        throw new CliError('BAD_INPUT', `夜间时段“${opts.night}”无效，请用 22:00-08:00 这样的格式`, `Invalid night window "${opts.night}": use e.g. 22:00-08:00`);
      }
      settings = { ...settings, night_window: { ...settings.night_window, start: m[1]!, end: m[2]!, source: `set by the user (--night); default ${settings.night_window.start}–${settings.night_window.end}: ${settings.night_window.source}` } };
    }
    const tz = ctx.data.harassment.timezone;
    const from = opts.from ? toInstant(opts.from.length === 10 ? `${opts.from} 00:00` : opts.from, tz) : undefined;
    const to = opts.to ? toInstant(opts.to.length === 10 ? `${opts.to} 23:59:59` : opts.to, tz) : undefined;
    const events = await ctx.store.listEvents({ from, to });
    const report = analyseHarassment(events, settings, new LawTable(ctx.data.law), { from, to }, new Map(ctx.data.signals.map((s) => [s.id, s.title])));
    if (opts.out !== undefined) {
      const when = new Date().toISOString();
      if (opts.out.endsWith('.pdf')) {
        const { reportPdf } = await import('../act/report-pdf.js');
        const { FontMissingError } = await import('../act/pdf.js');
        try {
          await writeFile(opts.out, await reportPdf(report, when));
        } catch (e) {
          if (e instanceof FontMissingError) throw new CliError('NO_FONT', `找不到中文字体，无法生成PDF：${e.message}`, `Cannot write the PDF: ${e.message}`);
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
