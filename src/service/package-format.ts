/**
 * What an evidence package holds, as text: the format, events.csv, events.json's elements, the
 * harassment report and the hash of the rules it was made with. No Node module: the command
 * line's export (export.ts), `verify-package` and the offline app's export share it.
 */
import { LawTable } from '../engine/law.js';
import { signalTitles } from '../data/signal-titles.js';
import type { Bundle } from '../data/bundle-format.js';
import { canonicalJson, sha256Hex } from '../record/audit.js';
import { analyseHarassment, ContactCollector } from '../record/harassment.js';
import { reportHtml } from '../record/report-text.js';
import type { StoredEvent } from '../record/schemas.js';

/** The time written on every zip entry (the manifest has the real dates). */
export const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

/**
 * The package format. 2: the manifest also records the time written into report.html and the
 * rule data the report was derived with, so `verify-package` can regenerate events.csv,
 * report.html and report.json from events.json and compare them byte for byte.
 */
export const PACKAGE_FORMAT = 'dunguard-evidence-package/2';

/** What the package's harassment report is derived from: its settings, the law table, and the signals' titles. */
export type ReportData = Pick<Bundle, 'harassment' | 'law' | 'signals' | 'meta'>;

/**
 * SHA-256 of the rule data the harassment report is derived with (settings, law table, and the
 * titles the report names signals by — a package made before titles were shown there, or with
 * other rules, is not compared byte for byte).
 */
export function reportRulesHash(data: ReportData): string {
  return sha256Hex(canonicalJson({ harassment: data.harassment, law: data.law, signal_titles: Object.fromEntries(signalTitles(data)), derivation: REPORT_DERIVATION }));
}

/**
 * How the report is derived from the same data, counted up when that changes, so that a package
 * made before is said to be made by another version rather than altered. 2 (2026-12-01): the
 * law cited as in force on each event's date; report.html in Chinese only. 3 (2026-12-01, later):
 * English titles count in the right number ("1 contact"), third parties named in words.
 */
const REPORT_DERIVATION = 3;

/** The harassment report of a package's events, exactly as the package carries it. */
export function packageReport(events: readonly StoredEvent[], data: ReportData, generatedAt: string): { html: string; json: string } {
  const contacts = new ContactCollector(data.harassment.timezone);
  for (const e of events) if (!(e as { deleted_at?: string }).deleted_at) contacts.add(e);
  return reportOf(contacts, data, generatedAt);
}

function reportOf(contacts: ContactCollector, data: ReportData, generatedAt: string): { html: string; json: string } {
  const report = analyseHarassment(contacts, data.harassment, new LawTable(data.law), {}, signalTitles(data));
  return { html: reportHtml(report, generatedAt), json: JSON.stringify(report, null, 2) + '\n' };
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote everything; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  return `"${(/^[=+\-@\t\r]/.test(s) ? "'" + s : s).replace(/"/g, '""')}"`;
}

const CSV_COLUMNS = ['id', 'kind', 'occurred_at', 'time_zone', 'number', 'claimed', 'contacted', 'debt_disclosed', 'duration_s', 'content', 'notes', 'verdict', 'confidence', 'evidence', 'deleted_at'] as const;
export const CSV_HEADER = '\uFEFF' + CSV_COLUMNS.join(',') + '\r\n';

export function csvRow(e: StoredEvent): string {
  const x = e as StoredEvent & { deleted_at?: string };
  const v: Record<string, unknown> = { ...x, verdict: x.analysis?.verdict, confidence: x.analysis?.confidence, evidence: x.evidence.join(' ') };
  return CSV_COLUMNS.map((c) => csvCell(v[c])).join(',') + '\r\n';
}

export function eventsCsv(events: readonly StoredEvent[]): string {
  return CSV_HEADER + events.map(csvRow).join('');
}

/** One element of a top-level JSON array as JSON.stringify(array, null, 2) writes it. */
export function arrayElement(value: unknown, first: boolean): string {
  return (first ? '\n  ' : ',\n  ') + JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
}

