/**
 * The record in the browser: the same tables, migrations and SQL as the SQLite store, run by
 * sql.js (SQLite compiled to WebAssembly) on a database held in memory, saved whole to a
 * RecordFile (IndexedDB in the app; see idb-record-file.ts) after each committed transaction.
 * Every call runs under the record's lock and first reads a newer saved version if another
 * handle (another tab) wrote one, so the audit chain stays one chain. Meant for one person's
 * record on a phone (hundreds or thousands of events): the whole file is written per change.
 */
import { nextEntry, type AuditAction, type AuditEntity, type AuditEntry } from '../../record/audit.js';
import type { Analysis, EventFields, EvidenceFile, StoredEvent } from '../../record/schemas.js';
import type { Debt, LprTable } from '../../ledger/schemas.js';
import type { ContactInput } from '../../record/harassment.js';
import type { NumberTag } from '../../record/tags.js';
import type { EventColumns } from '../../record/verify.js';
import { COUNT_BUCKETS_SQL, COUNT_KINDS_SQL, countsOf, type BucketRow, type EventCounts, type EventPage, type EventPageRequest } from '../event-page.js';
import { StoreError, type EventFilter, type ImportResult, type IntegrityRow, type NewEvent, type Profile, type RecordReader, type Store } from '../store.js';
import { MIGRATIONS } from '../sqlite/migrations.js';
import { EVENT_COLUMNS, EVENT_COLUMNS_OF_E, eventState, loggedEvent, newEventRow, type EventRow, type EventState } from '../sqlite/event-row.js';
import { all, one, run, type SqlDatabase, type SqlJs, type SqlValue } from './sqljs.js';
import type { RecordFile } from './record-file.js';

type Head = { seq: number; hash: string };

export class BrowserStore implements Store {
  private db: SqlDatabase;
  private version: number;
  private closed = false;

  private constructor(
    private readonly sql: SqlJs,
    private readonly file: RecordFile,
    loaded: { bytes: Uint8Array; version: number } | undefined,
    private readonly now: () => Date,
  ) {
    this.db = new sql.Database(loaded?.bytes);
    this.version = loaded?.version ?? 0;
    this.db.exec('PRAGMA foreign_keys = ON');
  }

  /** Opens (or creates, and migrates) the record kept in `file`. */
  static async open(sql: SqlJs, file: RecordFile, now: () => Date = () => new Date()): Promise<BrowserStore> {
    return file.locked(async () => {
      const s = new BrowserStore(sql, file, await file.load(), now);
      const current = (one<{ user_version: number }>(s.db, 'PRAGMA user_version')?.user_version ?? 0) as number;
      const pending = MIGRATIONS.filter((m) => m.version > current);
      if (pending.length > 0) {
        for (const m of pending) {
          s.db.exec('BEGIN IMMEDIATE');
          try {
            s.db.exec(m.sql);
            s.db.exec(`PRAGMA user_version = ${m.version}`);
            s.db.exec('COMMIT');
          } catch (e) {
            s.db.exec('ROLLBACK');
            throw e;
          }
        }
        await s.persist();
      }
      return s;
    });
  }

  private async persist(): Promise<void> {
    const bytes = this.db.export();
    this.db.exec('PRAGMA foreign_keys = ON'); // export() resets PRAGMAs
    this.version = await this.file.save(bytes);
  }

  /** Reads the saved record again when another handle saved a newer one. Under the lock only. */
  private async fresh(): Promise<void> {
    if (this.closed) throw new StoreError('IO', '记录已关闭', 'The record is closed');
    if ((await this.file.version()) === this.version) return;
    const loaded = await this.file.load();
    this.db.close();
    this.db = new this.sql.Database(loaded?.bytes);
    this.version = loaded?.version ?? 0;
    this.db.exec('PRAGMA foreign_keys = ON');
  }

  private read<T>(f: () => T): Promise<T> {
    return this.file.locked(async () => {
      await this.fresh();
      return f();
    });
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** The chain's head inside a write transaction (null outside one). */
  private txHead: Head | undefined | null = null;

  /** Runs `f` in one transaction with its audit entries, then saves the database; all or nothing. */
  private write<T>(f: () => T): Promise<T> {
    return this.file.locked(async () => {
      await this.fresh();
      this.db.exec('BEGIN IMMEDIATE');
      let r: T;
      try {
        this.txHead = one<Head>(this.db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
        r = f();
        if (this.txHead !== undefined && this.txHead !== null) {
          run(this.db, "INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [JSON.stringify(this.txHead)]);
        }
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      } finally {
        this.txHead = null;
      }
      try {
        await this.persist();
      } catch (e) {
        // Not saved: forget the change in memory too (the saved version is read again next time).
        this.version = -1;
        throw new StoreError('IO', `无法保存记录：${(e as Error).message}`, `Cannot save the record: ${(e as Error).message}`);
      }
      return r;
    });
  }

  private log(action: AuditAction, entity: AuditEntity, id: string, state: unknown): void {
    if (entity === 'event') state = loggedEvent(state as EventState);
    if (this.txHead === null) throw new Error('audit entries are written inside a write transaction');
    const e = nextEntry(this.txHead, this.stamp(), action, entity, id, state);
    run(this.db, 'INSERT INTO audit (seq, at, action, entity, entity_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [e.seq, e.at, e.action, e.entity, e.entity_id, e.payload, e.prev_hash, e.hash]);
    this.txHead = { seq: e.seq, hash: e.hash };
  }

  private row(id: string): EventRow | undefined {
    return one<EventRow>(this.db, `SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`, [id]);
  }

  private links(id: string): string[] {
    return all<{ sha256: string }>(this.db, 'SELECT sha256 FROM event_evidence WHERE event_id = ?', [id]).map((r) => r.sha256);
  }

  private state(id: string): EventState {
    const r = this.row(id);
    if (r === undefined) throw new StoreError('NOT_FOUND', `找不到记录 ${id}`, `No event ${id}`);
    return eventState(r, this.links(id));
  }

  private insert(e: NewEvent): string | undefined {
    const f = e.fields;
    const row = newEventRow(e, crypto.randomUUID(), this.stamp());
    const changed = run(
      this.db,
      `INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (import_key) DO NOTHING`,
      [
        row.id,
        row.kind,
        row.occurred_at,
        new Date(f.occurred_at).toISOString(),
        row.time_zone,
        row.number,
        row.claimed,
        row.contacted,
        row.debt_disclosed,
        row.duration_s,
        row.content,
        row.notes,
        row.source,
        e.importKey ?? null,
        row.analysis,
        row.created_at,
        row.updated_at,
      ],
    );
    if (changed === 0) return undefined;
    this.log('create', 'event', row.id, eventState(row, []));
    return row.id;
  }

  async addEvent(e: NewEvent): Promise<StoredEvent> {
    return this.write(() => {
      const id = this.insert(e) ?? one<{ id: string }>(this.db, 'SELECT id FROM events WHERE import_key = ?', [e.importKey ?? null])!.id;
      return this.state(id);
    });
  }

  async importEvents(rows: readonly NewEvent[]): Promise<ImportResult> {
    return this.write(() => {
      const added: string[] = [];
      let skipped = 0;
      for (const r of rows) {
        const id = this.insert(r);
        if (id === undefined) skipped++;
        else added.push(id);
      }
      return { added, skipped };
    });
  }

  async updateEvent(id: string, f: EventFields, analysis: Analysis | null): Promise<StoredEvent> {
    return this.write(() => {
      const old = this.state(id);
      if (old.deleted_at !== undefined) throw new StoreError('DELETED', `记录 ${id} 已删除，不能修改`, `Event ${id} is deleted and cannot be changed`);
      run(
        this.db,
        `UPDATE events SET kind = ?, occurred_at = ?, occurred_utc = ?, time_zone = ?, number = ?, claimed = ?, contacted = ?, debt_disclosed = ?, duration_s = ?, content = ?, notes = ?, analysis = ?, updated_at = ? WHERE id = ?`,
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
      const now = this.state(id);
      this.log('update', 'event', id, now);
      return now;
    });
  }

  async deleteEvent(id: string, reason: string): Promise<void> {
    await this.write(() => {
      const old = this.state(id);
      if (old.deleted_at !== undefined) return;
      run(this.db, 'UPDATE events SET deleted_at = ?, delete_reason = ? WHERE id = ?', [this.stamp(), reason, id]);
      this.log('delete', 'event', id, this.state(id));
    });
  }

  async setAnalysis(id: string, analysis: Analysis): Promise<void> {
    await this.write(() => {
      this.state(id);
      run(this.db, 'UPDATE events SET analysis = ?, updated_at = ? WHERE id = ?', [JSON.stringify(analysis), this.stamp(), id]);
      this.log('reanalyse', 'event', id, this.state(id));
    });
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    return this.read(() => {
      const r = this.row(id);
      return r === undefined ? undefined : eventState(r, this.links(id));
    });
  }

  private withLinks(rows: EventRow[]): StoredEvent[] {
    const links = new Map<string, string[]>();
    for (const l of all<{ event_id: string; sha256: string }>(this.db, 'SELECT event_id, sha256 FROM event_evidence')) {
      const list = links.get(l.event_id);
      if (list === undefined) links.set(l.event_id, [l.sha256]);
      else list.push(l.sha256);
    }
    return rows.map((r) => eventState(r, links.get(r.id) ?? []));
  }

  async listEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    return this.read(() => {
      const { where, args } = eventWhere(filter);
      return this.withLinks(all<EventRow>(this.db, `SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY occurred_utc, id`, args));
    });
  }

  async pageEvents(filter: EventFilter, page: EventPageRequest): Promise<EventPage> {
    return this.read(() => {
      const { where, args } = eventWhere(filter);
      const total = Number(one<{ n: number }>(this.db, `SELECT COUNT(*) AS n FROM events ${where}`, args)?.n ?? 0);
      const after = page.before === undefined ? '' : `${where ? ' AND' : 'WHERE'} (occurred_utc < ? OR (occurred_utc = ? AND id < ?))`;
      const keys = page.before === undefined ? [] : [page.before.utc, page.before.utc, page.before.id];
      const rows = all<EventRow>(this.db, `SELECT ${EVENT_COLUMNS} FROM events ${where}${after} ORDER BY occurred_utc DESC, id DESC LIMIT ?`, [...args, ...keys, page.limit + 1]);
      const more = rows.length > page.limit;
      if (more) rows.length = page.limit;
      const links = new Map<string, string[]>();
      if (rows.length > 0) {
        for (const l of all<{ event_id: string; sha256: string }>(this.db, `SELECT event_id, sha256 FROM event_evidence WHERE event_id IN (${rows.map(() => '?').join(',')})`, rows.map((r) => r.id))) {
          links.set(l.event_id, [...(links.get(l.event_id) ?? []), l.sha256]);
        }
      }
      const last = rows.at(-1);
      return { events: rows.map((r) => eventState(r, links.get(r.id) ?? [])), next: more && last ? { utc: last.occurred_utc!, id: last.id } : undefined, total };
    });
  }

  async countEvents(filter: EventFilter, timezone: string): Promise<EventCounts> {
    return this.read(() => {
      const { where, args } = eventWhere(filter);
      // The bucket rows come back packed in one text (sql.js hands rows out one call at a time, which
      // for a few thousand rows cost more than the query); the rows themselves when they cannot be.
      const packed = one<{ b: string | null }>(this.db, `SELECT group_concat(${PACKED_BUCKET}, char(30)) AS b FROM (${COUNT_BUCKETS_SQL(where)})`, args);
      const buckets = unpackBuckets(packed?.b ?? null) ?? all<BucketRow>(this.db, COUNT_BUCKETS_SQL(where), args);
      return countsOf(buckets, all<{ kind: string; n: number }>(this.db, COUNT_KINDS_SQL(where), args), timezone);
    });
  }

  async *listContacts(filter: EventFilter = {}): AsyncIterableIterator<ContactInput> {
    // A phone's record is small: the events listed, reduced to what the report reads.
    for (const e of await this.listEvents(filter)) yield contactOf(e);
  }

  async addEvidence(file: EvidenceFile, eventId: string): Promise<{ added: boolean }> {
    return this.write(() => this.linkEvidence(file, eventId));
  }

  async addEvidenceFiles(files: readonly EvidenceFile[], eventId: string): Promise<{ added: boolean }[]> {
    return this.write(() => files.map((f) => this.linkEvidence(f, eventId)));
  }

  private linkEvidence(file: EvidenceFile, eventId: string): { added: boolean } {
    const ev = this.state(eventId);
    if (ev.deleted_at !== undefined) throw new StoreError('DELETED', `记录 ${eventId} 已删除`, `Event ${eventId} is deleted`);
    const known = one(this.db, 'SELECT 1 AS x FROM evidence WHERE sha256 = ?', [file.sha256]) !== undefined;
    if (!known) {
      run(this.db, 'INSERT INTO evidence (sha256, size, name, media_type, added_at) VALUES (?, ?, ?, ?, ?)', [file.sha256, file.size, file.name, file.media_type, file.added_at]);
      this.log('evidence_add', 'evidence', file.sha256, file);
    }
    const linked = run(this.db, 'INSERT INTO event_evidence (event_id, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING', [eventId, file.sha256]);
    if (linked > 0) this.log('evidence_link', 'link', `${eventId}/${file.sha256}`, { event_id: eventId, sha256: file.sha256 });
    return { added: !known };
  }

  async listEvidence(): Promise<EvidenceFile[]> {
    return this.read(() => all<EvidenceFile>(this.db, 'SELECT sha256, size, name, media_type, added_at FROM evidence ORDER BY added_at, sha256'));
  }

  async saveDebt(debt: Debt): Promise<void> {
    await this.saveDebts([debt]);
  }

  async saveDebts(debts: readonly Debt[]): Promise<void> {
    await this.write(() => {
      for (const debt of debts) {
        const old = one(this.db, 'SELECT 1 AS x FROM debts WHERE id = ?', [debt.id]) !== undefined;
        run(this.db, 'INSERT INTO debts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [debt.id, JSON.stringify(debt)]);
        this.log(old ? 'update' : 'create', 'debt', debt.id, debt);
      }
    });
  }

  async listDebts(): Promise<Debt[]> {
    return this.read(() => readDebts(this.db));
  }

  async addLpr(rate: LprTable['rates'][number]): Promise<void> {
    await this.write(() => {
      run(this.db, 'INSERT INTO lpr_rates (month, rate_percent, source) VALUES (?, ?, ?) ON CONFLICT (month) DO UPDATE SET rate_percent = excluded.rate_percent, source = excluded.source', [rate.month, rate.rate_percent, rate.source]);
      this.log('update', 'lpr', rate.month, rate);
    });
  }

  async listLpr(): Promise<LprTable['rates']> {
    return this.read(() => readLpr(this.db));
  }

  async getProfile(): Promise<Profile | undefined> {
    return this.read(() => readProfile(this.db));
  }

  async setProfile(p: Profile): Promise<void> {
    await this.write(() => {
      run(this.db, 'INSERT INTO profile (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data', [JSON.stringify(p)]);
      this.log('update', 'profile', 'me', p);
    });
  }

  async setTag(t: NumberTag): Promise<void> {
    await this.write(() => {
      const old = one(this.db, 'SELECT 1 AS x FROM number_tags WHERE number = ?', [t.number]) !== undefined;
      run(this.db, 'INSERT INTO number_tags (number, data) VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET data = excluded.data', [t.number, JSON.stringify(t)]);
      this.log(t.removed_at !== undefined ? 'delete' : old ? 'update' : 'create', 'tag', t.number, t);
    });
  }

  async listTags(opts: { includeRemoved?: boolean } = {}): Promise<NumberTag[]> {
    const tags = await this.read(() => readTags(this.db));
    return opts.includeRemoved ? tags : tags.filter((t) => t.removed_at === undefined);
  }

  async snapshot(): Promise<IntegrityRow> {
    return this.read(() => {
      const rows = all<EventRow>(this.db, `SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`);
      const columns = new Map<string, EventColumns>(rows.map((r) => [r.id, { occurred_utc: r.occurred_utc ?? '', import_key: r.import_key ?? null }]));
      return {
        events: this.withLinks(rows),
        links: all<{ event_id: string; sha256: string }>(this.db, 'SELECT event_id, sha256 FROM event_evidence ORDER BY event_id, sha256'),
        debts: readDebts(this.db),
        lpr: readLpr(this.db),
        profile: readProfile(this.db),
        tags: readTags(this.db),
        evidence: all<EvidenceFile>(this.db, 'SELECT sha256, size, name, media_type, added_at FROM evidence ORDER BY sha256'),
        audit: readAudit(this.db),
        head: readHead(this.db),
        columns,
      };
    });
  }

  async openReader(): Promise<RecordReader> {
    // A copy of the database as it is now: later writes are not seen.
    const db = await this.read(() => {
      const bytes = this.db.export();
      this.db.exec('PRAGMA foreign_keys = ON');
      return new this.sql.Database(bytes);
    });
    const rows = <T>(sql: string, map: (r: Record<string, SqlValue>) => T) => stepped(() => all(db, sql).map(map));
    return {
      head: readHead(db),
      audit: () => stepped(() => readAudit(db)),
      events: () => rows(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`, (r) => ({ event: eventState(r as unknown as EventRow, []), columns: { occurred_utc: (r.occurred_utc as string | null) ?? '', import_key: (r.import_key as string | null) ?? null } })),
      links: () => stepped(() => all<{ event_id: string; sha256: string }>(db, 'SELECT event_id, sha256 FROM event_evidence ORDER BY event_id, sha256')),
      eventsWithEvidence: () =>
        rows(`SELECT ${EVENT_COLUMNS_OF_E}, (SELECT group_concat(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e ORDER BY e.id`, (r) => eventState(r as unknown as EventRow, r.links === null ? [] : (r.links as string).split(' '))),
      evidence: async () => all<EvidenceFile>(db, 'SELECT sha256, size, name, media_type, added_at FROM evidence ORDER BY sha256'),
      debts: async () => readDebts(db),
      lpr: async () => readLpr(db),
      profile: async () => readProfile(db),
      tags: async () => readTags(db),
      close: async () => db.close(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.file.locked(async () => {
      this.closed = true;
      this.db.close();
    });
  }
}

function readAudit(db: SqlDatabase): AuditEntry[] {
  return all<AuditEntry>(db, 'SELECT seq, at, action, entity, entity_id, payload, prev_hash, hash FROM audit ORDER BY rowid');
}

function readHead(db: SqlDatabase): Head | undefined {
  const r = one<{ value: string }>(db, "SELECT value FROM meta WHERE key = 'audit_head'");
  try {
    return r === undefined ? undefined : (JSON.parse(r.value) as Head);
  } catch {
    return { seq: -1, hash: 'unreadable' };
  }
}

const readDebts = (db: SqlDatabase): Debt[] => all<{ data: string }>(db, 'SELECT data FROM debts ORDER BY id').map((r) => JSON.parse(r.data) as Debt);
const readLpr = (db: SqlDatabase): LprTable['rates'] => all<LprTable['rates'][number]>(db, 'SELECT month, rate_percent, source FROM lpr_rates ORDER BY month');
const readTags = (db: SqlDatabase): NumberTag[] => all<{ data: string }>(db, 'SELECT data FROM number_tags ORDER BY number').map((r) => JSON.parse(r.data) as NumberTag);
function readProfile(db: SqlDatabase): Profile | undefined {
  const r = one<{ data: string }>(db, 'SELECT data FROM profile WHERE id = 1');
  return r === undefined ? undefined : (JSON.parse(r.data) as Profile);
}

/** One bucket row as text: its fields apart by the unit separator (char 31), rows apart by the record separator (char 30). */
const PACKED_BUCKET = "ifnull(zone, '') || char(31) || ifnull(hour, '') || char(31) || q0 || char(31) || q1 || char(31) || q2 || char(31) || q3";
const BUCKET_HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;
const COUNT = /^\d+$/;

/**
 * The bucket rows packed by PACKED_BUCKET (none: null); undefined when a row does not read back
 * as one (a zone holding a separator, an hour that is not one): the rows are then read as rows.
 */
export function unpackBuckets(packed: string | null): BucketRow[] | undefined {
  if (packed === null) return [];
  const rows: BucketRow[] = [];
  for (const row of packed.split('\u001e')) {
    const f = row.split('\u001f');
    if (f.length !== 6 || !BUCKET_HOUR.test(f[1]!) || !f.slice(2).every((n) => COUNT.test(n))) return undefined;
    rows.push({ zone: f[0]!, hour: f[1]!, q0: f[2]!, q1: f[3]!, q2: f[4]!, q3: f[5]! });
  }
  return rows;
}

/** Rows read on first use, handed out one at a time. */
function stepped<T>(read: () => T[]): AsyncIterableIterator<T> {
  let rows: T[] | undefined;
  let i = 0;
  const it: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => it,
    next: async () => {
      rows ??= read();
      return i < rows.length ? { value: rows[i++]!, done: false } : { value: undefined, done: true };
    },
    return: async () => {
      rows = [];
      return { value: undefined, done: true };
    },
  };
  return it;
}

/** The WHERE clause of an event filter (as the SQLite store's). */
function eventWhere(filter: EventFilter): { where: string; args: SqlValue[] } {
  const where: string[] = [];
  const args: SqlValue[] = [];
  if (!filter.includeDeleted) where.push('deleted_at IS NULL');
  if (filter.from) {
    where.push('occurred_utc >= ?');
    args.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    where.push('occurred_utc <= ?');
    args.push(new Date(filter.to).toISOString());
  }
  if (filter.number) {
    where.push('number = ?');
    args.push(filter.number);
  }
  if (filter.kind) {
    where.push('kind = ?');
    args.push(filter.kind);
  }
  return { where: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
}

function contactOf(e: StoredEvent): ContactInput {
  const claimed: ContactInput['claimed'] = {};
  if (e.claimed.platform !== undefined && e.claimed.platform !== null) claimed.platform = e.claimed.platform;
  if (e.claimed.company !== undefined && e.claimed.company !== null) claimed.company = e.claimed.company;
  return {
    id: e.id,
    kind: e.kind,
    occurred_at: e.occurred_at,
    time_zone: e.time_zone,
    number: e.number,
    claimed,
    contacted: e.contacted,
    debt_disclosed: e.debt_disclosed,
    analysis: e.analysis === null ? null : { verdict: e.analysis.verdict, signals: e.analysis.signals },
  };
}
