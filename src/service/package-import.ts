/**
 * Reading an evidence package (the zip of `dunguard export` or the offline app) back into a
 * record, in memory and with no Node module (the offline app imports a package on the phone).
 * Nothing is taken on trust: every member must be listed in the manifest with its SHA-256 and
 * size, nothing missing or extra; the audit chain in audit.jsonl must verify up to the head the
 * manifest records; the record is rebuilt from that chain and events.json
 * (src/store/browser/restore.ts), must verify (every row against the chain), and must give back, byte for byte, the package's
 * events.json, events.csv, audit.jsonl and evidence.json (and its report when made with the same
 * rules) — so an edited event, a removed entry, a swapped file or a rebuilt manifest are all
 * refused, with a Chinese error that says what was wrong. Every evidence file is re-hashed.
 */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { verifyChain, type AuditEntry } from '../record/audit.js';
import { BrowserStore } from '../store/browser/browser-store.js';
import { memoryRecordFile } from '../store/browser/record-file.js';
import { restoredDatabase } from '../store/browser/restore.js';
import type { SqlJs } from '../store/browser/sqljs.js';
import { UserError } from './errors.js';
import { PACKAGE_FORMAT, reportRulesHash, type ReportData } from './package-format.js';
import { packageInMemory } from './package-memory.js';
import { verifyTablesWith } from './verify-tables.js';

/** The largest member inflated, and all members together (a phone holds the package in memory). */
const MEMBER_LIMIT = 200 * 1024 * 1024;
const TOTAL_LIMIT = 400 * 1024 * 1024;

export interface PackageForImport {
  /** The record's database file, rebuilt from the chain. */
  database: Uint8Array;
  /** Evidence files by SHA-256 (each re-hashed). */
  evidence: Map<string, Uint8Array>;
  events: number;
  audit_entries: number;
  audit_head: { seq: number; hash: string } | null;
}

const refuse = (zh: string, en: string): UserError =>
  new UserError('BAD_PACKAGE', `这个证据包没有导入：${zh}。它可能被改动过或已损坏；记录没有任何改变。`, `The evidence package was not imported: ${en}. It may have been altered or damaged; the record is unchanged.`);

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

interface Manifest {
  format: string;
  created: string;
  audit_head: { seq: number; hash: string } | null;
  report?: { generated_at: string; rules_sha256: string };
  files: { path: string; sha256: string; size: number }[];
}

function manifestOf(bytes: Uint8Array | undefined): Manifest {
  if (bytes === undefined) throw refuse('缺少清单文件（manifest.json），这不是 dunguard 的证据包', 'manifest.json is missing: not a dunguard evidence package');
  let m: Manifest;
  try {
    m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Manifest;
  } catch {
    throw refuse('清单文件（manifest.json）读不出来', 'manifest.json cannot be read');
  }
  if (m?.format !== PACKAGE_FORMAT) throw refuse(`不认识的证据包格式（${String(m?.format).slice(0, 60)}）`, `unknown package format ${String(m?.format).slice(0, 60)}`);
  if (!Array.isArray(m.files)) throw refuse('清单文件（manifest.json）不完整', 'manifest.json has no file list');
  return m;
}

export async function packageForImport(sql: SqlJs, zip: Uint8Array, data: ReportData): Promise<PackageForImport> {
  let members: Record<string, Uint8Array>;
  let total = 0;
  try {
    members = unzipSync(zip, {
      filter: (f) => {
        total += f.originalSize;
        if (f.originalSize > MEMBER_LIMIT || total > TOTAL_LIMIT) throw refuse('文件太大，手机上无法导入（请在电脑上用 dunguard 处理）', 'too large to import on a phone (use dunguard on a computer)');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw refuse('不是一个完整的 zip 文件', 'not a readable zip file');
  }
  const manifest = manifestOf(members['manifest.json']);
  // Every member listed, with its hash and size; nothing unlisted.
  const listed = new Set<string>();
  for (const f of manifest.files) {
    const got = members[f.path];
    if (got === undefined) throw refuse(`清单里的文件 ${f.path} 不在包里`, `${f.path} is listed but missing`);
    if (got.length !== f.size || sha256(got) !== f.sha256) throw refuse(`文件 ${f.path} 与清单记录的校验值不符`, `${f.path} does not match its SHA-256 in the manifest`);
    listed.add(f.path);
  }
  for (const name of Object.keys(members)) if (name !== 'manifest.json' && !listed.has(name)) throw refuse(`包里有清单之外的文件 ${name.slice(0, 80)}`, `unlisted member ${name.slice(0, 80)}`);
  // The chain, to the head the manifest records.
  const auditText = members['audit.jsonl'];
  if (auditText === undefined) throw refuse('缺少操作日志（audit.jsonl）', 'audit.jsonl is missing');
  let audit: AuditEntry[];
  try {
    audit = new TextDecoder('utf-8', { fatal: true })
      .decode(auditText)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as AuditEntry);
  } catch {
    throw refuse('操作日志（audit.jsonl）读不出来', 'audit.jsonl cannot be read');
  }
  const chain = verifyChain(audit, manifest.audit_head ?? undefined);
  if (chain.length > 0) throw refuse(`操作日志的校验链断了（第 ${chain[0]!.seq ?? '?'} 条）`, `the audit chain is broken (${chain[0]!.kind} at entry ${chain[0]!.seq ?? '?'})`);
  // The record rebuilt from the chain and events.json, verified against the chain, and written out again as a package.
  let listedEvents: Record<string, unknown>[];
  try {
    listedEvents = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(members['events.json'])) as Record<string, unknown>[];
    if (!Array.isArray(listedEvents)) throw new Error('not a list');
  } catch {
    throw refuse('联系记录（events.json）读不出来', 'events.json cannot be read');
  }
  const database = await restoredDatabase(sql, audit, listedEvents);
  const file = memoryRecordFile();
  await file.save(database);
  const store = await BrowserStore.open(sql, file);
  try {
    const reader = await store.openReader();
    let evidenceRows;
    try {
      const checked = await verifyTablesWith(reader);
      if (checked.findings.length > 0) throw refuse('记录与操作日志对不上', `the record does not verify against its chain (${checked.findings[0]!.detail})`);
      evidenceRows = checked.evidence;
    } finally {
      await reader.close();
    }
    const evidence = new Map<string, Uint8Array>();
    for (const f of evidenceRows) {
      const bytes = members[`evidence/${f.sha256}`];
      if (bytes === undefined || bytes.length !== f.size || sha256(bytes) !== f.sha256) throw refuse(`证据文件 ${f.name} 缺失或已被改动`, `evidence file ${f.sha256} is missing or altered`);
      evidence.set(f.sha256, bytes);
    }
    const generatedAt = manifest.report?.generated_at ?? manifest.created;
    const again = unzipSync((await packageInMemory(store, data, async (sha) => evidence.get(sha), { generator: 'check', now: new Date(generatedAt) })).zip);
    const compared = ['events.json', 'events.csv', 'audit.jsonl', 'evidence.json'];
    // The report is derived with the rule data: compared when the package was made with the same.
    if (manifest.report?.rules_sha256 === reportRulesHash(data)) compared.push('report.html', 'report.json');
    for (const name of compared) {
      if (!same(members[name], again[name])) throw refuse(`${name} 与操作日志记录的内容不一致`, `${name} differs from what the audit chain logged`);
    }
    return { database, evidence, events: listedEvents.length, audit_entries: audit.length, audit_head: manifest.audit_head ?? null };
  } finally {
    await store.close();
  }
}
