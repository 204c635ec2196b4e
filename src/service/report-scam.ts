/**
 * The one-step report of a message as a use case shared by the server (`POST /api/report-scam`)
 * and the offline app's worker: the message checked by the engine, the report prepared from the
 * formats (src/act/scam-report.ts) and the number's own tag, if any. Node-free: the caller
 * passes the formats (read from data/act/report-formats.yaml on a computer, built into the app).
 */
import { check, InputError, type Engine } from '../engine/check.js';
import { todayInShanghai } from '../record/time.js';
import { scamReport, type ReportFormats, type ScamReport } from '../act/scam-report.js';
import type { NumberTag } from '../record/tags.js';
import type { Store } from '../store/store.js';
import { keyOf, tagOf } from './tags.js';
import { UserError } from './errors.js';

export interface ScamReportRequest {
  text: string;
  number?: string;
  date?: string;
}

export type ScamReportAnswer = { assessment: string; tag: NumberTag | null } & ScamReport;

/** The report; `store` undefined (no record at all): no tag. */
export async function prepareScamReport(store: Store | undefined, engine: Engine, formats: ReportFormats, b: ScamReportRequest): Promise<ScamReportAnswer> {
  if (b.number !== undefined && b.number.trim() !== '') keyOf(b.number); // a number that is no number is refused, never put into a link
  let r;
  try {
    r = check(engine, { text: b.text, number: b.number || undefined, date: b.date ?? todayInShanghai() });
  } catch (e) {
    if (e instanceof InputError) throw new UserError(e.code, e.zh, e.en);
    throw e;
  }
  const report = scamReport(formats, { text: b.text, number: b.number || undefined, verdict: r.verdict, assessment: r.assessment, receivedAt: b.date });
  const tag = store === undefined ? undefined : await tagOf({ store }, b.number || undefined);
  return { assessment: r.assessment, tag: tag ?? null, ...report };
}
