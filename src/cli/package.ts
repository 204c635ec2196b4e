/**
 * `dunguard export --out case.zip` and `dunguard verify-package case.zip`: the evidence
 * package a regulator or court can check without dunguard — events (JSON and CSV), evidence
 * files under their SHA-256 names, the audit chain, the harassment report (HTML), and a
 * manifest with the SHA-256 of every file. Evidence is streamed into the zip; verification
 * reads the zip as a stream and never writes its entries to disk, and refuses any entry
 * name that could escape a folder (zip-slip).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { LawTable } from '../engine/law.js';
import { verifyChain, type AuditEntry } from '../record/audit.js';
import { analyseHarassment } from '../record/harassment.js';
import { reportHtml } from '../record/report-text.js';
import { verifyRecord } from '../record/verify.js';
import type { EvidenceFile, StoredEvent } from '../record/schemas.js';
import { CliError } from './io.js';
import { out, type Common } from './log.js';
import { openRecord } from './record-context.js';

const CHAIN_KINDS = new Set(['hash_mismatch', 'broken_link', 'missing_entry', 'out_of_order', 'head_mismatch', 'bad_payload']);
const FIXED_TIME = new Date('2026-01-01T00:00:00Z'); // entry times: the manifest has the real dates

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

export async function runExport(opts: Common & { out: string }): Promise<string> {
  const ctx = await openRecord(opts.dataDir);
  const tmp = `${opts.out}.part`;
  try {
    const snap = await ctx.store.snapshot();
    const problems = verifyRecord(snap);
    if (problems.length > 0) {
      throw new CliError('NOT_INTACT', `记录未通过校验，不能导出（先运行 dunguard verify）`, `The record does not verify; not exporting (run dunguard verify)`);
    }
    const live = snap.events.filter((e) => !(e as { deleted_at?: string }).deleted_at);
    const report = analyseHarassment(live, ctx.data.harassment, new LawTable(ctx.data.law));
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
    writeWhole('report.html', reportHtml(report, new Date().toISOString()));
    writeWhole('report.json', JSON.stringify(report, null, 2) + '\n');
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
      if (sha !== f.sha256) throw new CliError('NOT_INTACT', `证据文件 ${f.sha256} 已被改动`, `Evidence file ${f.sha256} was modified`);
      manifest.push({ path, sha256: sha, size });
    }
    const manifestText = JSON.stringify({ format: 'dunguard-evidence-package/1', created: new Date().toISOString(), audit_head: snap.head ?? null, files: manifest }, null, 2) + '\n';
    const m = new ZipDeflate('manifest.json', { level: 6 });
    m.mtime = FIXED_TIME;
    zip.add(m);
    m.push(Buffer.from(manifestText, 'utf8'), true);
    zip.end();
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (failed) throw failed;
    await rename(tmp, opts.out);
    return out(opts, { out: opts.out, files: manifest.length, audit_head: snap.head }, () => `wrote ${opts.out}: ${snap.events.length} events, ${snap.evidence.length} evidence files, ${snap.audit.length} audit entries`);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    await ctx.close();
  }
}

/** An entry name that stays inside the package: relative, no "..", no drive, no backslash, no controls. */
export function safeEntryName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters make a name unsafe
  if (name.length === 0 || name.length > 512 || /[\u0000-\u001f\\:]/.test(name) || name.startsWith('/')) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.' && part !== '');
}

export async function runVerifyPackage(file: string, opts: { json: boolean }): Promise<{ text: string; ok: boolean }> {
  const problems: string[] = [];
  const hashes = new Map<string, { sha256: string; size: number }>();
  const texts = new Map<string, string>();
  const KEEP_TEXT = new Set(['manifest.json', 'events.json', 'audit.jsonl', 'evidence.json']);
  const pending: Promise<void>[] = [];
  const unzip = new Unzip((entry) => {
    if (!safeEntryName(entry.name)) {
      problems.push(`unsafe entry name ${JSON.stringify(entry.name)}: the package tries to write outside its folder (zip-slip); refused`);
      return;
    }
    if (hashes.has(entry.name)) problems.push(`entry ${entry.name} appears twice`);
    const hash = createHash('sha256');
    let size = 0;
    const keep: Uint8Array[] = [];
    pending.push(
      new Promise<void>((resolve) => {
        entry.ondata = (err, chunk, final) => {
          if (err) {
            problems.push(`entry ${entry.name} cannot be read: ${err.message}`);
            resolve();
            return;
          }
          hash.update(chunk);
          size += chunk.length;
          if (KEEP_TEXT.has(entry.name)) keep.push(chunk);
          if (final) {
            hashes.set(entry.name, { sha256: hash.digest('hex'), size });
            if (KEEP_TEXT.has(entry.name)) texts.set(entry.name, Buffer.concat(keep).toString('utf8'));
            resolve();
          }
        };
      }),
    );
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of createReadStream(file)) unzip.push(chunk as Buffer);
    unzip.push(new Uint8Array(0), true);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError('CANNOT_READ', `无法读取 ${file}：${err.code ?? err.message}`, `Cannot read ${file}: ${err.code ?? err.message}`);
  }
  await Promise.all(pending);

  let manifest: { files: { path: string; sha256: string; size: number }[]; audit_head: { seq: number; hash: string } | null } | undefined;
  try {
    manifest = JSON.parse(texts.get('manifest.json') ?? '') as typeof manifest;
  } catch {
    problems.push('manifest.json is missing or unreadable');
  }
  if (manifest !== undefined) {
    const listed = new Set<string>();
    for (const f of manifest.files) {
      listed.add(f.path);
      const got = hashes.get(f.path);
      if (got === undefined) problems.push(`${f.path} is listed in the manifest but missing`);
      else if (got.sha256 !== f.sha256 || got.size !== f.size) problems.push(`${f.path} was changed (SHA-256 ${got.sha256}, manifest ${f.sha256})`);
      if (f.path.startsWith('evidence/') && f.path.slice(9) !== f.sha256) problems.push(`${f.path} is not named after its content's hash`);
    }
    for (const name of hashes.keys()) if (name !== 'manifest.json' && !listed.has(name)) problems.push(`${name} is in the package but not in the manifest`);
    try {
      const audit = (texts.get('audit.jsonl') ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);
      const events = JSON.parse(texts.get('events.json') ?? '[]') as StoredEvent[];
      const evidence = JSON.parse(texts.get('evidence.json') ?? '[]') as EvidenceFile[];
      for (const p of verifyChain(audit, manifest.audit_head ?? undefined)) problems.push(`audit chain: ${p.detail}`);
      for (const f of verifyRecord({ events, evidence, audit, head: manifest.audit_head ?? undefined })) {
        if (!CHAIN_KINDS.has(f.kind)) problems.push(`records: ${f.detail}`); // chain problems are reported above
      }
    } catch (e) {
      problems.push(`package data unreadable: ${(e as Error).message}`);
    }
  }
  const ok = problems.length === 0;
  const result = { ok, files: hashes.size, problems };
  const text = opts.json ? JSON.stringify(result, null, 2) + '\n' : ok ? `package intact: ${hashes.size} files, every hash and the audit chain verified\n` : `PACKAGE NOT INTACT — ${problems.length} problem(s):\n${problems.map((p) => '  ' + p).join('\n')}\n`;
  return { text, ok };
}
