/**
 * The record in the offline app, answered inside the check worker and loaded only when the
 * record is first used (SQLite, the store and the record page's first reads are a smaller chunk
 * of their own, record-store.ts, loaded before this one): the same routes
 * and answers as `dunguard serve`'s record API — save a checked message with its screenshots,
 * list and show events, edit and delete them, the harassment report, verify, the evidence
 * package, tags on numbers with the block list, the one-step report — over the browser store
 * (src/store/browser/) kept in IndexedDB on the phone.
 */
import { classify, type Engine } from '../../../src/engine/check.js';
import type { Bundle } from '../../../src/data/bundle-format.js';
import type { Analysis, EventFields, EvidenceFile } from '../../../src/record/schemas.js';
import type { Finding, VerifyReport } from '../../../src/record/verify.js';
import { localParts } from '../../../src/record/time.js';
import { readPeriod } from '../../../src/service/period.js';
import type { BrowserStore } from '../../../src/store/browser/browser-store.js';
import { one } from '../../../src/store/browser/sqljs.js';
import { packageForImport } from '../../../src/service/package-import.js';
import { eventFields, flagsOfBody as flagsOf, requireEvent, type EventBody } from '../../../src/service/events.js';
import { harassmentReport } from '../../../src/service/report.js';
import { eventCounts, eventPage } from '../../../src/service/event-list.js';
import { verifyTablesWith } from '../../../src/service/verify-tables.js';
import { packageInMemory } from '../../../src/service/package-memory.js';
import { UserError } from '../../../src/service/errors.js';
import { addDebt, changeDebt, debtFlagsOf, debtWithCost, ledgerRows } from '../../../src/service/debts.js';
import { caseFlagsOfQuery, letterFlagsOf, letterFor, letterTypes, profileOf, routesFor } from '../../../src/service/case.js';
import { ledgerFrom, type StoreContext } from '../../../src/service/ledger-of.js';
import { requestOf } from '../../../src/service/request.js';
import { CaseQuery, CountsQuery, DebtChangeRequest, EventPageQuery, DebtRequest, LangQuery, LetterRequest, NumberParam, ProfileRequest, ReportScamRequest, TagBody, TypeParam } from '../../../src/server/schemas.js';
import { tagNumber, untagNumber } from '../../../src/service/tags.js';
import { prepareScamReport } from '../../../src/service/report-scam.js';
import { tagsCsv, tagsVcard } from '../../../src/act/block-list.js';
import type { ReportFormats } from '../../../src/act/scam-report.js';
// Checked against its schema when the app is built (web/vite.app.config.ts), as the server checks it when read.
import reportFormatsData from '../../../data/act/report-formats.yaml';
import { letterHtml } from '../../../src/act/letter.js';
import type { Ledger } from '../../../src/ledger/claims.js';
import type { RecordCall, RecordFileAnswer, UploadedFile } from './check-protocol.js';
import { idbEvidence, idbRecordFile } from './record-idb.js';
import { hasRecord, recordError, sqlJs, store } from './record-store.js';

export { recordError };

/** Most files in one upload, and the largest file (the server's limits). */
const MAX_FILES = 20;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const hex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (b: Uint8Array): Promise<string> => hex(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>));

/** A file's label: its own name, without a path or control characters (never used as a path). */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '�');
  return clean.length > 255 ? clean.slice(0, 252) + '…' : clean || 'file';
}

export interface RecordDeps {
  /** The engine, loaded when a message is first checked (the record's reads do not wait for it). */
  engine: () => Promise<Engine>;
  bundle: Bundle;
}

/** The message's verdict stored with it, as the server's record stores it (same engine, same ledger rules). */
async function analyse(d: RecordDeps, s: BrowserStore, f: EventFields): Promise<Analysis | null> {
  if (f.content === undefined || !/\S/.test(f.content)) return null;
  const ledger = await ledgerFrom(s, d.bundle);
  const e = await d.engine();
  try {
    const r = classify(e, { text: f.content, number: f.number, date: localParts(f.occurred_at, f.time_zone).date, ledger });
    return { verdict: r.verdict, assessment: r.assessment, certainty: r.certainty, confidence: r.confidence, signals: r.signals, engine: { rules: e.rules.meta.version, model: e.model.version, law: e.law.file.version } };
  } catch {
    return null;
  }
}

/** Verify: the chain and the tables (as on a computer), and every evidence file re-hashed from IndexedDB. */
async function verify(s: BrowserStore): Promise<VerifyReport> {
  const reader = await s.openReader();
  try {
    const rows = await reader.evidence();
    const { findings, entries, events, evidence } = await verifyTablesWith(reader, rows);
    for (const f of rows) {
      const got = await idbEvidence.get(f.sha256);
      const found: Finding | undefined =
        got === undefined
          ? { kind: 'file_missing', detail: `evidence file ${f.sha256} is missing from the vault` }
          : (await sha256(got)) !== f.sha256
            ? { kind: 'file_changed', detail: `evidence file ${f.sha256} was modified` }
            : got.length !== f.size
              ? { kind: 'file_size_changed', detail: `evidence file ${f.sha256} has size ${got.length}, recorded ${f.size}` }
              : undefined;
      if (found) findings.push(found);
    }
    const known = new Set(rows.map((f) => f.sha256));
    const notes = (await idbEvidence.keys()).filter((k) => !known.has(k)).map((k) => `vault file ${k} is not part of the record (left by an interrupted add; harmless)`);
    return { intact: findings.length === 0, entries, events, evidence: evidence.length, findings, notes, head: reader.head };
  } finally {
    await reader.close();
  }
}

async function attach(s: BrowserStore, id: string, files: readonly UploadedFile[]): Promise<{ files: (EvidenceFile & { new_file: boolean })[] }> {
  if (files.length === 0) throw new UserError('BAD_INPUT', '没有收到文件', 'No file received');
  if (files.length > MAX_FILES) throw new UserError('TOO_LARGE', `一次最多保存 ${MAX_FILES} 个文件`, `At most ${MAX_FILES} files at once`);
  if (files.some((f) => f.bytes.byteLength > MAX_FILE_BYTES)) throw new UserError('TOO_LARGE', '文件太大（每个最多 50 MB），一个也没有保存。', 'A file is too large (50 MB each at most); none was saved.');
  await requireEvent({ store: s }, id);
  const now = new Date().toISOString();
  const puts: { record: EvidenceFile; stored: boolean }[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(f.bytes);
    const sha = await sha256(bytes);
    const stored = await idbEvidence.put(sha, bytes);
    puts.push({ record: { sha256: sha, size: bytes.length, name: printable(f.name), media_type: /^[a-z]+\/[a-z0-9.+-]+$/i.test(f.type) ? f.type : 'application/octet-stream', added_at: now }, stored });
  }
  let added: { added: boolean }[];
  try {
    added = await s.addEvidenceFiles(
      puts.map((p) => p.record),
      id,
    );
  } catch (e) {
    // All or none: files this upload newly stored that the record does not refer to go again.
    const known = new Set((await s.listEvidence()).map((f) => f.sha256));
    for (const p of puts) if (p.stored && !known.has(p.record.sha256)) await idbEvidence.discard(p.record.sha256);
    throw e;
  }
  return { files: puts.map((p, i) => ({ ...p.record, new_file: p.stored || added[i]!.added })) };
}

/**
 * An evidence package (zip) brought back into the record on this phone: checked through and
 * through (src/service/package-import.ts), then its record and evidence files saved — only into
 * a phone with no record yet (two chains cannot be merged without breaking them).
 */
async function importPackage(d: RecordDeps, s: BrowserStore, files: readonly UploadedFile[]): Promise<{ imported: { events: number; evidence: number; audit_entries: number; audit_head: { seq: number; hash: string } | null }; verify: VerifyReport }> {
  if (files.length !== 1) throw new UserError('BAD_INPUT', '请选择一个证据包（zip 文件）', 'Choose one evidence package (a zip file)');
  const sql = await sqlJs();
  const pkg = await packageForImport(sql, new Uint8Array(files[0]!.bytes), d.bundle);
  await idbRecordFile.locked(async () => {
    const current = await idbRecordFile.load();
    if (current !== undefined) {
      const db = new sql.Database(current.bytes);
      let entries: number;
      try {
        entries = Number(one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM audit')?.n ?? 0);
      } finally {
        db.close();
      }
      if (entries > 0) {
        throw new UserError(
          'NOT_EMPTY',
          '这个手机上已经有记录了，证据包没有导入（两份记录不能合并，否则校验链会断）。请先导出现有记录保存好；要换成这个证据包，先在浏览器设置里清除本站数据，再导入。',
          'This phone already has a record; the package was not imported (two records cannot be merged without breaking the chain). Export the current record first; to replace it, clear this site’s data in the browser settings, then import.',
        );
      }
    }
    for (const [sha, bytes] of pkg.evidence) await idbEvidence.put(sha, bytes);
    await idbRecordFile.save(pkg.database);
  });
  return { imported: { events: pkg.events, evidence: pkg.evidence.size, audit_entries: pkg.audit_entries, audit_head: pkg.audit_head }, verify: await verify(s) };
}

/** The PDF writer, loaded with the first PDF: offline before that, the same plain message as a missing font. */
async function pdfWriter(): Promise<typeof import('./pdf-local.js')> {
  try {
    return await import('./pdf-local.js');
  } catch (e) {
    throw new UserError(
      'NO_FONT',
      `第一次生成PDF时需要联网一次，下载PDF程序和中文字体（约1.8 MB）；以后不联网也能生成。请联网后再试。（${(e as Error).message}）`,
      `The first PDF needs the network once, to fetch the PDF writer and the Chinese font (about 1.8 MB); later PDFs are made offline. Go online and try again. (${(e as Error).message})`,
    );
  }
}

const reportFormats = reportFormatsData as ReportFormats;

/** A text file as the server sends it (UTF-8). */
const textFile = (name: string, type: string, text: string): RecordFileAnswer => ({ file: { name, type, bytes: new TextEncoder().encode(text) } });

/** One record call: the JSON answer, or a file. */
export async function recordCall(d: RecordDeps, call: RecordCall): Promise<unknown> {
  const [where = '', search = ''] = call.path.split('?');
  const q = new URLSearchParams(search);
  // Read-only calls that need no record: with none on the phone, none is made for them.
  if (call.method === 'GET' && where === '/api/tags' && !(await hasRecord())) return { tags: [] };
  if (call.method === 'POST' && where === '/api/report-scam') {
    const b = requestOf(ReportScamRequest, call.body);
    return prepareScamReport((await hasRecord()) ? await store() : undefined, await d.engine(), reportFormats, b);
  }
  const s = await store();
  const route = `${call.method} ${where
    .replace(/^\/api\/events\/(?!(?:page|counts)$)[^/]+/, '/api/events/:id')
    .replace(/^\/api\/debts\/[^/]+/, '/api/debts/:id')
    .replace(/^\/api\/letters\/[^/]+$/, '/api/letters/:type')
    .replace(/^\/api\/evidence\/[0-9a-f]{64}$/, '/api/evidence/:sha256')
    .replace(/^\/api\/tags\/[^/]+$/, '/api/tags/:number')}`;
  const id = decodeURIComponent(where.split('/')[3] ?? '');
  // The ledger is read afresh from the store for each call (another tab may have changed it): nothing to forget.
  const ctx: StoreContext = { store: s, data: d.bundle, refresh: () => undefined };
  switch (route) {
    case 'GET /api/events':
      return s.listEvents({ ...readPeriod(q.get('from') ?? undefined, q.get('to') ?? undefined, ['from', 'to']), number: q.get('number') || undefined, kind: q.get('kind') || undefined, includeDeleted: q.get('all') === 'true' });
    case 'GET /api/events/page':
      return eventPage(ctx, requestOf(EventPageQuery, Object.fromEntries(q), 'querystring'));
    case 'GET /api/events/counts':
      return eventCounts(ctx, requestOf(CountsQuery, Object.fromEntries(q), 'querystring'));
    case 'POST /api/events': {
      const body = (call.body ?? {}) as EventBody & { allow_future?: boolean };
      const fields = eventFields(flagsOf(body), undefined, { allowFuture: body.allow_future });
      return s.addEvent({ fields, analysis: await analyse(d, s, fields), source: 'web' });
    }
    case 'GET /api/events/:id':
      return requireEvent(ctx, id);
    case 'PUT /api/events/:id': {
      const base = await requireEvent(ctx, id);
      const body = (call.body ?? {}) as EventBody & { allow_future?: boolean };
      const fields = eventFields(flagsOf(body), base, { allowFuture: body.allow_future });
      return s.updateEvent(id, fields, await analyse(d, s, fields));
    }
    case 'DELETE /api/events/:id':
      await s.deleteEvent(id, (call.body as { reason?: string } | undefined)?.reason ?? '');
      return { deleted: id };
    case 'POST /api/events/:id/evidence':
      return attach(s, id, call.files ?? []);
    case 'GET /api/evidence':
      return s.listEvidence();
    case 'GET /api/evidence/:sha256': {
      const sha = where.split('/')[3]!;
      const f = (await s.listEvidence()).find((x) => x.sha256 === sha);
      const bytes = f && (await idbEvidence.get(sha));
      if (f === undefined || bytes === undefined) throw new UserError('NOT_FOUND', '没有这个证据文件', 'No such evidence file');
      return { file: { name: f.name, type: f.media_type, bytes } } satisfies RecordFileAnswer;
    }
    case 'GET /api/report':
      return harassmentReport(ctx, { from: q.get('from') || undefined, to: q.get('to') || undefined, night: q.get('night') ?? undefined });
    case 'GET /api/report.pdf': {
      const { lang } = requestOf(LangQuery, q.has('lang') ? { lang: q.get('lang') } : {}, 'querystring');
      const report = await harassmentReport(ctx, { from: q.get('from') || undefined, to: q.get('to') || undefined, night: q.get('night') ?? undefined });
      const { reportPdfHere } = await pdfWriter();
      return { file: { name: 'dunguard-report.pdf', type: 'application/pdf', bytes: await reportPdfHere(report, new Date().toISOString(), lang) } } satisfies RecordFileAnswer;
    }
    case 'GET /api/verify':
      return verify(s);
    case 'POST /api/import':
      return importPackage(d, s, call.files ?? []);
    case 'POST /api/export': {
      const pkg = await packageInMemory(s, d.bundle, (sha) => idbEvidence.get(sha), { generator: 'dunguard offline app' });
      return { file: { name: 'dunguard-evidence.zip', type: 'application/zip', bytes: pkg.zip } } satisfies RecordFileAnswer;
    }
    case 'GET /api/debts':
      return ledgerRows(ctx);
    case 'POST /api/debts':
      return addDebt(ctx, debtFlagsOf(requestOf(DebtRequest, call.body)));
    case 'GET /api/debts/:id':
      return debtWithCost(ctx, id);
    case 'POST /api/debts/:id/changes':
      return changeDebt(ctx, id, requestOf(DebtChangeRequest, call.body));
    case 'GET /api/profile':
      return (await s.getProfile()) ?? null;
    case 'PUT /api/profile': {
      const p = profileOf(requestOf(ProfileRequest, call.body));
      await s.setProfile(p);
      return p;
    }
    case 'GET /api/routes':
      return routesFor(ctx, caseFlagsOfQuery(requestOf(CaseQuery, Object.fromEntries(q), 'querystring')));
    case 'GET /api/letters':
      return letterTypes(ctx);
    case 'POST /api/letters/:type': {
      const { type } = requestOf(TypeParam, { type: id }, 'params');
      const b = requestOf(LetterRequest, call.body ?? {});
      const letter = await letterFor(ctx, type, letterFlagsOf(b));
      if (b.format === 'html') return { file: { name: `dunguard-${type}.html`, type: 'text/html; charset=utf-8', bytes: new TextEncoder().encode(letterHtml(letter)) } } satisfies RecordFileAnswer;
      if (b.format === 'pdf') {
        const { letterPdfHere } = await pdfWriter();
        return { file: { name: `dunguard-${type}.pdf`, type: 'application/pdf', bytes: await letterPdfHere(letter) } } satisfies RecordFileAnswer;
      }
      return letter;
    }
    case 'GET /api/tags':
      return { tags: await s.listTags() };
    case 'PUT /api/tags/:number': {
      const { number } = requestOf(NumberParam, { number: id }, 'params');
      return tagNumber(ctx, { number, ...requestOf(TagBody, call.body ?? {}) });
    }
    case 'DELETE /api/tags/:number':
      return untagNumber(ctx, requestOf(NumberParam, { number: id }, 'params').number);
    case 'GET /api/tags.vcf':
      return textFile('dunguard-blocklist.vcf', 'text/vcard; charset=utf-8', tagsVcard(await s.listTags(), requestOf(LangQuery, Object.fromEntries(q), 'querystring').lang));
    case 'GET /api/tags.csv':
      return textFile('dunguard-tags.csv', 'text/csv; charset=utf-8', tagsCsv(await s.listTags(), requestOf(LangQuery, Object.fromEntries(q), 'querystring').lang));
    default:
      return undefined; // not a record route of the offline app
  }
}

/** The ledger a check compares a caller's claims with (as the server's POST /api/check): none without debts. */
export async function ledgerForCheck(d: Pick<RecordDeps, 'bundle'>): Promise<Ledger | undefined> {
  const l = await ledgerFrom(await store(), d.bundle);
  return l.debts.length > 0 ? l : undefined;
}
