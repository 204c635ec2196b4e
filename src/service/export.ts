/**
 * The evidence package a regulator or court can check without dunguard: events (JSON and
 * CSV), evidence files under their SHA-256 names, the audit chain, the harassment report
 * (HTML and JSON), and a manifest with the SHA-256 of every file. Evidence is streamed into
 * the zip. Refuses to export a record that does not verify. Shared by `dunguard export` and
 * the API; `dunguard verify-package` checks the result.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rename, rm } from 'node:fs/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Bundle } from '../data/bundle.js';
import { packageRoot } from '../data/load.js';
import { analyseReport, ContactCollector, SPILL_CONTACTS_AT } from '../record/harassment.js';
import { reportHtmlParts, reportJsonParts } from '../record/report-text.js';
import { LawTable } from '../engine/law.js';
import { signalTitles } from '../data/signal-titles.js';
import { contactSpill } from '../store/sqlite/contact-scratch.js';
import { spillAt } from '../store/sqlite/scratch.js';
import { UserError } from './errors.js';
import type { RecordContext } from './record-context.js';
import { verifyTables } from './verify.js';
import { arrayElement, CSV_HEADER, csvRow, FIXED_TIME, PACKAGE_FORMAT, reportRulesHash, type ReportData } from './package-format.js';

export { eventsCsv, packageReport, PACKAGE_FORMAT, reportRulesHash } from './package-format.js';

/**
 * The package's report.html and report.json as pieces of text, from contacts gathered while the
 * events were streamed (deleted ones left out; past SPILL_CONTACTS_AT kept on disk, each
 * finding's events read back as the pieces are taken): the pieces joined are packageReport's.
 */
export async function packageReportParts(contacts: ContactCollector, data: ReportData, generatedAt: string): Promise<{ html: Iterable<string>; json: Iterable<string> }> {
  const report = await analyseReport(contacts, data.harassment, new LawTable(data.law), {}, signalTitles(data));
  return { html: { [Symbol.iterator]: () => reportHtmlParts(report, generatedAt) }, json: { [Symbol.iterator]: () => reportJsonParts(report) } };
}

/** Contacts for a package's report, moved to a scratch table on disk past SPILL_CONTACTS_AT (close it when done). */
export const packageContacts = (data: Pick<Bundle, 'harassment'>): ContactCollector => new ContactCollector(data.harassment.timezone, { spill: contactSpill, spillAt: spillAt(SPILL_CONTACTS_AT) });

export const generatorName = (): string => {
  try {
    return `dunguard ${(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version}`;
  } catch {
    return 'dunguard';
  }
};

export interface ExportResult {
  out: string;
  files: number;
  events: number;
  evidence: number;
  audit_entries: number;
  audit_head: { seq: number; hash: string } | undefined;
}

/**
 * Writes the package to `outPath` (via a temporary file renamed into place). The record is
 * read through one streamed reader — checked first, then written member by member in chunks
 * — so memory stays flat in the number of events (the report keeps a few compact fields per
 * event, and the event ids its findings list).
 */
export async function exportPackage(ctx: RecordContext, outPath: string): Promise<ExportResult> {
  const tmp = `${outPath}.part`;
  const reader = await ctx.store.openReader();
  let contacts: ContactCollector | undefined;
  try {
    const checked = await verifyTables(reader);
    if (checked.findings.length > 0) {
      throw new UserError('NOT_INTACT', `记录未通过校验，不能导出（先运行 dunguard verify）`, `The record does not verify; not exporting (run dunguard verify)`);
    }
    const evidence = checked.evidence;
    const now = new Date().toISOString();
    const manifest: { path: string; sha256: string; size: number }[] = [];
    const sink = createWriteStream(tmp, { flags: 'w' });
    let failed: Error | undefined;
    sink.on('error', (err) => (failed ??= err));
    const zip = new Zip((err, chunk) => {
      if (err) failed ??= err;
      else sink.write(chunk);
    });
    const drained = async (): Promise<void> => {
      if (failed) throw failed;
      if (!sink.writableNeedDrain) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          sink.off('drain', done);
          sink.off('error', done);
          resolve();
        };
        sink.on('drain', done);
        sink.on('error', done);
      });
      if (failed) throw failed;
    };
    /** A deflated member written in chunks of about 1 MiB of text, hashed as it goes. */
    const member = (path: string, listed = true): { write(text: string): Promise<void>; end(): Promise<void> } => {
      const f = new ZipDeflate(path, { level: 6 });
      f.mtime = FIXED_TIME;
      zip.add(f);
      const hash = createHash('sha256');
      let size = 0;
      let parts: string[] = [];
      let pending = 0;
      const flush = async (final: boolean): Promise<void> => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        parts = [];
        pending = 0;
        hash.update(bytes);
        size += bytes.length;
        f.push(bytes, final);
        await drained();
      };
      return {
        async write(text) {
          parts.push(text);
          pending += text.length;
          if (pending >= 1 << 20) await flush(false);
        },
        async end() {
          await flush(true);
          if (listed) manifest.push({ path, sha256: hash.digest('hex'), size });
        },
      };
    };

    // events.json, byte for byte JSON.stringify(events, null, 2) + '\n'; the report's contacts gathered on the way.
    contacts = packageContacts(ctx.data);
    let events = 0;
    const ej = member('events.json');
    await ej.write('[');
    for await (const e of reader.eventsWithEvidence()) {
      await ej.write(arrayElement(e, events === 0));
      events++;
      if (!(e as { deleted_at?: string }).deleted_at) contacts.add(e);
    }
    await ej.write(events === 0 ? ']\n' : '\n]\n');
    await ej.end();

    const csv = member('events.csv');
    await csv.write(CSV_HEADER);
    for await (const e of reader.eventsWithEvidence()) await csv.write(csvRow(e));
    await csv.end();

    let auditEntries = 0;
    const audit = member('audit.jsonl');
    for await (const a of reader.audit()) {
      await audit.write(JSON.stringify(a) + '\n');
      auditEntries++;
    }
    if (auditEntries === 0) await audit.write('\n');
    await audit.end();

    const whole = async (path: string, text: string, listed = true): Promise<void> => {
      const m = member(path, listed);
      await m.write(text);
      await m.end();
    };
    await whole('evidence.json', JSON.stringify(evidence, null, 2) + '\n');
    // The report in pieces (each finding's events read as they are written), the event loop given way between them.
    const report = await packageReportParts(contacts, ctx.data, now);
    for (const [path, parts] of [
      ['report.html', report.html],
      ['report.json', report.json],
    ] as const) {
      const m = member(path);
      let n = 0;
      for (const part of parts) {
        await m.write(part);
        if (++n % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await m.end();
    }
    contacts.close();

    for (const f of evidence) {
      const path = `evidence/${f.sha256}`;
      const entry = new ZipPassThrough(path);
      entry.mtime = FIXED_TIME;
      zip.add(entry);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of ctx.vault.open(f.sha256)) {
        const b = chunk as Buffer;
        hash.update(b);
        size += b.length;
        entry.push(b);
        await drained();
      }
      entry.push(new Uint8Array(0), true);
      const sha = hash.digest('hex');
      if (sha !== f.sha256) throw new UserError('NOT_INTACT', `证据文件 ${f.sha256} 已被改动`, `Evidence file ${f.sha256} was modified`);
      manifest.push({ path, sha256: sha, size });
    }
    const manifestText =
      JSON.stringify(
        { format: PACKAGE_FORMAT, created: now, generator: generatorName(), audit_head: reader.head ?? null, report: { generated_at: now, rules_sha256: reportRulesHash(ctx.data) }, files: manifest },
        null,
        2,
      ) + '\n';
    await whole('manifest.json', manifestText, false);
    zip.end();
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (failed) throw failed;
    await rename(tmp, outPath);
    return { out: outPath, files: manifest.length, events, evidence: evidence.length, audit_entries: auditEntries, audit_head: reader.head };
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    contacts?.close();
    await reader.close();
  }
}
