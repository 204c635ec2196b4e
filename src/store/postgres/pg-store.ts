/**
 * The store on PostgreSQL (`pg`), for a hosted service where several app processes share
 * one database. Same tables, same audit chain as the SQLite store: every change and its
 * audit entry are written in one transaction, and the entries are the ones SQLite would
 * write (same hashing, same canonical JSON of the same state), so verify, export and
 * verify-package work on it unchanged.
 *
 * Two processes appending at once: each write transaction first locks the one row of
 * `chain_lock` (SELECT … FOR UPDATE) and only then reads the chain's head, so appends are
 * serialised; a serialisation failure or deadlock (40001, 40P01) is retried.
 *
 * Each store lives in one schema (`schema` option, default "dunguard"), set as the
 * connections' search_path: tests make throwaway schemas in one cluster. Reads that walk the
 * whole record (openReader, listContacts) go through cursors in one REPEATABLE READ
 * transaction, a batch at a time: memory stays flat in the size of the record.
 *
 * pg returns BIGINT (seq, size) as strings: they are turned into numbers here.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { nextEntry, type AuditAction, type AuditEntity, type AuditEntry } from '../../record/audit.js';
import type { Analysis, EventFields, EvidenceFile, StoredEvent } from '../../record/schemas.js';
import type { Debt, LprTable } from '../../ledger/schemas.js';
import type { ContactInput } from '../../record/harassment.js';
import type { NumberTag } from '../../record/tags.js';
import type { EventColumns } from '../../record/verify.js';
import { COUNT_BUCKETS_SQL, COUNT_KINDS_SQL, countsOf, type BucketRow, type EventCounts, type EventPage, type EventPageRequest } from '../event-page.js';
import { StoreError, type EventFilter, type ImportResult, type IntegrityRow, type NewEvent, type Profile, type RecordReader, type Store } from '../store.js';
import { eventState, loggedEvent, newEventRow, type EventRow, type EventState } from '../sqlite/event-row.js';
import { PG_MIGRATIONS } from './migrations.js';
import { PgVault } from './pg-vault.js';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** The schema that holds this store's tables (created when missing). Default "dunguard". */
  schema?: string;
  /** The clock (tests pass a fake one). */
  now?: () => Date;
  /** Connections in the pool (default 10). */
  max?: number;
}

type Db = pg.Pool | pg.PoolClient;
type Head = { seq: number; hash: string } | undefined;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const EVENT_COLUMNS = 'id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, created_at, updated_at, deleted_at, delete_reason';
const INSERT_COLUMNS = 'id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, created_at, updated_at';
const AUDIT_COLUMNS = 'seq::text AS seq, at, action, entity, entity_id, payload, prev_hash, hash';
const EVIDENCE_COLUMNS = 'sha256, size::text AS size, name, media_type, added_at';
const INSERT_EVENTS = `INSERT INTO events (${INSERT_COLUMNS})
  SELECT ${INSERT_COLUMNS}
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::smallint[], $10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
      WITH ORDINALITY AS t(${INSERT_COLUMNS}, ord)
    ORDER BY ord
  ON CONFLICT (import_key) DO NOTHING RETURNING id`;
/** Audit entries appended (arrays of the columns, parameters $p to $p+7), and the chain's head kept in meta ($p). */
const insertAudit = (p: number): string =>
  `INSERT INTO audit (seq, at, action, entity, entity_id, payload, prev_hash, hash) SELECT * FROM unnest($${p}::bigint[], $${p + 1}::text[], $${p + 2}::text[], $${p + 3}::text[], $${p + 4}::text[], $${p + 5}::text[], $${p + 6}::text[], $${p + 7}::text[])`;
const setHead = (p: number): string => `INSERT INTO meta (key, value) VALUES ('audit_head', $${p}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
/**
 * A write transaction's start in one round trip: three statements in one simple query. In READ
 * COMMITTED each statement takes its own snapshot, so the head (the last statement) is read
 * after the lock is held, and sees every entry committed before it — as when they were sent apart.
 */
const BEGIN_LOCKED = 'BEGIN; SELECT id FROM chain_lock WHERE id = 1 FOR UPDATE; SELECT seq::text AS seq, hash FROM audit ORDER BY audit.seq DESC LIMIT 1';
/** Rows fetched per round trip by a cursor. */
const BATCH = 2000;
/** Rows per INSERT of an import (17 arrays of this length per statement). */
const IMPORT_BATCH = 1000;

/** Where a URL points, without its password: what an error message may show. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}${u.port ? ':' + u.port : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return '(unreadable URL)';
  }
}

/** A pg error that means the database cannot be reached or refused us (not a bug in a query). */
function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|connect|timeout/i.test((e as Error)?.message ?? '');
  return /^(08|28|3D|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(code);
}

function ioError(e: unknown, url: string): StoreError {
  const msg = (e as Error).message;
  return new StoreError('IO', `无法连接 PostgreSQL 数据库 ${describeUrl(url)}：${msg}`, `Cannot reach the PostgreSQL database ${describeUrl(url)}: ${msg}`);
}

const retryable = (e: unknown): boolean => ['40001', '40P01'].includes((e as { code?: string }).code ?? '');

const auditEntry = (r: Record<string, unknown>): AuditEntry => ({ ...(r as unknown as AuditEntry), seq: Number(r.seq) });
const evidenceFile = (r: Record<string, unknown>): EvidenceFile => ({ ...(r as unknown as EvidenceFile), size: Number(r.size) });
const parseHead = (value: string | undefined): Head => {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as { seq: number; hash: string };
  } catch {
    return { seq: -1, hash: 'unreadable' };
  }
};
const eventOf = (r: EventRow & { links?: string | null }): EventState => eventState(r as never, r.links ? r.links.split(' ') : []);
const columnsOf = (r: EventRow): EventColumns => ({ occurred_utc: r.occurred_utc ?? '', import_key: r.import_key ?? null });

/** The columns of an events row that the harassment report reads (listContacts). */
const CONTACT_COLUMNS = `id, kind, occurred_at, time_zone, number, contacted, debt_disclosed,
  claimed::json ->> 'platform' AS platform, claimed::json ->> 'company' AS company,
  analysis::json ->> 'verdict' AS verdict, (analysis::json -> 'signals')::text AS signals`;
type ContactRow = { id: string; kind: string; occurred_at: string; time_zone: string; number: string | null; contacted: string; debt_disclosed: number | null; platform: string | null; company: string | null; verdict: string | null; signals: string | null };
function contactOf(r: ContactRow): ContactInput {
  const claimed: ContactInput['claimed'] = {};
  if (r.platform !== null) claimed.platform = r.platform;
  if (r.company !== null) claimed.company = r.company;
  return {
    id: r.id,
    kind: r.kind,
    occurred_at: r.occurred_at,
    time_zone: r.time_zone,
    number: r.number ?? undefined,
    claimed,
    contacted: r.contacted,
    debt_disclosed: r.debt_disclosed === null ? undefined : r.debt_disclosed === 1,
    analysis: r.verdict === null ? null : { verdict: r.verdict, signals: r.signals === null || r.signals === 'null' ? [] : (JSON.parse(r.signals) as NonNullable<ContactInput['analysis']>['signals']) },
  };
}
/** The hosted case list's summary of a record (PgStore.activity). */
export interface RecordActivity {
  version: number;
  events_added: number;
  events: number;
  latest_event_utc: string | null;
  last_added_at: string | null;
}
const ACTIVITY_SQL = `SELECT (SELECT coalesce(max(seq), 0) FROM audit) AS version, count(*) AS events_added, count(*) FILTER (WHERE deleted_at IS NULL) AS events,
  max(occurred_utc) FILTER (WHERE deleted_at IS NULL) AS latest_event_utc, max(created_at) AS last_added_at FROM events`;
type ActivityRow = { version: string; events_added: string; events: string; latest_event_utc: string | null; last_added_at: string | null };
const activityOf = (row: ActivityRow): RecordActivity => ({
  version: Number(row.version),
  events_added: Number(row.events_added),
  events: Number(row.events),
  latest_event_utc: row.latest_event_utc,
  last_added_at: row.last_added_at,
});
/**
 * The summary and, when there are at most BATCH events not deleted, their contacts in
 * listContacts' order — one statement, so one snapshot and one round trip. A larger record
 * gives one row with no contact (its contacts are streamed through the cursor instead).
 */
const ACTIVITY_AND_CONTACTS_SQL = `WITH a AS (${ACTIVITY_SQL})
  SELECT a.version, a.events_added, a.events, a.latest_event_utc, a.last_added_at, c.*
    FROM a LEFT JOIN LATERAL (SELECT occurred_utc AS sort_utc, ${CONTACT_COLUMNS} FROM events WHERE deleted_at IS NULL AND a.events <= ${BATCH}) c ON true
   ORDER BY c.sort_utc, c.id`;

/** One write transaction: the connection, the chain's head as it goes, and the entries to append at the end. */
class Tx {
  readonly entries: AuditEntry[] = [];
  constructor(
    readonly db: pg.PoolClient,
    public head: Head,
    private readonly stamp: () => string,
  ) {}

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.db.query<R>(sql, params);
  }

  /** Appends an audit entry (written before the commit). Events are logged without their evidence list (links are entries of their own). */
  log(action: AuditAction, entity: AuditEntity, id: string, state: unknown): void {
    if (entity === 'event') state = loggedEvent(state as EventState);
    const e = nextEntry(this.head, this.stamp(), action, entity, id, state);
    this.entries.push(e);
    this.head = { seq: e.seq, hash: e.hash };
    this.headWritten = false;
  }

  /** Whether meta holds this.head already, written by changeAndFlush with the last entries. */
  private headWritten = false;

  private auditValues(part: readonly AuditEntry[]): unknown[] {
    const col = <K extends keyof AuditEntry>(k: K) => part.map((e) => e[k]);
    return [col('seq'), col('at'), col('action'), col('entity'), col('entity_id'), col('payload'), col('prev_hash'), col('hash')];
  }

  /**
   * A change whose entries are already logged (`sql`: one data-modifying statement with its
   * `values`), written with those entries and the head in one statement: one round trip. Only
   * for a change that either happens whole or fails (the transaction is then rolled back).
   */
  async changeAndFlush(name: string, sql: string, values: unknown[]): Promise<void> {
    if (this.entries.length === 0 || this.entries.length > IMPORT_BATCH || this.head === undefined) {
      await this.db.query(sql, values);
      return;
    }
    const k = values.length;
    await this.db.query({
      name,
      text: `WITH changed AS (${sql}), appended AS (${insertAudit(k + 1)}) ${setHead(k + 9)}`,
      values: [...values, ...this.auditValues(this.entries), JSON.stringify(this.head)],
    });
    this.entries.length = 0;
    this.headWritten = true;
  }

  async flush(): Promise<void> {
    // The entries and the head in one statement (a data-modifying WITH runs whether or not it is
    // read): one round trip for the usual write of a few entries, one per IMPORT_BATCH for an import.
    const n = this.entries.length;
    if (n === 0 && this.headWritten) return;
    for (let i = 0; i < n || (i === 0 && this.head !== undefined); i += IMPORT_BATCH) {
      const part = this.entries.slice(i, i + IMPORT_BATCH);
      const last = i + IMPORT_BATCH >= n;
      const head = last && this.head !== undefined ? JSON.stringify(this.head) : undefined;
      if (part.length === 0) {
        await this.db.query({ name: 'dunguard_head', text: setHead(1), values: [head] });
        break;
      }
      const values = this.auditValues(part);
      if (head === undefined) await this.db.query({ name: 'dunguard_audit', text: insertAudit(1), values });
      else await this.db.query({ name: 'dunguard_audit_head', text: `WITH appended AS (${insertAudit(1)}) ${setHead(9)}`, values: [...values, head] });
    }
    this.entries.length = 0;
  }
}

export class PgStore implements Store {
  private cursors = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    readonly schema: string,
    private readonly now: () => Date,
  ) {}

  /** Connects, creates the schema if needed and brings it up to date. Errors are StoreErrors a person can read. */
  static async open(o: PgStoreOptions): Promise<PgStore> {
    const schema = o.schema ?? 'dunguard';
    if (!SCHEMA_NAME.test(schema)) {
      throw new StoreError('BAD_DATA', `数据库 schema 名称“${schema}”无效：只能用小写字母、数字和下划线`, `Invalid schema name "${schema}": use lower-case letters, digits and underscores`);
    }
    let pool: pg.Pool;
    try {
      pool = new pg.Pool({ connectionString: o.url, max: o.max ?? 10, options: `-c search_path=${schema}`, connectionTimeoutMillis: 10_000, application_name: 'dunguard' });
    } catch (e) {
      throw ioError(e, o.url);
    }
    // An idle connection that dies (server restart) must not crash the process: the next query reports it.
    pool.on('error', () => {});
    const store = new PgStore(pool, o.url, schema, o.now ?? (() => new Date()));
    try {
      await store.migrate();
    } catch (e) {
      await pool.end().catch(() => {});
      if (e instanceof StoreError) throw e;
      throw ioError(e, o.url);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      // Two processes starting at once: one migrates, the other waits and then finds it done.
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dunguard-migrate:${this.schema}`]);
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await db.query(m.sql);
        await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      }
      await db.query('COMMIT');
    } catch (e) {
      await db.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      db.release();
    }
  }

  private stamp = (): string => this.now().toISOString();

  /** Runs `f` in a transaction that holds the chain lock; its audit entries are appended before the commit. */
  private async write<T>(f: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const db = await this.connect();
      let broken: Error | undefined;
      try {
        // BEGIN, the lock, then the head read after the lock (a READ COMMITTED statement sees every entry committed before it): one round trip.
        const started = (await db.query(BEGIN_LOCKED)) as unknown as pg.QueryResult<{ seq: string; hash: string }>[];
        const h = started[2]!;
        const tx = new Tx(db, h.rows[0] && { seq: Number(h.rows[0].seq), hash: h.rows[0].hash }, this.stamp);
        const r = await f(tx);
        await tx.flush();
        await db.query('COMMIT');
        return r;
      } catch (e) {
        await db.query('ROLLBACK').catch((err: Error) => (broken = err));
        if (retryable(e) && attempt < 8) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
          continue;
        }
        throw this.mapError(e);
      } finally {
        db.release(broken);
      }
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw ioError(e, this.url);
    }
  }

  private mapError(e: unknown): unknown {
    return !(e instanceof StoreError) && isConnectionError(e) ? ioError(e, this.url) : e;
  }

  /** A query on the pool (outside any write), its connection errors made readable. */
  private async read<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw this.mapError(e);
    }
  }

  /** A consistent read of its own: one connection in a REPEATABLE READ READ ONLY transaction. */
  private async readTx(): Promise<{ db: pg.PoolClient; close(): Promise<void> }> {
    const db = await this.connect();
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    } catch (e) {
      db.release(e as Error);
      throw this.mapError(e);
    }
    let closed = false;
    return {
      db,
      close: async () => {
        if (closed) return;
        closed = true;
        let broken: Error | undefined;
        await db.query('COMMIT').catch((e: Error) => (broken = e));
        db.release(broken);
      },
    };
  }

  /** Rows of `sql` through a cursor, BATCH at a time; only inside a transaction on `db`. */
  private async *cursor<R>(db: pg.PoolClient, sql: string, params: unknown[] = []): AsyncGenerator<R> {
    const name = `dunguard_c${++this.cursors}`;
    await db.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    try {
      for (;;) {
        const { rows } = await db.query(`FETCH ${BATCH} FROM ${name}`);
        for (const r of rows) yield r as R;
        if (rows.length < BATCH) break;
      }
    } finally {
      await db.query(`CLOSE ${name}`).catch(() => {});
    }
  }

  private async rowIn(db: Db, id: string): Promise<(EventRow & { links: string | null }) | undefined> {
    const { rows } = await db.query<EventRow & { links: string | null }>(
      `SELECT ${EVENT_COLUMNS}, (SELECT string_agg(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  private async stateIn(db: Db, id: string): Promise<EventState> {
    const r = await this.rowIn(db, id);
    if (r === undefined) throw new StoreError('NOT_FOUND', `找不到记录 ${id}`, `No event ${id}`);
    return eventOf(r);
  }

  /** Inserts events (import keys already present are skipped) and logs each new one, in the order given; the state of each new one. Only inside write(). */
  private async insert(tx: Tx, events: readonly NewEvent[]): Promise<(EventState | undefined)[]> {
    const out: (EventState | undefined)[] = [];
    for (let i = 0; i < events.length; i += IMPORT_BATCH) {
      const part = events.slice(i, i + IMPORT_BATCH);
      const rows: EventRow[] = [];
      const utc: string[] = [];
      const keys: (string | null)[] = [];
      for (const e of part) {
        const f = e.fields;
        rows.push(newEventRow(e, randomUUID(), this.stamp()));
        utc.push(new Date(f.occurred_at).toISOString());
        keys.push(e.importKey ?? null);
      }
      const col = <K extends keyof EventRow>(k: K) => rows.map((r) => r[k]);
      const values = [col('id'), col('kind'), col('occurred_at'), utc, col('time_zone'), col('number'), col('claimed'), col('contacted'), col('debt_disclosed'), col('duration_s'), col('content'), col('notes'), col('source'), keys, col('analysis'), col('created_at'), col('updated_at')];
      if (part.length === events.length && keys.every((k) => k === null)) {
        // No import key to be skipped on: every row goes in (or the statement fails and the
        // transaction with it), so each is logged first and the rows, their entries and the
        // head are written in one statement (an event added: one round trip).
        for (const row of rows) {
          const state = eventState(row as never, []);
          tx.log('create', 'event', row.id, state);
          out.push(state);
        }
        await tx.changeAndFlush('dunguard_insert_events_logged', INSERT_EVENTS, values);
        continue;
      }
      // One statement per batch; a key repeated within the batch is inserted once (the first), as row-by-row would.
      const res = await tx.db.query<{ id: string }>({ name: 'dunguard_insert_events', text: INSERT_EVENTS, values });
      const added = new Set(res.rows.map((r) => r.id));
      for (const row of rows) {
        if (!added.has(row.id)) {
          out.push(undefined);
          continue;
        }
        // A new event has no evidence yet: its logged state is the row itself (and what is stored).
        const state = eventState(row as never, []);
        tx.log('create', 'event', row.id, state);
        out.push(state);
      }
    }
    return out;
  }

  async addEvent(e: NewEvent): Promise<StoredEvent> {
    const [added] = await this.write((tx) => this.insert(tx, [e]));
    // A new event: the state its audit entry records, which is the row as stored (verify holds the two equal) — not read back.
    if (added !== undefined) return added;
    const [existing] = await this.read<{ id: string }>('SELECT id FROM events WHERE import_key = $1', [e.importKey]);
    return this.stateIn(this.pool, existing!.id);
  }

  async importEvents(rows: readonly NewEvent[]): Promise<ImportResult> {
    return this.write(async (tx) => {
      const states = await this.insert(tx, rows);
      const added = states.filter((s): s is EventState => s !== undefined).map((s) => s.id);
      return { added, skipped: states.length - added.length };
    });
  }

  async updateEvent(id: string, f: EventFields, analysis: Analysis | null): Promise<StoredEvent> {
    return this.write(async (tx) => {
      const old = await this.stateIn(tx.db, id);
      if (old.deleted_at !== undefined) throw new StoreError('DELETED', `记录 ${id} 已删除，不能修改`, `Event ${id} is deleted and cannot be changed`);
      await tx.query(
        `UPDATE events SET kind = $1, occurred_at = $2, occurred_utc = $3, time_zone = $4, number = $5, claimed = $6, contacted = $7, debt_disclosed = $8, duration_s = $9, content = $10, notes = $11, analysis = $12, updated_at = $13 WHERE id = $14`,
        [
          f.kind,
          f.occurred_at,
          new Date(f.occurred_at).toISOString(),
          f.time_zone,
          f.number ?? null,
          JSON.stringify(f.claimed),
          f.contacted,
          f.debt_disclosed === undefined ? null : f.debt_disclosed ? 1 : 0,
          f.duration_s ?? null,
          f.content ?? null,
          f.notes ?? null,
          analysis === null ? null : JSON.stringify(analysis),
          this.stamp(),
          id,
        ],
      );
      const now = await this.stateIn(tx.db, id);
      tx.log('update', 'event', id, now);
      return now;
    });
  }

  async deleteEvent(id: string, reason: string): Promise<void> {
    await this.write(async (tx) => {
      const old = await this.stateIn(tx.db, id);
      if (old.deleted_at !== undefined) return;
      await tx.query('UPDATE events SET deleted_at = $1, delete_reason = $2 WHERE id = $3', [this.stamp(), reason, id]);
      tx.log('delete', 'event', id, await this.stateIn(tx.db, id));
    });
  }

  async setAnalysis(id: string, analysis: Analysis): Promise<void> {
    await this.write(async (tx) => {
      await this.stateIn(tx.db, id);
      await tx.query('UPDATE events SET analysis = $1, updated_at = $2 WHERE id = $3', [JSON.stringify(analysis), this.stamp(), id]);
      tx.log('reanalyse', 'event', id, await this.stateIn(tx.db, id));
    });
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    try {
      const r = await this.rowIn(this.pool, id);
      return r === undefined ? undefined : eventOf(r);
    } catch (e) {
      throw this.mapError(e);
    }
  }

  async listEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { where, args } = eventWhere(filter);
    const rows = await this.read<EventRow & { links: string | null }>(
      `SELECT ${EVENT_COLUMNS}, (SELECT string_agg(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e ${where} ORDER BY occurred_utc, id`,
      args,
    );
    return rows.map(eventOf);
  }

  async pageEvents(filter: EventFilter, page: EventPageRequest): Promise<EventPage> {
    const { where, args } = eventWhere(filter);
    const tx = await this.readTx();
    try {
      const total = Number((await tx.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM events ${where}`, args)).rows[0]?.n ?? 0);
      const keys = page.before === undefined ? [] : [page.before.utc, page.before.id];
      const after = page.before === undefined ? '' : `${where ? ' AND' : 'WHERE'} (occurred_utc, id) < ($${args.length + 1}, $${args.length + 2})`;
      const rows = (
        await tx.db.query<EventRow & { links: string | null }>(
          `SELECT ${EVENT_COLUMNS}, (SELECT string_agg(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e ${where}${after} ORDER BY occurred_utc DESC, id DESC LIMIT $${args.length + keys.length + 1}`,
          [...args, ...keys, page.limit + 1],
        )
      ).rows;
      const more = rows.length > page.limit;
      if (more) rows.length = page.limit;
      const last = rows.at(-1);
      return { events: rows.map(eventOf), next: more && last ? { utc: last.occurred_utc!, id: last.id } : undefined, total };
    } catch (e) {
      throw this.mapError(e);
    } finally {
      await tx.close();
    }
  }

  async countEvents(filter: EventFilter, timezone: string): Promise<EventCounts> {
    const { where, args } = eventWhere(filter);
    const tx = await this.readTx();
    try {
      const buckets = (await tx.db.query<BucketRow>(COUNT_BUCKETS_SQL(where), args)).rows;
      const kinds = (await tx.db.query<{ kind: string; n: string }>(COUNT_KINDS_SQL(where), args)).rows;
      return countsOf(buckets, kinds, timezone);
    } catch (e) {
      throw this.mapError(e);
    } finally {
      await tx.close();
    }
  }

  async *listContacts(filter: EventFilter = {}): AsyncGenerator<ContactInput> {
    const { where, args } = eventWhere(filter);
    const sql = `SELECT ${CONTACT_COLUMNS} FROM events ${where} ORDER BY occurred_utc, id`;
    const tx = await this.readTx();
    try {
      for await (const r of this.cursor<ContactRow>(tx.db, sql, args)) yield contactOf(r);
    } catch (e) {
      throw this.mapError(e);
    } finally {
      await tx.close();
    }
  }

  async addEvidence(file: EvidenceFile, eventId: string): Promise<{ added: boolean }> {
    return this.write((tx) => this.linkEvidence(tx, file, eventId));
  }

  async addEvidenceFiles(files: readonly EvidenceFile[], eventId: string): Promise<{ added: boolean }[]> {
    return this.write(async (tx) => {
      const out: { added: boolean }[] = [];
      for (const f of files) out.push(await this.linkEvidence(tx, f, eventId));
      return out;
    });
  }

  /** Records one file and its link to an event; only inside write(). */
  private async linkEvidence(tx: Tx, file: EvidenceFile, eventId: string): Promise<{ added: boolean }> {
    const ev = await this.stateIn(tx.db, eventId);
    if (ev.deleted_at !== undefined) throw new StoreError('DELETED', `记录 ${eventId} 已删除`, `Event ${eventId} is deleted`);
    const known = (await tx.query('SELECT 1 FROM evidence WHERE sha256 = $1', [file.sha256])).rowCount! > 0;
    if (!known) {
      await tx.query('INSERT INTO evidence (sha256, size, name, media_type, added_at) VALUES ($1, $2, $3, $4, $5)', [file.sha256, file.size, file.name, file.media_type, file.added_at]);
      tx.log('evidence_add', 'evidence', file.sha256, file);
    }
    const linked = await tx.query('INSERT INTO event_evidence (event_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING', [eventId, file.sha256]);
    // A link is its own entry: logging the event's whole evidence list each time would grow without bound.
    if (linked.rowCount! > 0) tx.log('evidence_link', 'link', `${eventId}/${file.sha256}`, { event_id: eventId, sha256: file.sha256 });
    return { added: !known };
  }

  async saveDebt(debt: Debt): Promise<void> {
    await this.saveDebts([debt]);
  }

  async saveDebts(debts: readonly Debt[]): Promise<void> {
    await this.write(async (tx) => {
      for (const debt of debts) {
        const old = (await tx.query('SELECT 1 FROM debts WHERE id = $1', [debt.id])).rowCount! > 0;
        await tx.query('INSERT INTO debts (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [debt.id, JSON.stringify(debt)]);
        tx.log(old ? 'update' : 'create', 'debt', debt.id, debt);
      }
    });
  }

  async listDebts(): Promise<Debt[]> {
    return (await this.read<{ data: string }>('SELECT data FROM debts ORDER BY id')).map((r) => JSON.parse(r.data) as Debt);
  }

  async addLpr(rate: LprTable['rates'][number]): Promise<void> {
    await this.write(async (tx) => {
      await tx.query('INSERT INTO lpr_rates (month, rate_percent, source) VALUES ($1, $2, $3) ON CONFLICT (month) DO UPDATE SET rate_percent = excluded.rate_percent, source = excluded.source', [rate.month, rate.rate_percent, rate.source]);
      tx.log('update', 'lpr', rate.month, rate);
    });
  }

  async listLpr(): Promise<LprTable['rates']> {
    return this.read('SELECT month, rate_percent, source FROM lpr_rates ORDER BY month');
  }

  async getProfile(): Promise<Profile | undefined> {
    const [r] = await this.read<{ data: string }>('SELECT data FROM profile WHERE id = 1');
    return r === undefined ? undefined : (JSON.parse(r.data) as Profile);
  }

  async setProfile(p: Profile): Promise<void> {
    await this.write(async (tx) => {
      await tx.query('INSERT INTO profile (id, data) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [JSON.stringify(p)]);
      tx.log('update', 'profile', 'me', p);
    });
  }

  async setTag(t: NumberTag): Promise<void> {
    await this.write(async (tx) => {
      const old = (await tx.query('SELECT 1 FROM number_tags WHERE number = $1', [t.number])).rowCount! > 0;
      await tx.query('INSERT INTO number_tags (number, data) VALUES ($1, $2) ON CONFLICT (number) DO UPDATE SET data = excluded.data', [t.number, JSON.stringify(t)]);
      tx.log(t.removed_at !== undefined ? 'delete' : old ? 'update' : 'create', 'tag', t.number, t);
    });
  }

  async listTags(opts: { includeRemoved?: boolean } = {}): Promise<NumberTag[]> {
    const all = (await this.read<{ data: string }>('SELECT data FROM number_tags ORDER BY number')).map((r) => JSON.parse(r.data) as NumberTag);
    return opts.includeRemoved ? all : all.filter((t) => t.removed_at === undefined);
  }

  async listEvidence(): Promise<EvidenceFile[]> {
    return (await this.read(`SELECT ${EVIDENCE_COLUMNS} FROM evidence ORDER BY added_at, sha256`)).map(evidenceFile);
  }

  async snapshot(): Promise<IntegrityRow> {
    const { db, close } = await this.readTx();
    try {
      const q = async <R extends pg.QueryResultRow = Record<string, unknown>>(sql: string) => (await db.query<R>(sql)).rows;
      const rows = await q<EventRow & { links: string | null }>(`SELECT ${EVENT_COLUMNS}, (SELECT string_agg(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e ORDER BY id`);
      const columns = new Map<string, EventColumns>(rows.map((r) => [r.id, columnsOf(r)]));
      const events = rows.map(eventOf);
      const links = await q<{ event_id: string; sha256: string }>('SELECT event_id, sha256 FROM event_evidence ORDER BY event_id, sha256');
      const evidence = (await q(`SELECT ${EVIDENCE_COLUMNS} FROM evidence ORDER BY sha256`)).map(evidenceFile);
      const audit = (await q(`SELECT ${AUDIT_COLUMNS} FROM audit ORDER BY audit.seq`)).map(auditEntry);
      const head = parseHead((await q<{ value: string }>("SELECT value FROM meta WHERE key = 'audit_head'"))[0]?.value);
      const debts = (await q<{ data: string }>('SELECT data FROM debts ORDER BY id')).map((r) => JSON.parse(r.data) as Debt);
      const lpr = await q<LprTable['rates'][number]>('SELECT month, rate_percent, source FROM lpr_rates ORDER BY month');
      const profileRow = (await q<{ data: string }>('SELECT data FROM profile WHERE id = 1'))[0];
      const profile = profileRow === undefined ? undefined : (JSON.parse(profileRow.data) as Profile);
      const tags = (await q<{ data: string }>('SELECT data FROM number_tags ORDER BY number')).map((r) => JSON.parse(r.data) as NumberTag);
      return { events, links, debts, lpr, profile, tags, evidence, audit, head, columns };
    } catch (e) {
      throw this.mapError(e);
    } finally {
      await close();
    }
  }

  async openReader(): Promise<RecordReader> {
    // Its own connection in one REPEATABLE READ transaction: a consistent view while other processes keep writing.
    const { db, close } = await this.readTx();
    let head: Head;
    try {
      head = parseHead((await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'audit_head'")).rows[0]?.value);
    } catch (e) {
      await close();
      throw this.mapError(e);
    }
    const all = async <R extends pg.QueryResultRow = Record<string, unknown>>(sql: string) => (await db.query<R>(sql)).rows;
    const stream = <R, T>(sql: string, map: (r: R) => T): AsyncIterable<T> => ({
      [Symbol.asyncIterator]: async function* (this: PgStore) {
        for await (const r of this.cursor<R>(db, sql)) yield map(r);
      }.bind(this),
    });
    return {
      head,
      audit: () => stream(`SELECT ${AUDIT_COLUMNS} FROM audit ORDER BY audit.seq`, auditEntry),
      events: () => stream(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`, (r: EventRow) => ({ event: eventState(r as never, []), columns: columnsOf(r) })),
      links: () => stream('SELECT event_id, sha256 FROM event_evidence ORDER BY event_id, sha256', (r: { event_id: string; sha256: string }) => r),
      eventsWithEvidence: () =>
        stream(`SELECT ${EVENT_COLUMNS}, (SELECT string_agg(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e ORDER BY id`, (r: EventRow & { links: string | null }) => eventOf(r)),
      evidence: async () => (await all(`SELECT ${EVIDENCE_COLUMNS} FROM evidence ORDER BY sha256`)).map(evidenceFile),
      debts: async () => (await all<{ data: string }>('SELECT data FROM debts ORDER BY id')).map((r) => JSON.parse(r.data) as Debt),
      lpr: async () => all<LprTable['rates'][number]>('SELECT month, rate_percent, source FROM lpr_rates ORDER BY month'),
      profile: async () => {
        const r = (await all<{ data: string }>('SELECT data FROM profile WHERE id = 1'))[0];
        return r === undefined ? undefined : (JSON.parse(r.data) as Profile);
      },
      tags: async () => (await all<{ data: string }>('SELECT data FROM number_tags ORDER BY number')).map((r) => JSON.parse(r.data) as NumberTag),
      close,
    };
  }

  /**
   * A small summary of the record for the hosted case list, read in one statement (one
   * snapshot): `version`, the audit chain's last entry (every change appends one, so it only
   * grows); `events_added`, every event ever added, deleted ones included (so it only grows);
   * `events`, those not deleted; the latest of their times (UTC) and the latest time one was added.
   */
  async activity(): Promise<RecordActivity> {
    try {
      return activityOf((await this.pool.query<ActivityRow>(ACTIVITY_SQL)).rows[0]!);
    } catch (e) {
      throw this.mapError(e);
    }
  }

  /**
   * activity() and the contacts of the whole record (what listContacts() yields, in its order)
   * read in one statement, for the hosted case list's summary after a change; `contacts` is
   * undefined for a record of more than BATCH events (listContacts streams those).
   */
  async activityAndContacts(): Promise<{ activity: RecordActivity; contacts: ContactInput[] | undefined }> {
    try {
      const rows = (await this.pool.query<ActivityRow & ContactRow>({ name: 'dunguard_activity_contacts', text: ACTIVITY_AND_CONTACTS_SQL })).rows;
      const activity = activityOf(rows[0]!);
      if (activity.events > BATCH) return { activity, contacts: undefined };
      return { activity, contacts: rows.filter((r) => r.id !== null).map(contactOf) };
    } catch (e) {
      throw this.mapError(e);
    }
  }

  /** Whether the schema this store opened still holds its audit table (a dropped schema is a record gone). */
  async stillThere(): Promise<boolean> {
    try {
      const r = await this.pool.query<{ here: boolean }>('SELECT to_regclass($1) IS NOT NULL AS here', [`${this.schema}.audit`]);
      return r.rows[0]?.here === true;
    } catch (e) {
      throw this.mapError(e);
    }
  }

  /** The evidence vault in this store's schema, on the same connections (src/store/postgres/pg-vault.ts). */
  vault(): PgVault {
    return (this._vault ??= new PgVault(this.pool));
  }
  private _vault: PgVault | undefined;

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The WHERE clause of an event filter (shared by listEvents and listContacts, so both see the same events). */
function eventWhere(filter: EventFilter): { where: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown): string => {
    args.push(v);
    return `$${args.length}`;
  };
  if (!filter.includeDeleted) where.push('deleted_at IS NULL');
  if (filter.from) where.push(`occurred_utc >= ${arg(new Date(filter.from).toISOString())}`);
  if (filter.to) where.push(`occurred_utc <= ${arg(new Date(filter.to).toISOString())}`);
  if (filter.number) where.push(`number = ${arg(filter.number)}`);
  if (filter.kind) where.push(`kind = ${arg(filter.kind)}`);
  return { where: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
}
