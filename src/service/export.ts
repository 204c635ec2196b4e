/**
 * The evidence package a regulator or court can check without dunguard: events (JSON and
 * CSV), evidence files under their SHA-256 names, the audit chain, the harassment report
 * (HTML and JSON), and a manifest with the SHA-256 of every file. Evidence is streamed into
 * the zip. Refuses to export a record that does not verify. Shared by `dunguard export` and
 * the API; `dunguard verify-package` checks the result.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rename, rm } from 'node:fs/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { LawTable } from '../engine/law.js';
import type { Bundle } from '../data/bundle.js';
import { packageRoot } from '../data/load.js';
import { canonicalJson } from '../record/audit.js';
import { analyseHarassment } from '../record/harassment.js';
import { reportHtml } from '../record/report-text.js';
import { verifyRecord } from '../record/verify.js';
import type { StoredEvent } from '../record/schemas.js';
import { UserError } from './errors.js';
import type { RecordContext } from './record-context.js';

const FIXED_TIME = new Date('2026-01-01T00:00:00Z'); // entry times: the manifest has the real dates

/**
 * The package format. 2: the manifest also records the time written into report.html and the
 * rule data the report was derived with, so `verify-package` can regenerate events.csv,
 * report.html and report.json from events.json and compare them byte for byte.
 */
export const PACKAGE_FORMAT = 'dunguard-evidence-package/2';

/** SHA-256 of the rule data the harassment report is derived with (settings and law table). */
export function reportRulesHash(data: Pick<Bundle, 'harassment' | 'law'>): string {
  return createHash('sha256').update(canonicalJson({ harassment: data.harassment, law: data.law })).digest('hex');
}

/** The harassment report of a package's events, exactly as the package carries it. */
export function packageReport(events: readonly StoredEvent[], data: Pick<Bundle, 'harassment' | 'law'>, generatedAt: string): { html: string; json: string } {
  const live = events.filter((e) => !(e as { deleted_at?: string }).deleted_at);
  const report = analyseHarassment(live, data.harassment, new LawTable(data.law));
  return { html: reportHtml(report, generatedAt), json: JSON.stringify(report, null, 2) + '\n' };
}

export const generatorName = (): string => {
  try {
    return `dunguard ${(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version}`;
  } catch {
    return 'dunguard';
  }
};

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote everything; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  return `"${(/^[=+\-@\t\r]/.test(s) ? "'" + s : s).replace(/"/g, '""')}"`;
}

export function eventsCsv(events: readonly StoredEvent[]): string {
  const cols = ['id', 'kind', 'occurred_at', 'time_zone', 'number', 'claimed', 'contacted', 'debt_disclosed', 'duration_s', 'content', 'notes', 'verdict', 'confidence', 'evidence', 'deleted_at'] as const;
  const rows = events.map((e) => {
    const x = e as StoredEvent & { deleted_at?: string };
    const v: Record<string, unknown> = { ...x, verdict: x.analysis?.verdict, confidence: x.analysis?.confidence, evidence: x.evidence.join(' ') };
    return cols.map((c) => csvCell(v[c])).join(',');
  });
  return '\uFEFF' + [cols.join(','), ...rows].join('\r\n') + '\r\n';
}

export interface ExportResult {
  out: string;
  files: number;
  events: number;
  evidence: number;
  audit_entries: number;
  audit_head: { seq: number; hash: string } | undefined;
}

/** Writes the package to `outPath` (via a temporary file renamed into place). */
export async function exportPackage(ctx: RecordContext, outPath: string): Promise<ExportResult> {
  const tmp = `${outPath}.part`;
  try {
    const snap = await ctx.store.snapshot();
    const problems = verifyRecord(snap);
    if (problems.length > 0) {
      throw new UserError('NOT_INTACT', `记录未通过校验，不能导出（先运行 dunguard verify）`, `The record does not verify; not exporting (run dunguard verify)`);
    }
    const now = new Date().toISOString();
    const report = packageReport(snap.events, ctx.data, now);
    const manifest: { path: string; sha256: string; size: number }[] = [];
    const sink = createWriteStream(tmp, { flags: 'w' });
    let failed: Error | undefined;
    const zip = new Zip((err, chunk) => {
      if (err) failed = err;
      else sink.write(chunk);
    });
    const writeWhole = (path: string, text: string): void => {
      const bytes = Buffer.from(text, 'utf8');
      manifest.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      const f = new ZipDeflate(path, { level: 6 });
      f.mtime = FIXED_TIME;
      zip.add(f);
      f.push(bytes, true);
    };
    writeWhole('events.json', JSON.stringify(snap.events, null, 2) + '\n');
    writeWhole('events.csv', eventsCsv(snap.events));
    writeWhole('audit.jsonl', snap.audit.map((a) => JSON.stringify(a)).join('\n') + '\n');
    writeWhole('evidence.json', JSON.stringify(snap.evidence, null, 2) + '\n');
    writeWhole('report.html', report.html);
    writeWhole('report.json', report.json);
    for (const f of snap.evidence) {
      const path = `evidence/${f.sha256}`;
      const entry = new ZipPassThrough(path);
      entry.mtime = FIXED_TIME;
      zip.add(entry);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of createReadStream(ctx.vault.pathOf(f.sha256))) {
        const b = chunk as Buffer;
        hash.update(b);
        size += b.length;
        entry.push(b);
        if (sink.writableNeedDrain) await new Promise<void>((r) => sink.once('drain', () => r()));
      }
      entry.push(new Uint8Array(0), true);
      const sha = hash.digest('hex');
      if (sha !== f.sha256) throw new UserError('NOT_INTACT', `证据文件 ${f.sha256} 已被改动`, `Evidence file ${f.sha256} was modified`);
      manifest.push({ path, sha256: sha, size });
    }
    const manifestText =
      JSON.stringify(
        { format: PACKAGE_FORMAT, created: now, generator: generatorName(), audit_head: snap.head ?? null, report: { generated_at: now, rules_sha256: reportRulesHash(ctx.data) }, files: manifest },
        null,
        2,
      ) + '\n';
    const m = new ZipDeflate('manifest.json', { level: 6 });
    m.mtime = FIXED_TIME;
    zip.add(m);
    m.push(Buffer.from(manifestText, 'utf8'), true);
    zip.end();
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (failed) throw failed;
    await rename(tmp, outPath);
    return { out: outPath, files: manifest.length, events: snap.events.length, evidence: snap.evidence.length, audit_entries: snap.audit.length, audit_head: snap.head };
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

