/**
 * `verify-package`: checks an evidence package the way other tools read it. The zip layer
 * (zip-read.ts) reads by the central directory and refuses anything other tools could read
 * differently. Then the content: every entry listed in the manifest with its SHA-256 and
 * size, nothing missing or extra; the audit chain in audit.jsonl verifies up to the head the
 * manifest records; events and evidence records are exactly the last state the chain logged;
 * evidence.json ↔ evidence/ files ↔ the events' links agree both ways; events.csv,
 * report.html and report.json are regenerated from events.json and compared byte for byte;
 * the JSON members are in the exact form export writes (so no duplicate keys or other text
 * another JSON reader could read differently). Memory is bounded: evidence is streamed, and a
 * JSON member larger than the limit is refused before it is inflated.
 *
 * What it proves: the package is internally consistent and ends at the audit head it
 * records. It does not prove the head is the person's real one: someone who rebuilds the
 * whole record and chain can build a consistent package. The head kept elsewhere (in a
 * letter, with a complaint, by a lawyer) is the anchor — compare it with the one printed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { loadData } from '../data/load.js';
import { replay, verifyChain, type AuditEntry } from '../record/audit.js';
import { verifyRecord } from '../record/verify.js';
import type { EvidenceFile, StoredEvent } from '../record/schemas.js';
import { UserError } from './errors.js';
import { eventsCsv, packageReport, reportRulesHash, PACKAGE_FORMAT } from './export.js';
import { readEntry, readZipIndex, type ZipEntry, type ZipProblem } from './zip-read.js';
import { createHash } from 'node:crypto';

export type PackageProblem = ZipProblem;

export interface PackageVerdict {
  ok: boolean;
  format: string | null;
  /** Entries in the zip. */
  files: number;
  /** The audit head the manifest records: compare it with the one kept elsewhere. */
  audit_head: { seq: number; hash: string } | null;
  problems: PackageProblem[];
}

/** The largest JSON member read into memory (a JavaScript string cannot be much longer). */
export const DEFAULT_MEMBER_LIMIT = 512 * 1024 * 1024;

const FIXED = ['manifest.json', 'events.json', 'events.csv', 'audit.jsonl', 'evidence.json', 'report.html', 'report.json'] as const;
const KEEP = new Set(['manifest.json', 'events.json', 'audit.jsonl', 'evidence.json', 'report.html']);
const EVIDENCE_NAME = /^evidence\/[0-9a-f]{64}$/;

const Head = z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const Manifest = z
  .object({
    format: z.enum(['dunguard-evidence-package/1', PACKAGE_FORMAT]),
    created: z.string(),
    generator: z.string().optional(),
    audit_head: Head.nullable(),
    report: z.object({ generated_at: z.string(), rules_sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict().optional(),
    files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).strict()),
  })
  .strict();
type Manifest = z.infer<typeof Manifest>;

const p = (code: string, zh: string, en: string): PackageProblem => ({ code, zh, en });
const sha = (text: string): { sha256: string; size: number } => {
  const b = Buffer.from(text, 'utf8');
  return { sha256: createHash('sha256').update(b).digest('hex'), size: b.length };
};

const CHAIN_ZH: Record<string, (seq: number) => string> = {
  hash_mismatch: (s) => `审计链第 ${s} 条在写入后被改动`,
  broken_link: (s) => `审计链第 ${s} 条与前一条接不上`,
  missing_entry: (s) => `审计链在第 ${s} 条之前缺少条目`,
  out_of_order: (s) => `审计链第 ${s} 条顺序错乱`,
  head_mismatch: (s) => `审计链的末端不是清单记录的末端（第 ${s} 条）：末尾的条目被删除或替换`,
  bad_payload: (s) => `审计链第 ${s} 条的内容无法读取`,
};
const RECORD_ZH: Record<string, string> = {
  row_changed: '记录与审计链最后记载的状态不同',
  row_missing: '审计链记载的记录在包里不见了',
  row_unlogged: '包里有审计链从未记载的记录',
};

/** Checks the package at `file`. Throws UserError only when the file cannot be opened at all. */
export async function verifyPackage(file: string, opts: { memberLimit?: number } = {}): Promise<PackageVerdict> {
  const limit = opts.memberLimit ?? DEFAULT_MEMBER_LIMIT;
  let fh: FileHandle;
  let size: number;
  try {
    fh = await open(file, 'r');
    const st = await fh.stat();
    if (!st.isFile()) {
      await fh.close();
      throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    }
    size = st.size;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UserError('CANNOT_READ', `无法读取 ${file}：${err.code ?? err.message}`, `Cannot read ${file}: ${err.code ?? err.message}`);
  }
  try {
    return await check(fh, size, limit);
  } finally {
    await fh.close();
  }
}

async function check(fh: FileHandle, size: number, limit: number): Promise<PackageVerdict> {
  const index = await readZipIndex(fh, size);
  const problems: PackageProblem[] = [...index.problems];
  const verdict = (format: string | null = null, head: PackageVerdict['audit_head'] = null): PackageVerdict => ({ ok: problems.length === 0, format, files: index.entries.length, audit_head: head, problems });
  if (index.entries.length === 0 && problems.length > 0) return verdict();

  // Every entry's data: hash (all), bytes (the JSON members), read in file order.
  const got = new Map<string, { sha256: string; size: number }>();
  const texts = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const e of [...index.entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const r = await readEntry(fh, e, { keep: KEEP.has(e.name), limit });
    if (r.problem) {
      problems.push(r.problem);
      continue;
    }
    got.set(e.name, { sha256: r.sha256, size: r.size });
    if (r.bytes) {
      try {
        texts.set(e.name, decoder.decode(r.bytes));
      } catch {
        problems.push(p('MEMBER_INVALID', `${e.name} 不是有效的 UTF-8 文本。`, `${e.name} is not valid UTF-8 text.`));
      }
    }
  }
  const names = new Set(index.entries.map((e: ZipEntry) => e.name));
  for (const n of names) {
    if (!(FIXED as readonly string[]).includes(n) && !EVIDENCE_NAME.test(n)) problems.push(p('ENTRY_UNEXPECTED', `包里有不属于证据包的条目 ${n}。`, `${n} is not a part of an evidence package.`));
  }

  // The manifest.
  let manifest: Manifest | undefined;
  const manifestText = texts.get('manifest.json');
  if (!names.has('manifest.json')) problems.push(p('MANIFEST_MISSING', '缺少 manifest.json（清单）。', 'manifest.json (the manifest) is missing.'));
  else if (manifestText !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(manifestText);
    } catch {
      problems.push(p('MANIFEST_INVALID', 'manifest.json 不是有效的 JSON。', 'manifest.json is not valid JSON.'));
    }
    if (raw !== undefined) {
      const parsed = Manifest.safeParse(raw);
      if (!parsed.success) {
        const format = (raw as { format?: unknown } | null)?.format;
        const issue = parsed.error.issues[0];
        problems.push(
          typeof format === 'string' && format.startsWith('dunguard-evidence-package/') && format !== PACKAGE_FORMAT && format !== 'dunguard-evidence-package/1'
            ? p('MANIFEST_FORMAT', `证据包格式 ${format} 是更新版本的 dunguard 写的：请升级后再校验。`, `Package format ${format} was written by a newer dunguard: upgrade to verify it.`)
            : p('MANIFEST_INVALID', `manifest.json 的格式不对：${issue?.path.join('.') || '(根)'} ${issue?.message ?? ''}`, `manifest.json is malformed: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`),
        );
      } else {
        manifest = parsed.data;
        if (JSON.stringify(raw, null, 2) + '\n' !== manifestText) problems.push(p('MEMBER_INVALID', 'manifest.json 不是 dunguard 写出的形式（多余的空白、重复的键等）。', 'manifest.json is not in the form dunguard writes (extra spaces, duplicate keys…).'));
      }
    }
  }
  if (manifest === undefined) return verdict();
  const head = manifest.audit_head;
  const v2 = manifest.format === PACKAGE_FORMAT;
  if (v2 && manifest.report === undefined) problems.push(p('MANIFEST_INVALID', 'manifest.json 缺少 report 字段。', 'manifest.json lacks its "report" field.'));

  // Manifest ↔ entries, both ways.
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (listed.has(f.path)) problems.push(p('MANIFEST_DUPLICATE', `清单中 ${f.path} 出现了两次。`, `${f.path} is listed twice in the manifest.`));
    listed.add(f.path);
    const g = got.get(f.path);
    if (!names.has(f.path)) problems.push(p('ENTRY_MISSING', `清单列出的 ${f.path} 不在包里。`, `${f.path} is listed in the manifest but missing.`));
    else if (g !== undefined && (g.sha256 !== f.sha256 || g.size !== f.size)) problems.push(p('ENTRY_CHANGED', `${f.path} 被改动过（SHA-256 ${g.sha256}，清单记载 ${f.sha256}）。`, `${f.path} was changed (SHA-256 ${g.sha256}, manifest ${f.sha256}).`));
  }
  for (const n of names) if (n !== 'manifest.json' && !listed.has(n)) problems.push(p('ENTRY_UNLISTED', `${n} 在包里，但不在清单中。`, `${n} is in the package but not in the manifest.`));
  for (const n of FIXED) if (!names.has(n)) problems.push(p('ENTRY_MISSING', `包里缺少 ${n}。`, `${n} is missing from the package.`));
  for (const n of names) {
    const g = got.get(n);
    if (EVIDENCE_NAME.test(n) && g !== undefined && g.sha256 !== n.slice(9)) problems.push(p('EVIDENCE_CHANGED', `证据文件 ${n} 的内容与它的名字（SHA-256）不符。`, `${n} is not named after its content's hash: the file was changed.`));
  }

  // The records: parse, in the exact form export writes.
  const member = <T>(name: string, parse: (text: string) => T, form: (v: T) => string): T | undefined => {
    const text = texts.get(name);
    if (text === undefined) return undefined;
    try {
      const v = parse(text);
      if (form(v) !== text) problems.push(p('MEMBER_INVALID', `${name} 不是 dunguard 写出的形式（多余的空白、重复的键等），其他程序可能读出不同的内容。`, `${name} is not in the form dunguard writes (extra spaces, duplicate keys…): other programs could read it differently.`));
      return v;
    } catch {
      problems.push(p('MEMBER_INVALID', `${name} 无法读取（不是有效的 JSON 或结构不对）。`, `${name} cannot be read (not valid JSON, or not the expected structure).`));
      return undefined;
    }
  };
  const arrayOf = <T>(check: (x: unknown) => boolean) => (text: string): T[] => {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v) || !v.every(check)) throw new Error('structure');
    return v as T[];
  };
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const events = member(
    'events.json',
    arrayOf<StoredEvent>((x) => isObj(x) && typeof x.id === 'string' && Array.isArray(x.evidence) && x.evidence.every((s) => typeof s === 'string')),
    (v) => JSON.stringify(v, null, 2) + '\n',
  );
  const evidence = member(
    'evidence.json',
    arrayOf<EvidenceFile>((x) => isObj(x) && typeof x.sha256 === 'string' && typeof x.size === 'number'),
    (v) => JSON.stringify(v, null, 2) + '\n',
  );
  const audit = member(
    'audit.jsonl',
    (text) => {
      if (!text.endsWith('\n')) throw new Error('structure');
      const lines = text.slice(0, -1).split('\n');
      if (lines.length === 1 && lines[0] === '') return [];
      return lines.map((l) => {
        const a = JSON.parse(l) as unknown;
        if (!isObj(a) || typeof a.seq !== 'number' || typeof a.hash !== 'string' || typeof a.prev_hash !== 'string' || typeof a.payload !== 'string') throw new Error('structure');
        return a as unknown as AuditEntry;
      });
    },
    (v) => v.map((a) => JSON.stringify(a)).join('\n') + '\n',
  );

  // The chain up to the manifest's head, and the records against the chain.
  if (audit !== undefined) {
    if (head === null && audit.length > 0) problems.push(p('AUDIT_HEAD_MISSING', '清单没有记录审计链末端，但包里有审计链。', 'The manifest records no audit head, but the package has an audit chain.'));
    for (const c of verifyChain(audit, head ?? undefined)) problems.push(p(`AUDIT_${c.kind.toUpperCase()}`, `${CHAIN_ZH[c.kind]?.(c.seq) ?? '审计链有问题'}。`, `audit chain: ${c.detail}`));
    if (events !== undefined && evidence !== undefined) {
      // Debts, rates and the profile are logged in the chain but not carried in the package: take them as logged.
      const others: Record<'debt' | 'lpr' | 'profile', object[]> = { debt: [], lpr: [], profile: [] };
      for (const s of replay(audit).values()) if (s.entity === 'debt' || s.entity === 'lpr' || s.entity === 'profile') others[s.entity].push(s.state as object);
      try {
        for (const f of verifyRecord({ events, evidence, audit, head: head ?? undefined, debts: others.debt as { id: string }[], lpr: others.lpr as { month: string }[], profile: others.profile[0] })) {
          if (f.kind in CHAIN_ZH) continue; // reported above
          problems.push(p(`RECORD_${f.kind.toUpperCase()}`, `${RECORD_ZH[f.kind] ?? '记录与审计链不一致'}：${f.detail}`, `records: ${f.detail}`));
        }
      } catch (e) {
        problems.push(p('MEMBER_INVALID', `记录无法核对：${(e as Error).message}`, `The records cannot be checked: ${(e as Error).message}`));
      }
    }
  }

  // evidence.json ↔ evidence/ ↔ the events' links.
  if (evidence !== undefined) {
    const records = new Map<string, EvidenceFile>();
    for (const f of evidence) {
      if (records.has(f.sha256)) problems.push(p('EVIDENCE_DUPLICATE', `evidence.json 中证据 ${f.sha256} 出现了两次。`, `Evidence ${f.sha256} is listed twice in evidence.json.`));
      records.set(f.sha256, f);
      const path = `evidence/${f.sha256}`;
      const g = got.get(path);
      if (!names.has(path)) problems.push(p('EVIDENCE_MISSING', `证据文件 ${f.sha256}（${f.name}）在 evidence.json 中，但包里没有这个文件。`, `Evidence file ${f.sha256} (${f.name}) is in evidence.json but missing from the package.`));
      else if (g !== undefined && (g.sha256 !== f.sha256 || g.size !== f.size)) problems.push(p('EVIDENCE_CHANGED', `证据文件 ${f.sha256} 与 evidence.json 记载的哈希或大小不符。`, `Evidence file ${f.sha256} does not match the hash or size in evidence.json.`));
    }
    for (const n of names) {
      if (EVIDENCE_NAME.test(n) && !records.has(n.slice(9))) problems.push(p('EVIDENCE_UNLISTED', `${n} 在包里，但不在 evidence.json 中。`, `${n} is in the package but not in evidence.json.`));
    }
    for (const e of events ?? []) {
      for (const s of e.evidence) if (!records.has(s)) problems.push(p('EVIDENCE_LINK_MISSING', `事件 ${e.id} 链接的证据 ${s} 不在 evidence.json 中。`, `Event ${e.id} links evidence ${s}, which is not in evidence.json.`));
    }
  }

  // events.csv and the report, regenerated from events.json.
  if (events !== undefined) {
    const same = (name: string, text: string): boolean => {
      const g = got.get(name);
      const want = sha(text);
      return g === undefined || (g.sha256 === want.sha256 && g.size === want.size);
    };
    if (!same('events.csv', eventsCsv(events))) problems.push(p('CSV_DIFFERS', 'events.csv 与由 events.json 重新生成的不同：表格被改动过。', 'events.csv differs from the one regenerated from events.json: the table was altered.'));
    const data = await loadData();
    const generatedAt = manifest.report?.generated_at ?? /生成时间 \/ Generated: ([^ <]*) ·/.exec(texts.get('report.html') ?? '')?.[1];
    if (generatedAt !== undefined && (names.has('report.html') || names.has('report.json'))) {
      const report = packageReport(events, data, generatedAt);
      const otherRules = manifest.report !== undefined && manifest.report.rules_sha256 !== reportRulesHash(data);
      const why = otherRules
        ? { zh: `（报告是用另一版规则数据生成的（${manifest.generator ?? '另一版本'}）：请用同一版本的 dunguard 校验）`, en: ` (the report was made with other rule data (${manifest.generator ?? 'another version'}): verify with that version of dunguard)` }
        : { zh: '：报告被改动过', en: ': the report was altered' };
      if (!same('report.html', report.html)) problems.push(p('REPORT_DIFFERS', `report.html 与由 events.json 重新生成的不同${why.zh}。`, `report.html differs from the one regenerated from events.json${why.en}.`));
      if (!same('report.json', report.json)) problems.push(p('REPORT_DIFFERS', `report.json 与由 events.json 重新生成的不同${why.zh}。`, `report.json differs from the one regenerated from events.json${why.en}.`));
    } else if (names.has('report.html')) {
      problems.push(p('REPORT_DIFFERS', 'report.html 没有生成时间，无法重新生成比对。', 'report.html has no generation time: it cannot be regenerated and compared.'));
    }
  }
  return verdict(manifest.format, head);
}
