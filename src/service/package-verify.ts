/**
 * `verify-package`: checks an evidence package the way other tools read it. The zip layer
 * (zip-read.ts) reads by the central directory and refuses anything other tools could read
 * differently. Then the content: every entry listed in the manifest with its SHA-256 and
 * size, nothing missing or extra; the audit chain in audit.jsonl verifies up to the head the
 * manifest records; events and evidence records are exactly the last state the chain logged;
 * evidence.json ↔ evidence/ files ↔ the events' links agree both ways; events.csv,
 * report.html and report.json are regenerated from events.json and compared byte for byte;
 * the JSON members are in the exact form export writes (so no duplicate keys or other text
 * another JSON reader could read differently).
 *
 * Memory is flat in the number of events: evidence, events.csv and report.json are only
 * hashed as they stream out of the zip; audit.jsonl is walked line by line (the chain checked
 * as it goes, and only a digest of each entity's last logged state kept); events.json is
 * parsed element by element in the exact layout export writes (JSON.stringify(events, null,
 * 2)), each event checked against its digest, turned into its events.csv row (hashed, then
 * compared with the member's hash) and a compact contact for the report. Members that are held
 * whole (the manifest, evidence.json, report.html) are refused over the member limit before
 * they are inflated; so is one audit line or one event over it, and an events.json that is
 * not in the streamable layout is read whole only when it is within the limit.
 *
 * What it proves: the package is internally consistent and ends at the audit head it
 * records. It does not prove the head is the person's real one: someone who rebuilds the
 * whole record and chain can build a consistent package. The head kept elsewhere (in a
 * letter, with a complaint, by a lawyer) is the anchor — compare it with the one printed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Bundle } from '../data/bundle.js';
import { loadData } from '../data/load.js';
import { ChainWalker, type AuditEntity, type AuditEntry, type ChainProblem } from '../record/audit.js';
import type { ContactCollector } from '../record/harassment.js';
import { lastPayloads, RecordVerifier, SPILL_DIGESTS_AT } from '../record/verify.js';
import { digestSpill, spillAt } from '../store/sqlite/scratch.js';
import type { EvidenceFile, StoredEvent } from '../record/schemas.js';
import { UserError } from './errors.js';
import { findingText } from '../present/findings.js';
import { eventsCsv, packageContacts, packageReportParts, reportRulesHash, PACKAGE_FORMAT } from './export.js';
import type { ReportData } from './package-format.js';
import { readEntry, readZipIndex, type EntryData, type ZipEntry, type ZipProblem } from './zip-read.js';

export type PackageProblem = ZipProblem;

export interface PackageVerdict {
  ok: boolean;
  format: string | null;
  /** Entries in the zip. */
  files: number;
  /** The audit head the manifest records: compare it with the one kept elsewhere. */
  audit_head: { seq: number; hash: string } | null;
  problems: PackageProblem[];
  /**
   * What could not be checked, and why — never a sign that the package was altered: a report
   * made with another version's rule data cannot be regenerated here to compare (the events,
   * the audit chain and the evidence it was made from are still verified in full).
   */
  notes: PackageProblem[];
}

/**
 * The largest JSON member held whole in memory (a JavaScript string cannot be much longer):
 * the manifest, evidence.json, report.html, and an events.json not in the streamable layout;
 * also the longest audit line or single event of a streamed member.
 */
export const DEFAULT_MEMBER_LIMIT = 512 * 1024 * 1024;
/** The largest streamed member (audit.jsonl, events.json): memory does not grow with it, but time does (a zip bomb). */
export const DEFAULT_STREAM_LIMIT = 64 * 1024 * 1024 * 1024;

const FIXED = ['manifest.json', 'events.json', 'events.csv', 'audit.jsonl', 'evidence.json', 'report.html', 'report.json'] as const;
const KEEP = new Set(['manifest.json', 'evidence.json', 'report.html']);
const STREAMED = new Set(['events.json', 'audit.jsonl']);
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


const mib = (n: number): string => (n / 1048576).toFixed(n < 1048576 ? 3 : 0);
const tooLarge = (name: string, size: number, limit: number): PackageProblem =>
  p('MEMBER_TOO_LARGE', `${name} 解压后有 ${mib(size)} MiB，超过上限 ${mib(limit)} MiB：未读取（可能是压缩炸弹）。`, `${name} inflates to ${mib(size)} MiB, over the ${mib(limit)} MiB limit: not read (a zip bomb, perhaps).`);
const notUtf8 = (name: string): PackageProblem => p('MEMBER_INVALID', `${name} 不是有效的 UTF-8 文本。`, `${name} is not valid UTF-8 text.`);
const notForm = (name: string): PackageProblem =>
  p('MEMBER_INVALID', `${name} 不是 dunguard 写出的形式（多余的空白、重复的键等），其他程序可能读出不同的内容。`, `${name} is not in the form dunguard writes (extra spaces, duplicate keys…): other programs could read it differently.`);
const unreadable = (name: string): PackageProblem => p('MEMBER_INVALID', `${name} 无法读取（不是有效的 JSON 或结构不对）。`, `${name} cannot be read (not valid JSON, or not the expected structure).`);

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isEvent = (x: unknown): boolean => isObj(x) && typeof x.id === 'string' && Array.isArray(x.evidence) && x.evidence.every((s) => typeof s === 'string');
const isEvidence = (x: unknown): boolean => isObj(x) && typeof x.sha256 === 'string' && typeof x.size === 'number';
const isAudit = (a: unknown): boolean => isObj(a) && typeof a.seq === 'number' && typeof a.hash === 'string' && typeof a.prev_hash === 'string' && typeof a.payload === 'string';

/** A member's text as lines, from chunks of UTF-8; a line (or the text after the last newline) longer than `cap` stops it. */
class Lines {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private parts: string[] = [];
  private partLen = 0;
  utf8Bad = false;
  overflow = false;
  /** `line` returns false to stop (the rest is then only hashed). */
  stopped = false;
  constructor(
    private readonly cap: number,
    private readonly line: (l: string) => boolean,
  ) {}

  chunk = (b: Buffer): void => {
    if (this.utf8Bad || this.overflow) return;
    let text: string;
    try {
      text = this.decoder.decode(b, { stream: true });
    } catch {
      this.utf8Bad = true;
      this.parts = [];
      return;
    }
    this.text(text);
  };

  private text(text: string): void {
    if (this.stopped) return;
    let i = 0;
    for (let j = text.indexOf('\n'); j >= 0; j = text.indexOf('\n', i)) {
      let l = text.slice(i, j);
      i = j + 1;
      if (this.parts.length > 0) {
        this.parts.push(l);
        l = this.parts.join('');
        this.parts = [];
        this.partLen = 0;
      }
      if (l.length > this.cap) {
        this.overflow = true;
        return;
      }
      if (!this.line(l)) {
        this.stopped = true;
        return;
      }
    }
    if (i < text.length) {
      const r = i === 0 ? text : text.slice(i);
      this.parts.push(r);
      this.partLen += r.length;
      if (this.partLen > this.cap) {
        this.overflow = true;
        this.parts = [];
      }
    }
  }

  /** After the last chunk: the text after the last newline (undefined when the text is not valid UTF-8). */
  end(): string | undefined {
    if (this.utf8Bad) return undefined;
    if (this.overflow) return '';
    try {
      this.text(this.decoder.decode());
    } catch {
      this.utf8Bad = true;
      return undefined;
    }
    return this.parts.join('');
  }
}

/** What the walk of audit.jsonl found: its chain problems, and each entity's last logged state (as digests). */
interface AuditScan {
  /** MEMBER_INVALID: not JSON lines of entries. */
  bad: boolean;
  /** Readable, but not in the form export writes. */
  formBad: boolean;
  count: number;
  walker: ChainWalker;
  chain: ChainProblem[];
  verifier: RecordVerifier;
  /** Debts, rates, the profile and number tags as logged (they are not carried in the package), by entity:id in first-logged order. */
  others: Map<string, { entity: AuditEntity; state: unknown }>;
}

/** The events' consumers: events.csv (hashed), the report's contacts, evidence links, the chain's digests. */
class EventSink {
  private static readonly HEADER = eventsCsv([]);
  private readonly csv = createHash('sha256');
  csvSize = 0;
  private csvParts: string[] = [];
  private csvLen = 0;
  readonly contacts: ContactCollector;
  readonly linkProblems: PackageProblem[] = [];
  /** The verifier's link findings, set aside to follow every event finding (the order verifyRecord gives). */
  readonly linkFindings: RecordVerifier['findings'] = [];
  verifierError: Error | undefined;
  reportError: unknown;
  count = 0;

  constructor(
    data: Pick<Bundle, 'harassment'>,
    private readonly records: ReadonlySet<string> | undefined,
    private readonly verifier: RecordVerifier | undefined,
  ) {
    this.contacts = packageContacts(data); // past SPILL_CONTACTS_AT on disk: close it when done
    this.csvText(EventSink.HEADER);
  }

  private csvText(t: string): void {
    this.csvParts.push(t);
    this.csvLen += t.length;
    if (this.csvLen >= 1 << 20) this.flush();
  }

  private flush(): void {
    const b = Buffer.from(this.csvParts.join(''), 'utf8');
    this.csv.update(b);
    this.csvSize += b.length;
    this.csvParts = [];
    this.csvLen = 0;
  }

  add(e: StoredEvent): void {
    this.count++;
    this.csvText(eventsCsv([e]).slice(EventSink.HEADER.length));
    if (this.records !== undefined) {
      for (const s of e.evidence) if (!this.records.has(s)) this.linkProblems.push(p('EVIDENCE_LINK_MISSING', `事件 ${e.id} 链接的证据 ${s} 不在 evidence.json 中。`, `Event ${e.id} links evidence ${s}, which is not in evidence.json.`));
    }
    const v = this.verifier;
    if (v !== undefined && this.verifierError === undefined) {
      try {
        v.event(e);
        for (const sha256 of e.evidence) {
          const n = v.findings.length;
          v.link({ event_id: e.id, sha256 });
          if (v.findings.length > n) this.linkFindings.push(...v.findings.splice(n));
        }
      } catch (err) {
        this.verifierError = err as Error;
      }
    }
    if (this.reportError === undefined && !(e as { deleted_at?: string }).deleted_at) {
      try {
        this.contacts.add(e);
      } catch (err) {
        this.reportError = err;
      }
    }
  }

  /** events.csv as regenerated: its SHA-256 and size. */
  end(): { sha256: string; size: number } {
    this.flush();
    return { sha256: this.csv.digest('hex'), size: this.csvSize };
  }
}

/**
 * events.json element by element, in exactly the layout export writes: "[", then each event
 * as JSON.stringify(event, null, 2) indented by two spaces ("  {" … "  }"), separated by
 * ",", then "]" and a newline; "[]" and a newline when empty. Any other text stops it
 * (`deviant`): it is then read whole, within the limit, and judged as before.
 */
class EventsParser {
  private state: 'start' | 'element' | 'inside' | 'close' | 'end' = 'start';
  private lines: string[] = [];
  private len = 0;
  deviant = false;

  constructor(
    private readonly cap: number,
    private readonly sink: (e: StoredEvent) => void,
  ) {}

  line = (l: string): boolean => {
    switch (this.state) {
      case 'start':
        if (l === '[') this.state = 'element';
        else if (l === '[]') this.state = 'end';
        else return this.stop();
        return true;
      case 'element':
        if (l !== '  {') return this.stop();
        this.lines = [l];
        this.len = l.length;
        this.state = 'inside';
        return true;
      case 'inside': {
        this.lines.push(l);
        this.len += l.length + 1;
        if (this.len > this.cap) return this.stop();
        if (l !== '  }' && l !== '  },') return true;
        const comma = l.length === 4;
        let text = this.lines.join('\n');
        if (comma) text = text.slice(0, -1);
        this.lines = [];
        let v: unknown;
        try {
          v = JSON.parse(text);
        } catch {
          return this.stop();
        }
        if (!isEvent(v) || '  ' + JSON.stringify(v, null, 2).replace(/\n/g, '\n  ') !== text) return this.stop();
        this.sink(v as StoredEvent);
        this.state = comma ? 'element' : 'close';
        return true;
      }
      case 'close':
        if (l !== ']') return this.stop();
        this.state = 'end';
        return true;
      default:
        return this.stop();
    }
  };

  private stop(): false {
    this.deviant = true;
    this.lines = [];
    return false;
  }

  /** Whether the whole text was in the layout (`rest`: the text after the last newline). */
  done(rest: string): boolean {
    if (this.deviant || this.state !== 'end' || rest !== '') this.deviant = true;
    return !this.deviant;
  }
}

/** Checks the package at `file`. Throws UserError only when the file cannot be opened at all. */
export async function verifyPackage(file: string, opts: { memberLimit?: number; streamLimit?: number } = {}): Promise<PackageVerdict> {
  const limit = opts.memberLimit ?? DEFAULT_MEMBER_LIMIT;
  const streamLimit = Math.max(limit, opts.streamLimit ?? DEFAULT_STREAM_LIMIT);
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
    return await check(fh, size, limit, streamLimit);
  } finally {
    await fh.close();
  }
}

/** The SHA-256 and size of a text given in pieces. */
function hashParts(parts: Iterable<string>): { sha256: string; size: number } {
  const h = createHash('sha256');
  let size = 0;
  for (const t of parts) {
    const b = Buffer.from(t, 'utf8');
    h.update(b);
    size += b.length;
  }
  return { sha256: h.digest('hex'), size };
}

/** The harassment report from contacts gathered while the events streamed, exactly as export writes it: hashed as it is generated. */
async function reportHashes(contacts: ContactCollector, data: ReportData, generatedAt: string): Promise<{ html: { sha256: string; size: number }; json: { sha256: string; size: number } }> {
  const parts = await packageReportParts(contacts, data, generatedAt);
  return { html: hashParts(parts.html), json: hashParts(parts.json) };
}

async function check(fh: FileHandle, size: number, limit: number, streamLimit: number): Promise<PackageVerdict> {
  // What holds scratch tables on disk (digests, contacts), freed however the check ends.
  const scratch: { close(): void }[] = [];
  try {
    return await checkWith(fh, size, limit, streamLimit, scratch);
  } finally {
    for (const s of scratch) s.close();
  }
}

async function checkWith(fh: FileHandle, size: number, limit: number, streamLimit: number, scratch: { close(): void }[]): Promise<PackageVerdict> {
  const index = await readZipIndex(fh, size);
  const problems: PackageProblem[] = [...index.problems];
  const notes: PackageProblem[] = [];
  const verdict = (format: string | null = null, head: PackageVerdict['audit_head'] = null): PackageVerdict => ({ ok: problems.length === 0, format, files: index.entries.length, audit_head: head, problems, notes });
  if (index.entries.length === 0 && problems.length > 0) return verdict();

  // Every entry's data: hashed (all), held (the small JSON members), read in file order; the
  // two large members are streamed below. Their problems are reported in file order.
  const got = new Map<string, { sha256: string; size: number }>();
  const texts = new Map<string, string>();
  const readProblems = new Map<string, PackageProblem>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const inFileOrder = [...index.entries].sort((a, b) => a.localOffset - b.localOffset);
  const entryOf = new Map(index.entries.map((e) => [e.name, e]));
  // The manifest first: report.html is held only when the manifest does not record the report's time (format 1).
  let keepReport = true;
  for (const e of [...inFileOrder.filter((x) => x.name === 'manifest.json'), ...inFileOrder.filter((x) => x.name !== 'manifest.json')]) {
    if (STREAMED.has(e.name)) continue;
    const r = await readEntry(fh, e, { keep: KEEP.has(e.name) && (e.name !== 'report.html' || keepReport), limit });
    if (r.problem) {
      readProblems.set(e.name, r.problem);
      continue;
    }
    got.set(e.name, { sha256: r.sha256, size: r.size });
    if (r.bytes) {
      try {
        texts.set(e.name, decoder.decode(r.bytes));
      } catch {
        readProblems.set(e.name, notUtf8(e.name));
      }
    }
    if (e.name === 'manifest.json') {
      try {
        keepReport = typeof (JSON.parse(texts.get(e.name) ?? '') as { report?: { generated_at?: unknown } }).report?.generated_at !== 'string';
      } catch {
        /* judged below */
      }
    }
  }

  // Member form problems, reported in this order: events.json, evidence.json, audit.jsonl.
  const memberProblems = new Map<string, PackageProblem>();
  /** A member held whole: parsed, in the exact form export writes. */
  const member = <T>(name: string, text: string | undefined, parse: (text: string) => T, form: (v: T) => string): T | undefined => {
    if (text === undefined) return undefined;
    try {
      const v = parse(text);
      if (form(v) !== text) memberProblems.set(name, notForm(name));
      return v;
    } catch {
      memberProblems.set(name, unreadable(name));
      return undefined;
    }
  };
  const arrayOf = <T>(check: (x: unknown) => boolean) => (text: string): T[] => {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v) || !v.every(check)) throw new Error('structure');
    return v as T[];
  };
  const evidence = member('evidence.json', texts.get('evidence.json'), arrayOf<EvidenceFile>(isEvidence), (v) => JSON.stringify(v, null, 2) + '\n');
  const evidenceIds = evidence && new Set(evidence.map((f) => f.sha256));
  const data = await loadData();

  /** Streams a member out of the zip through `lines`; records its hash or its problem. */
  const stream = async (e: ZipEntry, lines: Lines): Promise<{ ok: boolean; rest: string }> => {
    if (e.size > streamLimit) {
      readProblems.set(e.name, tooLarge(e.name, e.size, streamLimit));
      return { ok: false, rest: '' };
    }
    const r: EntryData = await readEntry(fh, e, { onData: lines.chunk });
    if (r.problem) {
      readProblems.set(e.name, r.problem);
      return { ok: false, rest: '' };
    }
    got.set(e.name, { sha256: r.sha256, size: r.size });
    const rest = lines.end();
    if (rest === undefined) {
      readProblems.set(e.name, notUtf8(e.name));
      return { ok: false, rest: '' };
    }
    if (lines.overflow) {
      readProblems.set(e.name, tooLarge(e.name, e.size, limit));
      return { ok: false, rest: '' };
    }
    return { ok: true, rest };
  };

  // audit.jsonl, line by line: the chain checked as it goes, each entity's last logged state kept as a digest.
  const auditEntry = entryOf.get('audit.jsonl');
  const scanAudit = async (e: ZipEntry): Promise<AuditScan | undefined> => {
    const verifier = new RecordVerifier({ spill: digestSpill, spillAt: spillAt(SPILL_DIGESTS_AT) });
    scratch.push(verifier);
    const scan: AuditScan = { bad: false, formBad: false, count: 0, walker: new ChainWalker(), chain: [], verifier, others: new Map() };
    let emptyFirst = false;
    let lineNo = 0;
    const lines = new Lines(limit, (l) => {
      lineNo++;
      if (emptyFirst || (l === '' && lineNo > 1)) {
        scan.bad = true; // an empty line is not an entry (only the empty chain is written as one newline)
        return false;
      }
      if (l === '' && lineNo === 1) {
        emptyFirst = true;
        return true;
      }
      let a: unknown;
      try {
        a = JSON.parse(l);
      } catch {
        scan.bad = true;
        return false;
      }
      if (!isAudit(a)) {
        scan.bad = true;
        return false;
      }
      if (!scan.formBad && JSON.stringify(a) !== l) scan.formBad = true;
      const entry = a as unknown as AuditEntry;
      scan.count++;
      const parsed = scan.walker.add(entry, scan.chain);
      scan.verifier.logged(entry, parsed ?? null);
      if (parsed !== undefined && (entry.entity === 'debt' || entry.entity === 'lpr' || entry.entity === 'profile' || entry.entity === 'tag')) scan.others.set(`${entry.entity}:${entry.entity_id}`, { entity: entry.entity, state: parsed.state });
      return true;
    });
    const r = await stream(e, lines);
    if (!r.ok) return undefined;
    if (scan.bad || r.rest !== '' || lineNo === 0) {
      memberProblems.set('audit.jsonl', unreadable('audit.jsonl'));
      return undefined;
    }
    if (scan.formBad) memberProblems.set('audit.jsonl', notForm('audit.jsonl'));
    return scan;
  };
  let audit = auditEntry && (await scanAudit(auditEntry));

  // events.json, element by element, into the consumers; read whole (within the limit) when not in the layout.
  const eventsEntry = entryOf.get('events.json');
  let sink: EventSink | undefined;
  if (eventsEntry !== undefined) {
    const fresh = (): EventSink => {
      const s = new EventSink(data, evidenceIds, audit !== undefined && evidence !== undefined ? audit.verifier : undefined);
      scratch.push(s.contacts);
      return s;
    };
    sink = fresh();
    const s = sink;
    const parser = new EventsParser(limit, (e) => s.add(e));
    const lines = new Lines(limit, parser.line);
    const r = await stream(eventsEntry, lines);
    if (!r.ok) sink = undefined;
    else if (!parser.done(r.rest)) {
      s.contacts.close();
      sink = undefined;
      if (eventsEntry.size > limit) readProblems.set('events.json', tooLarge('events.json', eventsEntry.size, limit));
      else {
        const whole = await readEntry(fh, eventsEntry, { keep: true, limit });
        let text: string | undefined;
        try {
          text = whole.bytes && decoder.decode(whole.bytes);
        } catch {
          readProblems.set('events.json', notUtf8('events.json'));
        }
        const events = member('events.json', text, arrayOf<StoredEvent>(isEvent), (v) => JSON.stringify(v, null, 2) + '\n');
        text = undefined;
        if (events !== undefined) {
          // The streamed pass fed part of the events to the verifier: start again from the chain.
          if (audit !== undefined && evidence !== undefined) {
            audit.verifier.close();
            audit = await scanAudit(auditEntry!);
          }
          sink = fresh();
          for (const e of events) sink.add(e);
        }
      }
    }
  }
  const csv = sink?.end();

  // The problems, in the order they have always been reported.
  for (const e of inFileOrder) {
    const rp = readProblems.get(e.name);
    if (rp) problems.push(rp);
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

  // The records, in the exact form export writes.
  for (const n of ['events.json', 'evidence.json', 'audit.jsonl']) {
    const mp = memberProblems.get(n);
    if (mp) problems.push(mp);
  }

  // The chain up to the manifest's head, and the records against the chain.
  if (audit !== undefined) {
    if (head === null && audit.count > 0) problems.push(p('AUDIT_HEAD_MISSING', '清单没有记录审计链末端，但包里有审计链。', 'The manifest records no audit head, but the package has an audit chain.'));
    audit.walker.end(head ?? undefined, audit.chain);
    for (const c of audit.chain) problems.push(p(`AUDIT_${c.kind.toUpperCase()}`, `${CHAIN_ZH[c.kind]?.(c.seq) ?? '审计链有问题'}。`, `audit chain: ${c.detail}`));
    audit.chain.length = 0;
    if (sink !== undefined && evidence !== undefined) {
      const v = audit.verifier;
      try {
        if (sink.verifierError) throw sink.verifierError;
        v.findings.push(...sink.linkFindings);
        // Debts, rates, the profile and number tags are logged in the chain but not carried in the package: take them as logged.
        const others: Record<'debt' | 'lpr' | 'profile' | 'tag', object[]> = { debt: [], lpr: [], profile: [], tag: [] };
        for (const s of audit.others.values()) if (s.entity === 'debt' || s.entity === 'lpr' || s.entity === 'profile' || s.entity === 'tag') others[s.entity].push(s.state as object);
        for (const d of others.debt as { id: string }[]) v.row('debt', d.id, d);
        for (const r of others.lpr as { month: string }[]) v.row('lpr', r.month, r);
        if (others.profile[0]) v.row('profile', 'me', others.profile[0]);
        for (const t of others.tag as { number: string }[]) v.row('tag', t.number, t);
        for (const f of evidence) v.evidence(f);
        const wanted = v.needs();
        const payloads = new Map<string, string>();
        if (wanted.size > 0 && auditEntry !== undefined) {
          // Only when rows differ: a second walk fetches their last logged states to name the changed fields.
          const chunk: AuditEntry[] = [];
          const again = new Lines(limit, (l) => {
            if (l === '') return true;
            chunk.push(JSON.parse(l) as AuditEntry);
            if (chunk.length >= 2000) lastPayloads(chunk.splice(0), wanted, payloads);
            return true;
          });
          await readEntry(fh, auditEntry, { onData: again.chunk });
          again.end();
          lastPayloads(chunk, wanted, payloads);
        }
        for (const f of v.finish(payloads)) {
          if (f.kind in CHAIN_ZH) continue; // reported above
          problems.push(p(`RECORD_${f.kind.toUpperCase()}`, `${RECORD_ZH[f.kind] ?? '记录与审计链不一致'}：${findingText(f, 'zh')}`, `records: ${findingText(f, 'en')}`));
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
    if (sink !== undefined) problems.push(...sink.linkProblems);
  }

  // events.csv and the report, regenerated from events.json.
  if (sink !== undefined && csv !== undefined) {
    const same = (name: string, want: { sha256: string; size: number }): boolean => {
      const g = got.get(name);
      return g === undefined || (g.sha256 === want.sha256 && g.size === want.size);
    };
    if (!same('events.csv', csv)) problems.push(p('CSV_DIFFERS', 'events.csv 与由 events.json 重新生成的不同：表格被改动过。', 'events.csv differs from the one regenerated from events.json: the table was altered.'));
    const generatedAt = manifest.report?.generated_at ?? /生成时间 \/ Generated: ([^ <]*) ·/.exec(texts.get('report.html') ?? '')?.[1];
    if (generatedAt !== undefined && (names.has('report.html') || names.has('report.json'))) {
      if (sink.reportError !== undefined) throw sink.reportError;
      const report = await reportHashes(sink.contacts, data, generatedAt);
      const otherRules = manifest.report !== undefined && manifest.report.rules_sha256 !== reportRulesHash(data);
      const differ = ['report.html', 'report.json'].filter((n) => !same(n, n === 'report.html' ? report.html : report.json));
      if (differ.length > 0 && otherRules) {
        // Made with another version's rule data (a package from before an update): the report cannot be
        // regenerated here. Everything it was made from is verified; the report's own conclusions are not.
        const by = manifest.generator ?? '';
        notes.push(
          p(
            'REPORT_OTHER_VERSION',
            `报告（${differ.join('、')}）是用另一版本的 dunguard${by ? `（${by}）` : ''}生成的，这一版无法重新生成比对；记录、审计日志和证据已逐一核对无误，但报告里的结论没有经过这一版核实。需要时可把证据包导入后用这一版重新生成报告。`,
            `The report (${differ.join(', ')}) was made by another version of dunguard${by ? ` (${by})` : ''} and cannot be regenerated here to compare; the records, the audit log and the evidence were each verified, but the report's conclusions were not. If needed, import the package and make the report again with this version.`,
          ),
        );
      } else {
        for (const n of differ) problems.push(p('REPORT_DIFFERS', `${n} 与由 events.json 重新生成的不同：报告被改动过。`, `${n} differs from the one regenerated from events.json: the report was altered.`));
      }
    } else if (names.has('report.html')) {
      problems.push(p('REPORT_DIFFERS', 'report.html 没有生成时间，无法重新生成比对。', 'report.html has no generation time: it cannot be regenerated and compared.'));
    }
  }
  return verdict(manifest.format, head);
}
