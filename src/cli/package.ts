/**
 * `dunguard export --out case.zip` and `dunguard verify-package case.zip`: the evidence
 * package a regulator or court can check without dunguard — events (JSON and CSV), evidence
 * files under their SHA-256 names, the audit chain, the harassment report (HTML), and a
 * manifest with the SHA-256 of every file. Evidence is streamed into the zip; verification
 * reads the zip as a stream and never writes its entries to disk, and refuses any entry
 * name that could escape a folder (zip-slip).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Unzip, UnzipInflate } from 'fflate';
import { verifyChain, type AuditEntry } from '../record/audit.js';
import { verifyRecord } from '../record/verify.js';
import type { EvidenceFile, StoredEvent } from '../record/schemas.js';
import { UserError } from './io.js';
import { out, type Common } from './log.js';
import { openRecord } from '../service/record-context.js';
import { exportPackage } from '../service/export.js';

export { eventsCsv } from '../service/export.js';

const CHAIN_KINDS = new Set(['hash_mismatch', 'broken_link', 'missing_entry', 'out_of_order', 'head_mismatch', 'bad_payload']);

export async function runExport(opts: Common & { out: string }): Promise<string> {
  const ctx = await openRecord(opts.dataDir);
  try {
    const r = await exportPackage(ctx, opts.out);
    return out(opts, { out: r.out, files: r.files, audit_head: r.audit_head }, () => `wrote ${r.out}: ${r.events} events, ${r.evidence} evidence files, ${r.audit_entries} audit entries`);
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
    throw new UserError('CANNOT_READ', `无法读取 ${file}：${err.code ?? err.message}`, `Cannot read ${file}: ${err.code ?? err.message}`);
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
