/**
 * A browser-store database rebuilt from an audit chain: every entry kept as it is (same
 * sequence, times, payloads and hashes), every row set to the last state the chain logged for
 * it — events (tombstones included), evidence records and their links, debts, LPR values, the
 * profile and number tags. What an evidence package carries is enough (audit.jsonl); nothing
 * is re-logged, so the restored record verifies against the same chain and ends at the same
 * head (the events' rows may come from the package's events.json instead, checked the same way). The caller checks the result (verify, and the package's members regenerated from it).
 */
import { replay, type AuditEntry } from '../../record/audit.js';
import { expectedImportBase } from '../../record/verify.js';
import { BrowserStore } from './browser-store.js';
import { memoryRecordFile } from './record-file.js';
import { run, type SqlJs } from './sqljs.js';

type State = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * The database file (SQLite) of a record holding exactly what `audit` logged. `events`: the
 * events as a package lists them (events.json) — their rows are taken from there, so that the
 * JSON in them keeps its order of keys (the chain logs canonical JSON, keys sorted); verify then
 * checks each against the chain. Without them, from the chain's last states.
 */
export async function restoredDatabase(sql: SqlJs, audit: readonly AuditEntry[], events?: readonly State[]): Promise<Uint8Array> {
  // An empty record with every migration, made by the store itself.
  const empty = memoryRecordFile();
  await (await BrowserStore.open(sql, empty)).close();
  const db = new sql.Database((await empty.load())!.bytes);
  try {
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('BEGIN');
    for (const e of audit) run(db, 'INSERT INTO audit (seq, at, action, entity, entity_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [e.seq, e.at, e.action, e.entity, e.entity_id, e.payload, e.prev_hash, e.hash]);
    // The import key an imported event was given: from its first logged state, as the importer derives it.
    const importBase = new Map<string, string>();
    for (const e of audit) {
      if (e.entity !== 'event' || e.action !== 'create' || importBase.has(e.entity_id)) continue;
      try {
        const b = expectedImportBase(JSON.parse(e.payload));
        if (b !== '') importBase.set(e.entity_id, b);
      } catch {
        /* an unreadable payload: verify reports it */
      }
    }
    const latest = [...replay(audit).values()];
    const of = (entity: string): State[] => latest.filter((x) => x.entity === entity).map((x) => x.state as State);
    const keys = new Map<string, number>();
    for (const s of events ?? of('event')) {
      const base = importBase.get(String(s.id));
      let key: string | null = null;
      if (base !== undefined) {
        const n = (keys.get(base) ?? 0) + 1;
        keys.set(base, n);
        key = n === 1 ? base : `${base}#${n}`;
      }
      const occurred = String(s.occurred_at);
      run(
        db,
        `INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, created_at, updated_at, deleted_at, delete_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          String(s.id),
          String(s.kind),
          occurred,
          new Date(occurred).toISOString(),
          String(s.time_zone),
          text(s.number),
          JSON.stringify(s.claimed ?? {}),
          String(s.contacted),
          typeof s.debt_disclosed === 'boolean' ? (s.debt_disclosed ? 1 : 0) : null,
          num(s.duration_s),
          text(s.content),
          text(s.notes),
          String(s.source),
          key,
          s.analysis === null || s.analysis === undefined ? null : JSON.stringify(s.analysis),
          String(s.created_at),
          String(s.updated_at),
          text(s.deleted_at),
          text(s.delete_reason),
        ],
      );
    }
    for (const s of of('evidence')) run(db, 'INSERT INTO evidence (sha256, size, name, media_type, added_at) VALUES (?, ?, ?, ?, ?)', [String(s.sha256), Number(s.size), String(s.name), String(s.media_type), String(s.added_at)]);
    for (const s of of('link')) run(db, 'INSERT INTO event_evidence (event_id, sha256) VALUES (?, ?)', [String(s.event_id), String(s.sha256)]);
    for (const s of of('debt')) run(db, 'INSERT INTO debts (id, data) VALUES (?, ?)', [String(s.id), JSON.stringify(s)]);
    for (const s of of('lpr')) run(db, 'INSERT INTO lpr_rates (month, rate_percent, source) VALUES (?, ?, ?)', [String(s.month), Number(s.rate_percent), String(s.source)]);
    for (const s of of('profile')) run(db, 'INSERT INTO profile (id, data) VALUES (1, ?)', [JSON.stringify(s)]);
    for (const s of of('tag')) run(db, 'INSERT INTO number_tags (number, data) VALUES (?, ?)', [String(s.number), JSON.stringify(s)]);
    const last = audit[audit.length - 1];
    if (last !== undefined) run(db, "INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [JSON.stringify({ seq: last.seq, hash: last.hash })]);
    db.exec('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
