/**
 * Import of call logs and messages: dunguard's own CSV and JSON (documented in
 * docs/record.md), and generic phone-backup CSV exports whose header names a number, a type,
 * a time, a duration and (for SMS) a body. Pure: text in, rows or per-row errors out; every
 * row gets a key from its content so that importing the same file twice adds nothing.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { importKeyBase } from './verify.js';
import { sha256Hex } from './audit.js';
import { Contacted, EventInput, MAX_EVENT_TEXT, type EventFields } from './schemas.js';
import { DATE_TIME_FORMATS, isTimeZone, skippedByClocks, toInstant } from './time.js';

/**
 * Largest import file. The whole file is decoded and parsed at once; a file far beyond any
 * phone's call log is refused with "split it" instead of failing on V8's string limit.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export interface ImportRow {
  line: number;
  fields: EventFields;
  key: string;
}

export interface ImportProblem {
  line: number;
  error: string;
}

export interface ParsedImport {
  format: string;
  rows: ImportRow[];
  problems: ImportProblem[];
}

/** Header names (lower-cased) accepted for each field, dunguard's own first. */
const ALIASES: Record<string, string[]> = {
  kind: ['kind', 'type', '类型', 'call type', 'calltype'],
  occurred_at: ['occurred_at', 'time', 'date', 'datetime', '时间', '日期', 'date time', 'timestamp'],
  time_zone: ['time_zone', 'timezone', 'tz'],
  number: ['number', 'phone', 'address', 'from', '号码', '电话', '对方号码', 'phone number'],
  company: ['company', '公司'],
  platform: ['platform', '平台', 'lender'],
  employee_no: ['employee_no', '工号'],
  role: ['role', '身份'],
  contacted: ['contacted', '联系对象'],
  debt_disclosed: ['debt_disclosed'],
  duration_s: ['duration_s', 'duration', '时长', 'duration (s)'],
  content: ['content', 'body', 'text', 'message', '内容', '短信内容'],
  notes: ['notes', 'note', '备注'],
};

/** Words phone exports use for call and message types. */
const KINDS: Record<string, EventFields['kind']> = {
  incoming: 'call_incoming', in: 'call_incoming', '1': 'call_incoming', 来电: 'call_incoming', 呼入: 'call_incoming', 已接: 'call_incoming',
  outgoing: 'call_outgoing', out: 'call_outgoing', '2': 'call_outgoing', 去电: 'call_outgoing', 呼出: 'call_outgoing',
  missed: 'call_missed', '3': 'call_missed', 未接: 'call_missed', 未接来电: 'call_missed',
  rejected: 'call_unanswered', declined: 'call_unanswered', blocked: 'call_unanswered', '5': 'call_unanswered', 拒接: 'call_unanswered', 未接通: 'call_unanswered',
  sms: 'sms', message: 'sms', inbox: 'sms', 短信: 'sms', received: 'sms',
};

function kindOf(v: string): EventFields['kind'] | undefined {
  const t = v.trim().toLowerCase();
  return (EventInput.shape.kind.options as readonly string[]).includes(t) ? (t as EventFields['kind']) : KINDS[t];
}

/**
 * A time given as a local date and time (any form the one date reader takes, e.g.
 * 2026-11-20 23:15, 2026/11/20 23:15, 2026年11月20日 23:15), an instant with offset, or
 * epoch milliseconds.
 */
function instantOf(v: string, tz: string): string | undefined {
  const t = v.trim();
  if (/^\d{12,13}$/.test(t)) return new Date(Number(t)).toISOString();
  return toInstant(t, tz);
}

/** The event fields in canonical order (sorted), each key's JSON text; and the claimed identity's. */
const SORTED_FIELDS = ['claimed', 'contacted', 'content', 'debt_disclosed', 'duration_s', 'kind', 'notes', 'number', 'occurred_at', 'time_zone'] as const;
const SORTED_CLAIMED = ['company', 'employee_no', 'platform', 'role'] as const;
const QUOTED: Record<string, string> = Object.fromEntries([...SORTED_FIELDS, ...SORTED_CLAIMED].map((k) => [k, JSON.stringify(k)]));

/**
 * canonicalJson(fields) written directly for the fields an import gives (known keys, text,
 * numbers and true/false; the claimed identity's known keys, text): the import key hashes it
 * for every row, and the general function sorted the keys of each. Undefined for anything
 * else (then canonicalJson writes it).
 */
export function fieldsJson(f: EventFields): string | undefined {
  const o = f as unknown as Record<string, unknown>;
  let n = 0;
  let out = '{';
  for (const k of SORTED_FIELDS) {
    const v = o[k];
    if (v === undefined) {
      if (k in o) n++; // present but undefined: left out, as canonicalJson leaves it
      continue;
    }
    n++;
    let text: string;
    if (k === 'claimed') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      const c = v as Record<string, unknown>;
      let m = 0;
      text = '{';
      for (const ck of SORTED_CLAIMED) {
        const cv = c[ck];
        if (cv === undefined) {
          if (ck in c) m++;
          continue;
        }
        if (typeof cv !== 'string') return undefined;
        m++;
        text += (text === '{' ? '' : ',') + QUOTED[ck] + ':' + JSON.stringify(cv);
      }
      if (m !== Object.keys(c).length) return undefined;
      text += '}';
    } else if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
      text = JSON.stringify(v);
    } else return undefined;
    out += (out === '{' ? '' : ',') + QUOTED[k] + ':' + text;
  }
  if (n !== Object.keys(o).length) return undefined;
  return out + '}';
}

/** `<format>:<sha256 of the fields>`, `#n` for the n-th identical row; verify re-derives it from the logged fields. */
function keyOf(format: string, fields: EventFields, seen: Map<string, number>): string {
  const text = fieldsJson(fields);
  const base = text === undefined ? importKeyBase(format, fields) : `${format}:${sha256Hex(text)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

/** For each field, the record keys that may hold it, in order of preference. */
type Columns = Map<string, string[]>;

function columnsFor(keys: readonly string[]): Columns {
  const cols: Columns = new Map();
  for (const [field, aliases] of Object.entries(ALIASES)) {
    cols.set(field, aliases.flatMap((alias) => keys.filter((k) => k.trim().toLowerCase() === alias)));
  }
  return cols;
}

/** The claimed-identity fields an import reads, in the order they are written. */
const CLAIMED_KEYS = ['company', 'platform', 'employee_no', 'role'] as const;
const CLAIMED_MAX: Record<(typeof CLAIMED_KEYS)[number], number> = { company: 200, platform: 200, employee_no: 100, role: 100 };
const KIND_SET: ReadonlySet<string> = new Set(EventInput.shape.kind.options);
const CONTACTED_SET: ReadonlySet<string> = new Set(Contacted.options);
/** Instant's own test (schemas.ts): a date and time with an offset that Date.parse reads. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export type Candidate = {
  kind: EventFields['kind'];
  occurred_at: string;
  time_zone: string;
  number: string | undefined;
  claimed: Record<string, string>;
  contacted: string;
  debt_disclosed: boolean | undefined;
  duration_s: number | undefined;
  content: string | undefined;
  notes: string | undefined;
};

/**
 * The fields EventInput.parse would give for a candidate every one of whose values plainly
 * meets the schema (the common case: an import validates every row, and zod was a tenth of
 * its time); undefined when anything is not plainly valid, and the row then goes through the
 * schema itself (for its error message, or for what this test does not decide). The object is
 * built as the schema writes it: its keys in the schema's order, absent fields left out.
 */
export function plainFields(c: Candidate): EventFields | undefined {
  if (!KIND_SET.has(c.kind) || !CONTACTED_SET.has(c.contacted)) return undefined;
  if (!INSTANT.test(c.occurred_at) || Number.isNaN(Date.parse(c.occurred_at))) return undefined;
  if (c.time_zone.length < 1 || c.time_zone.length > 64) return undefined;
  if (c.number !== undefined && c.number.length > 64) return undefined;
  const claimed: Record<string, string> = {};
  for (const k of CLAIMED_KEYS) {
    const v = c.claimed[k];
    if (v === undefined) continue;
    if (v.length > CLAIMED_MAX[k]) return undefined;
    claimed[k] = v;
  }
  const d = c.duration_s;
  if (d !== undefined && !(Number.isInteger(d) && d >= 0 && d <= 86_400)) return undefined;
  if (c.content !== undefined && c.content.length > MAX_EVENT_TEXT) return undefined;
  if (c.notes !== undefined && c.notes.length > 100_000) return undefined;
  const f: Record<string, unknown> = { kind: c.kind, occurred_at: c.occurred_at, time_zone: c.time_zone };
  if (c.number !== undefined) f.number = c.number;
  f.claimed = claimed;
  f.contacted = c.contacted;
  if (c.debt_disclosed !== undefined) f.debt_disclosed = c.debt_disclosed;
  if (d !== undefined) f.duration_s = d + 0; // -0 as 0, as the JSON round trip below gives it
  if (c.content !== undefined) f.content = c.content;
  if (c.notes !== undefined) f.notes = c.notes;
  return f as EventFields;
}

function fromRecord(raw: Record<string, unknown>, defaultTz: string, cols: Columns): { fields?: EventFields; error?: string } {
  const get = (field: string): string | undefined => {
    for (const k of cols.get(field) ?? []) {
      const v = raw[k];
      if (v !== undefined && v !== null && String(v).trim() !== '') return String(v);
    }
    return undefined;
  };
  const tz = get('time_zone') ?? defaultTz;
  if (!isTimeZone(tz)) return { error: `unknown time zone "${tz}"` };
  const kindText = get('kind') ?? (get('content') !== undefined ? 'sms' : undefined);
  if (kindText === undefined) return { error: 'no kind/type column value' };
  const kind = kindOf(kindText);
  if (kind === undefined) return { error: `unknown kind "${kindText}"` };
  const when = get('occurred_at');
  if (when === undefined) return { error: 'no time' };
  const occurred_at = instantOf(when, tz);
  if (occurred_at === undefined && skippedByClocks(when.trim(), tz)) return { error: `the time "${when}" does not exist in ${tz} (the clocks skipped it)` };
  if (occurred_at === undefined) return { error: `cannot read the time "${when}" (use ${DATE_TIME_FORMATS.en}, an ISO time with offset, or epoch milliseconds)` };
  const duration = get('duration_s');
  const disclosed = get('debt_disclosed');
  const claimed: Record<string, string> = {};
  for (const k of CLAIMED_KEYS) {
    const v = get(k);
    if (v !== undefined) claimed[k] = v;
  }
  const candidate: Candidate = {
    kind,
    occurred_at,
    time_zone: tz,
    number: get('number'),
    claimed,
    contacted: get('contacted') ?? 'borrower',
    debt_disclosed: disclosed === undefined ? undefined : /^(1|true|yes|是)$/i.test(disclosed.trim()),
    duration_s: duration === undefined ? undefined : Number(duration),
    content: get('content'),
    notes: get('notes'),
  };
  const plain = plainFields(candidate);
  if (plain !== undefined) return { fields: plain };
  const r = EventInput.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { error: `${i.path.join('.') || 'row'}: ${i.message}` };
  }
  return { fields: r.data };
}

/**
 * The records of a plain CSV file, as csv-parse reads them with parseImport's options (the
 * header's names as keys, each record with its line number): one record a line, "\n" line
 * ends, every line with the header's number of fields, fields plain or wholly quoted ("" for
 * a quote inside). Undefined for anything else (a quoted line break, "\r", a stray quote, a
 * short or long line, an empty or repeated column name): csv-parse then reads the file, as
 * before. csv-parse was a quarter of the time to read an import of 100,000 rows.
 */
export function plainCsv(body: string): { line: number; raw: Record<string, string> }[] | undefined {
  if (body.includes('\r')) return undefined;
  const out: { line: number; raw: Record<string, string> }[] = [];
  let header: string[] | undefined;
  const fields: string[] = [];
  let line = 0;
  let at = 0;
  const n = body.length;
  while (at < n) {
    line++;
    let end = body.indexOf('\n', at);
    if (end === -1) end = n;
    if (end === at) {
      at = end + 1; // an empty line: skipped (skip_empty_lines)
      continue;
    }
    fields.length = 0;
    let i = at;
    for (;;) {
      if (body.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = body.indexOf('"', from);
          if (q === -1 || q >= end) return undefined; // unclosed on this line (a quoted line break, or malformed)
          value += body.slice(from, q);
          if (body.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i === end) break;
        if (body.charCodeAt(i) !== 44 /* , */) return undefined;
        i++;
      } else {
        let c = body.indexOf(',', i);
        if (c === -1 || c > end) c = end;
        const value = body.slice(i, c);
        if (value.includes('"')) return undefined;
        fields.push(value);
        if (c === end) break;
        i = c + 1;
      }
    }
    at = end + 1;
    if (header === undefined) {
      if (fields.some((f) => f === '' || f === '__proto__') || new Set(fields).size !== fields.length) return undefined;
      header = [...fields];
      continue;
    }
    if (fields.length !== header.length) return undefined;
    const raw: Record<string, string> = {};
    for (let k = 0; k < header.length; k++) raw[header[k]!] = fields[k]!;
    out.push({ line, raw });
  }
  return out;
}

export function parseImport(text: string, opts: { format?: 'csv' | 'json'; name?: string; timeZone?: string } = {}): ParsedImport {
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const body = text.replace(/^\uFEFF/, '');
  const format = opts.format ?? (/^\s*[[{]/.test(body) ? 'json' : 'csv');
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  let records: { line: number; raw: unknown }[];
  // Nothing in it: said, rather than "imported 0" (line 0: the file as a whole).
  if (body.trim() === '') return { format, rows, problems: [{ line: 0, error: 'empty file' }] };
  if (format === 'json') {
    try {
      const trimmed = body.trim();
      if (trimmed.startsWith('[')) {
        const arr = JSON.parse(trimmed) as unknown;
        if (!Array.isArray(arr)) throw new Error('expected an array');
        records = arr.map((raw, i) => ({ line: i + 1, raw }));
      } else {
        records = [];
        body.split('\n').forEach((l, i) => {
          if (l.trim() === '') return;
          try {
            records.push({ line: i + 1, raw: JSON.parse(l) });
          } catch (e) {
            problems.push({ line: i + 1, error: `malformed JSON: ${(e as Error).message}` });
          }
        });
      }
    } catch (e) {
      return { format, rows, problems: [{ line: 0, error: `malformed JSON: ${(e as Error).message}` }] };
    }
  } else {
    try {
      records =
        plainCsv(body) ??
        (parseCsv(body, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[]).map((p) => ({
          line: p.info.lines,
          raw: p.record,
        }));
    } catch (e) {
      // csv-parse says on which line it gave up (an unclosed quote: where the file ends).
      const at = (e as { lines?: unknown }).lines;
      return { format, rows, problems: [{ line: typeof at === 'number' && at > 0 ? at : 0, error: `malformed CSV: ${(e as Error).message}` }] };
    }
  }
  let cols: Columns | undefined;
  let colsKey = '';
  for (const { line, raw } of records) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ line, error: 'expected an object' });
      continue;
    }
    // CSV rows share one header; JSON objects may differ, so the mapping is redone when keys change.
    const keys = Object.keys(raw);
    const k = keys.join('\u0000');
    if (cols === undefined || k !== colsKey) {
      cols = columnsFor(keys);
      colsKey = k;
    }
    const r = fromRecord(raw as Record<string, unknown>, tz, cols);
    if (r.error !== undefined) problems.push({ line, error: r.error });
    else rows.push({ line, fields: r.fields!, key: keyOf(format, r.fields!, seen) });
  }
  return { format: `${format}${opts.name ? `:${opts.name}` : ''}`, rows, problems };
}
