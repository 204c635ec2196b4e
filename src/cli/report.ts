/** `dunguard report [--from --to] [--json]`: the harassment pattern of the record. */
import { LawTable } from '../engine/law.js';
import { analyseHarassment } from '../record/harassment.js';
import { reportText } from '../record/report-text.js';
import { toInstant } from '../record/time.js';
import type { Lang } from './format.js';
import { out, type Common } from './log.js';
import { openRecord } from './record-context.js';

export async function runReport(opts: Common & { from?: string; to?: string; lang: Lang }): Promise<string> {
  const ctx = await openRecord(opts.dataDir);
  try {
    const tz = ctx.data.harassment.timezone;
    const from = opts.from ? toInstant(opts.from.length === 10 ? `${opts.from} 00:00` : opts.from, tz) : undefined;
    const to = opts.to ? toInstant(opts.to.length === 10 ? `${opts.to} 23:59:59` : opts.to, tz) : undefined;
    const events = await ctx.store.listEvents({ from, to });
    const report = analyseHarassment(events, ctx.data.harassment, new LawTable(ctx.data.law), { from, to });
    return out(opts, report, () => reportText(report, opts.lang));
  } finally {
    await ctx.close();
  }
}
