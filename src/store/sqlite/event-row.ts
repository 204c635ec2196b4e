/**
 * An events row and the state of an event as the audit log records it: shared by the SQLite
 * store, the PostgreSQL store and the browser store (plain code, no database driver).
 */
import type { Analysis, StoredEvent } from '../../record/schemas.js';
import type { NewEvent } from '../store.js';
import { canonicalJson } from '../../record/audit.js';

export interface EventRow {
  id: string;
  kind: string;
  occurred_at: string;
  time_zone: string;
  number: string | null;
  claimed: string;
  contacted: string;
  debt_disclosed: number | null;
  duration_s: number | null;
  content: string | null;
  notes: string | null;
  source: string;
  analysis: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  delete_reason: string | null;
  occurred_utc?: string;
  import_key?: string | null;
}

/**
 * The stored columns of an events row, for the stores' SELECTs in place of `*`: the SQLite
 * and browser stores' events table also has generated columns (migration 6) that `*` would
 * compute for every row read.
 */
export const EVENT_COLUMNS =
  'id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, created_at, updated_at, deleted_at, delete_reason';
/** EVENT_COLUMNS of the table named `e`. */
export const EVENT_COLUMNS_OF_E = EVENT_COLUMNS.split(', ')
  .map((c) => `e.${c}`)
  .join(', ');

/** The events row of a new event: the same columns in every store (the id and time from the store). */
export function newEventRow(e: NewEvent, id: string, at: string): EventRow {
  const f = e.fields;
  return {
    id,
    kind: f.kind,
    occurred_at: f.occurred_at,
    time_zone: f.time_zone,
    number: f.number ?? null,
    claimed: JSON.stringify(f.claimed),
    contacted: f.contacted,
    debt_disclosed: f.debt_disclosed === undefined ? null : f.debt_disclosed ? 1 : 0,
    duration_s: f.duration_s ?? null,
    content: f.content ?? null,
    notes: f.notes ?? null,
    source: e.source,
    analysis: e.analysis === null ? null : JSON.stringify(e.analysis),
    created_at: at,
    updated_at: at,
    deleted_at: null,
    delete_reason: null,
  };
}

/** The state of an event as the audit log records it (and as verify rebuilds it from the table). */
export type EventState = StoredEvent & { deleted_at?: string; delete_reason?: string };

export function eventState(row: EventRow, evidence: readonly string[]): EventState {
  const e: EventState = {
    id: row.id,
    kind: row.kind as StoredEvent['kind'],
    occurred_at: row.occurred_at,
    time_zone: row.time_zone,
    claimed: JSON.parse(row.claimed) as StoredEvent['claimed'],
    contacted: row.contacted as StoredEvent['contacted'],
    source: row.source,
    analysis: row.analysis === null ? null : (JSON.parse(row.analysis) as Analysis),
    evidence: [...evidence].sort(),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (row.number !== null) e.number = row.number;
  if (row.debt_disclosed !== null) e.debt_disclosed = row.debt_disclosed === 1;
  if (row.duration_s !== null) e.duration_s = row.duration_s;
  if (row.content !== null) e.content = row.content;
  if (row.notes !== null) e.notes = row.notes;
  if (row.deleted_at !== null) e.deleted_at = row.deleted_at;
  if (row.delete_reason !== null) e.delete_reason = row.delete_reason;
  return e;
}

/** An event as the audit log records it: links to evidence are logged as entries of their own. */
export function loggedEvent(e: StoredEvent): Omit<StoredEvent, 'evidence'> {
  const { evidence: _links, ...rest } = e;
  return rest;
}

/**
 * canonicalJson(loggedEvent(eventState(row, []))) — the audit payload of an event row with no
 * evidence links — written straight from the row: its keys in sorted order, the JSON texts of
 * `claimed` and `analysis` parsed and made canonical once per distinct text (an import logs
 * many rows whose analyses are alike), without building the state. The same text for every
 * row (checked against the composed functions by fast-check: event-row.test.ts).
 */
export function loggedRowJson(row: EventRow): string {
  let out = '{';
  const add = (key: string, v: unknown): void => {
    if (v === undefined) return; // canonicalJson leaves such a key out
    out += (out.length > 1 ? ',"' : '"') + key + '":' + canonicalJson(v);
  };
  const addText = (key: string, text: string): void => {
    out += (out.length > 1 ? ',"' : '"') + key + '":' + canonicalText(text);
  };
  if (row.analysis === null) add('analysis', null);
  else addText('analysis', row.analysis);
  addText('claimed', row.claimed);
  add('contacted', row.contacted);
  if (row.content !== null) add('content', row.content);
  add('created_at', row.created_at);
  if (row.debt_disclosed !== null) add('debt_disclosed', row.debt_disclosed === 1);
  if (row.delete_reason !== null) add('delete_reason', row.delete_reason);
  if (row.deleted_at !== null) add('deleted_at', row.deleted_at);
  if (row.duration_s !== null) add('duration_s', row.duration_s);
  add('id', row.id);
  add('kind', row.kind);
  if (row.notes !== null) add('notes', row.notes);
  if (row.number !== null) add('number', row.number);
  add('occurred_at', row.occurred_at);
  add('source', row.source);
  add('time_zone', row.time_zone);
  add('updated_at', row.updated_at);
  return out + '}';
}

/** canonicalJson(JSON.parse(text)), remembered for the last few thousand distinct texts. */
const canonicalTexts = new Map<string, string>();
function canonicalText(text: string): string {
  let c = canonicalTexts.get(text);
  if (c === undefined) {
    c = canonicalJson(JSON.parse(text));
    if (canonicalTexts.size >= 4096) canonicalTexts.clear();
    canonicalTexts.set(text, c);
  }
  return c;
}
