/**
 * Import of call logs and messages: dunguard's own CSV and JSON (documented in
 * docs/record.md), and generic phone-backup CSV exports whose header names a number, a type,
 * a time, a duration and (for SMS) a body. Pure: text in, rows or per-row errors out; every
 * row gets a key from its content so that importing the same file twice adds nothing.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { importKeyBase } from './verify.js';
import { EventInput, type EventFields } from './schemas.js';
import { DATE_TIME_FORMATS, toInstant, isTimeZone } from './time.js';

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

/** `<format>:<sha256 of the fields>`, `#n` for the n-th identical row; verify re-derives it from the logged fields. */
function keyOf(format: string, fields: EventFields, seen: Map<string, number>): string {
  const base = importKeyBase(format, fields);
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
  if (occurred_at === undefined) return { error: `cannot read the time "${when}" (use ${DATE_TIME_FORMATS.en}, an ISO time with offset, or epoch milliseconds)` };
  const duration = get('duration_s');
  const disclosed = get('debt_disclosed');
  const candidate = {
    kind,
    occurred_at,
    time_zone: tz,
    number: get('number'),
    claimed: Object.fromEntries(['company', 'platform', 'employee_no', 'role'].map((k) => [k, get(k)]).filter(([, v]) => v !== undefined)),
    contacted: get('contacted') ?? 'borrower',
    debt_disclosed: disclosed === undefined ? undefined : /^(1|true|yes|是)$/i.test(disclosed.trim()),
    duration_s: duration === undefined ? undefined : Number(duration),
    content: get('content'),
    notes: get('notes'),
  };
  const r = EventInput.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { error: `${i.path.join('.') || 'row'}: ${i.message}` };
  }
  return { fields: r.data };
}

export function parseImport(text: string, opts: { format?: 'csv' | 'json'; name?: string; timeZone?: string } = {}): ParsedImport {
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const body = text.replace(/^\uFEFF/, '');
  const format = opts.format ?? (/^\s*[[{]/.test(body) ? 'json' : 'csv');
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  let records: { line: number; raw: unknown }[];
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
      const parsed = parseCsv(body, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
      records = parsed.map((p) => ({ line: p.info.lines, raw: p.record }));
    } catch (e) {
      return { format, rows, problems: [{ line: 0, error: `malformed CSV: ${(e as Error).message}` }] };
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
