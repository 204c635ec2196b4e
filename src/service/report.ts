/**
 * The harassment report of the record over a period, with an optional night window set by
 * the user ("22:00-08:00") in place of the default. Shared by `dunguard report` and the API.
 */
import { signalTitles } from '../data/signal-titles.js';
import { LawTable } from '../engine/law.js';
import { analyseHarassment, ContactCollector, type ContactInput, type HarassmentReport } from '../record/harassment.js';
import { minutesOf } from '../record/time.js';
import { readPeriod } from './period.js';
import { UserError } from './errors.js';
import type { RecordContext } from './record-context.js';

export interface ReportOptions {
  /** YYYY-MM-DD or a local time, in the report's zone. */
  from?: string;
  to?: string;
  night?: string;
}

/**
 * `given`: the record's contacts, already read (in listContacts' order: the hosted case list reads
 * them with its summary, in one statement); only for a report over the whole record (no from/to).
 */
export async function harassmentReport(ctx: Pick<RecordContext, 'store' | 'data'>, o: ReportOptions, given?: readonly ContactInput[]): Promise<HarassmentReport> {
  let settings = ctx.data.harassment;
  if (o.night !== undefined) {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(o.night);
    if (m === null || minutesOf(m[1]!) >= 1440 || minutesOf(m[2]!) >= 1440) {
      throw new UserError('BAD_INPUT', `夜间时段“${o.night}”无效，请用 22:00-08:00 这样的格式`, `Invalid night window "${o.night}": use e.g. 22:00-08:00`);
    }
    settings = { ...settings, night_window: { ...settings.night_window, start: m[1]!, end: m[2]!, source: `set by the user (--night); default ${settings.night_window.start}–${settings.night_window.end}: ${settings.night_window.source}` } };
  }
  const tz = ctx.data.harassment.timezone;
  const { from, to } = readPeriod(o.from, o.to, ['from', 'to'], tz);
  // Only the fields the analysis reads, streamed and kept compact: loading whole events dominated the command's time.
  const contacts = new ContactCollector(settings.timezone);
  if (given !== undefined) {
    if (from !== undefined || to !== undefined) throw new Error('harassmentReport: contacts given with a period');
    for (const e of given) contacts.add(e);
  } else if (ctx.store.collectContacts !== undefined) await ctx.store.collectContacts({ from, to }, contacts);
  else for await (const e of ctx.store.listContacts({ from, to })) contacts.add(e);
  return analyseHarassment(contacts, settings, new LawTable(ctx.data.law), { from, to }, signalTitles(ctx.data));
}
