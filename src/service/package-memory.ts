/**
 * The evidence package built in memory, for a small record with no file system: the offline
 * app exports the phone's record this way. The same members, bytes and manifest as export.ts
 * writes to a file (events.json, events.csv, audit.jsonl, evidence.json, report.html/.json,
 * evidence/<sha256>, manifest.json), so `dunguard verify-package` checks it like any other.
 * Refuses a record that does not verify. No Node module (node:crypto is mapped to a SHA-256 of
 * its own in the app's build).
 */
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import type { StoredEvent } from '../record/schemas.js';
import type { AuditEntry } from '../record/audit.js';
import type { Store } from '../store/store.js';
import { eventsCsv, FIXED_TIME, PACKAGE_FORMAT, packageReport, reportRulesHash, type ReportData } from './package-format.js';
import { UserError } from './errors.js';
import { verifyTablesWith } from './verify-tables.js';

export interface MemoryPackage {
  zip: Uint8Array;
  files: number;
  events: number;
  evidence: number;
  audit_entries: number;
  audit_head: { seq: number; hash: string } | undefined;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export async function packageInMemory(
  store: Store,
  data: ReportData,
  /** An evidence file's bytes by SHA-256 (undefined: missing). */
  file: (sha256: string) => Promise<Uint8Array | undefined>,
  opts: { generator: string; now?: Date },
): Promise<MemoryPackage> {
  const reader = await store.openReader();
  try {
    const checked = await verifyTablesWith(reader);
    if (checked.findings.length > 0) throw new UserError('NOT_INTACT', '记录未通过校验，不能导出（先校验记录）', 'The record does not verify; not exporting (verify it first)');
    const now = (opts.now ?? new Date()).toISOString();
    const events: StoredEvent[] = [];
    for await (const e of reader.eventsWithEvidence()) events.push(e);
    const audit: AuditEntry[] = [];
    for await (const a of reader.audit()) audit.push(a);
    const report = packageReport(events, data, now);
    const enc = new TextEncoder();
    const zip: Zippable = {};
    const manifest: { path: string; sha256: string; size: number }[] = [];
    const add = (path: string, bytes: Uint8Array, level: 0 | 6, listed = true): void => {
      zip[path] = [bytes, { level, mtime: FIXED_TIME }];
      if (listed) manifest.push({ path, sha256: sha256(bytes), size: bytes.length });
    };
    add('events.json', enc.encode(JSON.stringify(events, null, 2) + '\n'), 6);
    add('events.csv', enc.encode(eventsCsv(events)), 6);
    add('audit.jsonl', enc.encode(audit.length === 0 ? '\n' : audit.map((a) => JSON.stringify(a) + '\n').join('')), 6);
    add('evidence.json', enc.encode(JSON.stringify(checked.evidence, null, 2) + '\n'), 6);
    add('report.html', enc.encode(report.html), 6);
    add('report.json', enc.encode(report.json), 6);
    for (const f of checked.evidence) {
      const bytes = await file(f.sha256);
      if (bytes === undefined) throw new UserError('NOT_INTACT', `证据文件 ${f.sha256} 不见了`, `Evidence file ${f.sha256} is missing`);
      if (sha256(bytes) !== f.sha256) throw new UserError('NOT_INTACT', `证据文件 ${f.sha256} 已被改动`, `Evidence file ${f.sha256} was modified`);
      add(`evidence/${f.sha256}`, bytes, 0);
    }
    const manifestText =
      JSON.stringify({ format: PACKAGE_FORMAT, created: now, generator: opts.generator, audit_head: reader.head ?? null, report: { generated_at: now, rules_sha256: reportRulesHash(data) }, files: manifest }, null, 2) + '\n';
    add('manifest.json', enc.encode(manifestText), 6, false);
    return { zip: zipSync(zip), files: manifest.length, events: events.length, evidence: checked.evidence.length, audit_entries: audit.length, audit_head: reader.head };
  } finally {
    await reader.close();
  }
}
