/**
 * The default store: one SQLite file (better-sqlite3) in the data folder, WAL mode, foreign
 * keys on, and every multi-step write — the row change and its audit entry — in one
 * transaction, so a crash leaves either both or neither.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, entryOf, type AuditAction, type AuditEntity, type AuditEntry } from '../../record/audit.js';
import type { Analysis, EventFields, EvidenceFile, StoredEvent } from '../../record/schemas.js';
import type { Debt, LprTable } from '../../ledger/schemas.js';
import { COUNT_BUCKETS_SQL, COUNT_KINDS_SQL, countsOf, type BucketRow, type EventCounts, type EventPage, type EventPageRequest } from '../event-page.js';
import { StoreError, type EventFilter, type ImportResult, type IntegrityRow, type NewEvent, type Profile, type RecordReader, type Store } from '../store.js';
import type { EventColumns } from '../../record/verify.js';
import type { ContactCollector, ContactInput, ContactProfile } from '../../record/harassment.js';
import { MIGRATIONS } from './migrations.js';
import type { NumberTag } from '../../record/tags.js';
import { EVENT_COLUMNS, EVENT_COLUMNS_OF_E, eventState, loggedEvent, loggedRowJson, newEventRow, type EventRow, type EventState } from './event-row.js';

export { eventState, loggedEvent, type EventState };


export class SqliteStore implements Store {
  private readonly db: Database.Database;

  private constructor(
    private readonly path: string,
    private readonly now: () => Date,
  ) {
    try {
      privateFile(path);
      this.db = new Database(path, { timeout: 5000 });
    } catch (e) {
      throw new StoreError('IO', `无法打开数据库 ${path}：${(e as Error).message}`, `Cannot open the database ${path}: ${(e as Error).message}`);
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = FULL');
    this.migrate();
    this.opened = fileIdentity(path);
    // SQLite creates -wal and -shm with the database file's mode; an older record may have them 0644.
    for (const suffix of ['-wal', '-shm']) privateFile(path + suffix, false);
  }

  /** The database file as opened (device and inode), to tell a file removed or replaced since. */
  private readonly opened: string | undefined;

  stillThere(): Promise<boolean> {
    if (this.opened === undefined) return Promise.resolve(true); // an in-memory database: nothing to lose track of
    const now = fileIdentity(this.path);
    return Promise.resolve(now !== undefined && now === this.opened);
  }

  static open(path: string, now: () => Date = () => new Date()): SqliteStore {
    return new SqliteStore(path, now);
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  /** The store's clock as ISO text (the text kept for the last millisecond: an import stamps every row and entry). */
  private stamp(): string {
    const d = this.now();
    const t = d.getTime();
    if (t !== this.stampMs) {
      this.stampText = d.toISOString();
      this.stampMs = t;
    }
    return this.stampText;
  }
  private stampMs = NaN;
  private stampText = '';

  /** The chain's head as of this transaction (read once per write transaction, then kept). */
  private txHead: { seq: number; hash: string } | undefined | null = null;

  /** Runs `f` in an IMMEDIATE transaction (the write lock first: no other writer can slip an entry in). */
  private write<T>(f: () => T): T {
    return this.db
      .transaction(() => {
        this.txHead = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
        try {
          const r = f();
          if (this.txHead !== undefined && this.txHead !== null) {
            this.db.prepare("INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(this.txHead));
          }
          return r;
        } finally {
          this.txHead = null;
        }
      })
      .immediate();
  }

  /** Appends an audit entry; only inside write(). Events are logged without their evidence list (links are entries of their own). */
  private log(action: AuditAction, entity: AuditEntity, id: string, state: unknown): void {
    if (entity === 'event') state = loggedEvent(state as EventState);
    this.logPayload(action, entity, id, canonicalJson(state));
  }

  /** log with the state's canonical JSON already written. */
  private logPayload(action: AuditAction, entity: AuditEntity, id: string, payload: string): void {
    if (this.txHead === null) throw new Error('audit entries are written inside a write transaction');
    const e = entryOf(this.txHead, this.stamp(), action, entity, id, payload);
    this.insertAudit.run(e.seq, e.at, e.action, e.entity, e.entity_id, e.payload, e.prev_hash, e.hash);
    this.txHead = { seq: e.seq, hash: e.hash };
  }

  private get insertAudit(): Database.Statement {
    return (this._insertAudit ??= this.db.prepare('INSERT INTO audit (seq, at, action, entity, entity_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'));
  }
  private _insertAudit: Database.Statement | undefined;

  private row(id: string): EventRow | undefined {
    return this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`).get(id) as EventRow | undefined;
  }

  private links(id: string): string[] {
    return (this.db.prepare('SELECT sha256 FROM event_evidence WHERE event_id = ?').all(id) as { sha256: string }[]).map((r) => r.sha256);
  }

  private state(id: string): EventState {
    const r = this.row(id);
    if (r === undefined) throw new StoreError('NOT_FOUND', `找不到记录 ${id}`, `No event ${id}`);
    return eventState(r, this.links(id));
  }

  private insert(e: NewEvent): string | undefined {
    const f = e.fields;
    const row = newEventRow(e, randomUUID(), this.stamp());
    // Positional parameters: an import runs this for every row.
    this._insertEvent ??= this.db.prepare(
      `INSERT INTO events (id, kind, occurred_at, occurred_utc, time_zone, number, claimed, contacted, debt_disclosed, duration_s, content, notes, source, import_key, analysis, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (import_key) DO NOTHING`,
    );
    const r = this._insertEvent.run(
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
    );
    if (r.changes === 0) return undefined;
    // A new event has no evidence yet: its logged state is the row itself (written from the row, as log would write eventState(row, [])).
    this.logPayload('create', 'event', row.id, loggedRowJson(row));
    return row.id;
  }
  private _insertEvent: Database.Statement | undefined;

  async addEvent(e: NewEvent): Promise<StoredEvent> {
    const id = this.write(() => this.insert(e));
    if (id === undefined) {
      const existing = this.db.prepare('SELECT id FROM events WHERE import_key = ?').get(e.importKey) as { id: string };
      return this.state(existing.id);
    }
    return this.state(id);
  }

  async importEvents(rows: readonly NewEvent[]): Promise<ImportResult> {
    // A large import inserts at random places in four indexes (the id, the import key, the
    // number, the time): with SQLite's default 2 MB page cache most of its time went to
    // evicting pages and reading them back. A cache sized to the import (about 2 KB a row, at
    // most 256 MB) for this transaction only; the default after it.
    const cacheKb = Math.min(256 * 1024, rows.length * 2);
    const before = cacheKb > 2000 ? (this.db.pragma('cache_size', { simple: true }) as number) : undefined;
    if (before !== undefined) this.db.pragma(`cache_size = ${-cacheKb}`);
    try {
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
    } finally {
      if (before !== undefined) this.db.pragma(`cache_size = ${before}`);
    }
  }

  async updateEvent(id: string, f: EventFields, analysis: Analysis | null): Promise<StoredEvent> {
    this.write(() => {
      const old = this.state(id);
      if (old.deleted_at !== undefined) throw new StoreError('DELETED', `记录 ${id} 已删除，不能修改`, `Event ${id} is deleted and cannot be changed`);
      this.db
        .prepare(
          `UPDATE events SET kind = ?, occurred_at = ?, occurred_utc = ?, time_zone = ?, number = ?, claimed = ?, contacted = ?, debt_disclosed = ?, duration_s = ?, content = ?, notes = ?, analysis = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
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
        );
      this.log('update', 'event', id, this.state(id));
    });
    return this.state(id);
  }

  async deleteEvent(id: string, reason: string): Promise<void> {
    this.write(() => {
      const old = this.state(id);
      if (old.deleted_at !== undefined) return;
      this.db.prepare('UPDATE events SET deleted_at = ?, delete_reason = ? WHERE id = ?').run(this.stamp(), reason, id);
      this.log('delete', 'event', id, this.state(id));
    });
  }

  async setAnalysis(id: string, analysis: Analysis): Promise<void> {
    this.write(() => {
      this.state(id);
      this.db.prepare('UPDATE events SET analysis = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(analysis), this.stamp(), id);
      this.log('reanalyse', 'event', id, this.state(id));
    });
  }

  async getEvent(id: string): Promise<StoredEvent | undefined> {
    const r = this.row(id);
    return r === undefined ? undefined : eventState(r, this.links(id));
  }

  async listEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { where, args } = eventWhere(filter);
    return this.withLinks(this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY occurred_utc, id`).all(...args) as EventRow[]);
  }

  async pageEvents(filter: EventFilter, page: EventPageRequest): Promise<EventPage> {
    const { where, args } = eventWhere(filter);
    // One read transaction: the page and the total from the same state of the record.
    return this.db.transaction(() => {
      const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM events ${where}`).get(...args) as { n: number }).n;
      const after = page.before === undefined ? '' : `${where ? ' AND' : 'WHERE'} (occurred_utc < ? OR (occurred_utc = ? AND id < ?))`;
      const keys = page.before === undefined ? [] : [page.before.utc, page.before.utc, page.before.id];
      const rows = this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ${where}${after} ORDER BY occurred_utc DESC, id DESC LIMIT ?`).all(...args, ...keys, page.limit + 1) as EventRow[];
      const more = rows.length > page.limit;
      if (more) rows.length = page.limit;
      const links = new Map<string, string[]>();
      if (rows.length > 0) {
        const ls = this.db.prepare(`SELECT event_id, sha256 FROM event_evidence WHERE event_id IN (${rows.map(() => '?').join(',')})`).all(...rows.map((r) => r.id)) as { event_id: string; sha256: string }[];
        for (const l of ls) links.set(l.event_id, [...(links.get(l.event_id) ?? []), l.sha256]);
      }
      const last = rows.at(-1);
      return { events: rows.map((r) => eventState(r, links.get(r.id) ?? [])), next: more && last ? { utc: last.occurred_utc!, id: last.id } : undefined, total };
    })();
  }

  async countEvents(filter: EventFilter, timezone: string): Promise<EventCounts> {
    const { where, args } = eventWhere(filter);
    return this.db.transaction(() => countsOf(this.db.prepare(COUNT_BUCKETS_SQL(where)).all(...args) as BucketRow[], this.db.prepare(COUNT_KINDS_SQL(where)).all(...args) as { kind: string; n: number }[], timezone))();
  }

  listContacts(filter: EventFilter = {}): AsyncIterableIterator<ContactInput> {
    const { where, args } = eventWhere(filter);
    const sql = contactsSql(where);
    const profiles = new ContactRows();
    // An iterator of its own rather than an async generator: a generator costs several promise
    // turns per row, and `report` reads every event through this. Lazy as a generator is (the
    // connection opens at the first row), closed at the end, on an error, or when the reader stops.
    let conn: { db: Database.Database; close(): void } | undefined;
    let rows: IterableIterator<ContactRow> | undefined;
    let finished = false;
    let n = 0;
    const end: IteratorReturnResult<undefined> = { value: undefined, done: true };
    const finish = (): void => {
      finished = true;
      try {
        rows?.return?.();
      } finally {
        rows = undefined;
        conn?.close();
        conn = undefined;
      }
    };
    const it: AsyncIterableIterator<ContactInput> = {
      [Symbol.asyncIterator]: () => it,
      next: (): Promise<IteratorResult<ContactInput>> => {
        if (finished) return Promise.resolve(end);
        try {
          if (rows === undefined) {
            conn = this.readConnection({ mmap: true });
            rows = conn.db.prepare(sql).raw().iterate(...args) as IterableIterator<ContactRow>;
          }
          const r = rows.next();
          if (r.done === true) {
            finish();
            return Promise.resolve(end);
          }
          const result: IteratorYieldResult<ContactInput> = { value: profiles.contact(r.value), done: false };
          // Gives way to the event loop every 5,000 rows (a server keeps answering meanwhile).
          if (++n % 5000 === 0) return new Promise((resolve) => setImmediate(() => resolve(result)));
          return Promise.resolve(result);
        } catch (e) {
          finish();
          return Promise.reject(e as Error);
        }
      },
      return: (): Promise<IteratorResult<ContactInput>> => {
        if (!finished) finish();
        return Promise.resolve(end);
      },
    };
    return it;
  }

  /**
   * listContacts' rows added straight into the collector: each distinct profile made into
   * the collector's ContactProfile once, no ContactInput and no promise per row. The rows are
   * read in pages (contactPage rows, one text each: contactPageSql, keyed on occurred_utc and
   * id, all in one read transaction), giving way to the event loop after each page.
   */
  async collectContacts(filter: EventFilter, into: ContactCollector): Promise<void> {
    const { where, args } = eventWhere(filter);
    const conn = this.readConnection({ mmap: true });
    try {
      // A page after the first starts after the last row's key, which is past the period's start (the
      // index is then searched from the key, not from the start); a number or a kind is not in the
      // listing index's order, so such a listing is read as one page.
      const limit = filter.number || filter.kind ? -1 : this.contactPage;
      const after = eventWhere({ ...filter, from: undefined });
      const keyed = `${after.where ? `${after.where} AND` : 'WHERE'} (occurred_utc, id) > (?, ?)`;
      const firstPage = conn.db.prepare(contactPageSql(where)).pluck();
      const nextPage = conn.db.prepare(contactPageSql(keyed)).pluck();
      const firstIds = conn.db.prepare(contactIdsSql(where)).pluck();
      const nextIds = conn.db.prepare(contactIdsSql(keyed)).pluck();
      const profiles = new Map<string, { profile: ContactProfile; verdict: string | null }>();
      const add = (id: string, at: string, profileText: string, signals: string | null): void => {
        let p = profiles.get(profileText);
        if (p === undefined) {
          const s = profileOf(profileText);
          p = { profile: into.profile({ ...s, analysis: s.verdict === null ? null : { verdict: s.verdict, signals: NO_SIGNALS } }), verdict: s.verdict };
          if (profiles.size < 20_000) profiles.set(profileText, p);
        }
        // As ContactRows gives it: no analysis, or its signals (unread ones as none).
        into.addShared(id, at, p.profile, p.verdict === null ? undefined : signals === null ? NO_SIGNALS : ((JSON.parse(signals) as Signals | null) ?? NO_SIGNALS));
      };
      let key: unknown[] | undefined;
      for (;;) {
        const page = (key === undefined ? firstPage.all(...args, limit) : nextPage.all(...after.args, ...key, limit)) as string[];
        if (page.length === 0) break;
        const ids = (key === undefined ? firstIds.all(...args, limit) : nextIds.all(...after.args, ...key, limit)) as string[];
        const done = ids.length === page.length ? pageRows(page, ids, add) : 0;
        let last: unknown[];
        if (done === page.length) {
          const l = page[page.length - 1]!;
          last = [l.slice(0, l.indexOf(SEP)), ids[ids.length - 1]];
        } else {
          // A field of row `done` held the separator: the same page again as rows of values, from that row on.
          const rows = conn.db.prepare(contactRowsSql(key === undefined ? where : keyed)).raw().all(...(key === undefined ? args : [...after.args, ...key]), limit) as [...ContactRow, string][];
          for (let i = done; i < rows.length; i++) add(rows[i]![0], rows[i]![1], rows[i]![2], rows[i]![3]);
          const l = rows[rows.length - 1]!;
          last = [l[4], l[0]];
        }
        if (limit < 0 || page.length < limit) break;
        key = last;
        await new Promise((resolve) => setImmediate(resolve)); // a server keeps answering meanwhile
      }
    } finally {
      conn.close();
    }
  }

  /** Rows per page of collectContacts (its listing's pages are read whole: one string a row). */
  contactPage = 2048;

  /**
   * A consistent read of its own: a second, read-only connection in one transaction (so
   * neither the server's writes nor this connection's open statements get in each other's
   * way across awaits); the main one for an in-memory database. `mmap`: the file is read
   * through a memory map (SQLite's mmap_size) instead of a read call per page — for a listing
   * that visits rows in index order, all over the file; the pages it touches count in the
   * process's resident memory but are the page cache's, not the heap's.
   */
  private readConnection(opts: { mmap?: boolean } = {}): { db: Database.Database; close(): void } {
    const own = this.path !== ':memory:' && this.path !== '';
    const db = own ? new Database(this.path, { readonly: true, timeout: 5000 }) : this.db;
    if (own && opts.mmap === true) db.pragma(`mmap_size = ${READ_MMAP_BYTES}`);
    if (own) db.exec('BEGIN');
    return {
      db,
      close: () => {
        if (!own || !db.open) return;
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  }

  private withLinks(rows: EventRow[]): EventState[] {
    const links = new Map<string, string[]>();
    for (const l of this.db.prepare('SELECT event_id, sha256 FROM event_evidence').all() as { event_id: string; sha256: string }[]) {
      const list = links.get(l.event_id) ?? [];
      list.push(l.sha256);
      links.set(l.event_id, list);
    }
    return rows.map((r) => eventState(r, links.get(r.id) ?? []));
  }

  async addEvidence(file: EvidenceFile, eventId: string): Promise<{ added: boolean }> {
    return this.write(() => this.linkEvidence(file, eventId));
  }

  async addEvidenceFiles(files: readonly EvidenceFile[], eventId: string): Promise<{ added: boolean }[]> {
    return this.write(() => files.map((f) => this.linkEvidence(f, eventId)));
  }

  /** Records one file and its link to an event; only inside write(). */
  private linkEvidence(file: EvidenceFile, eventId: string): { added: boolean } {
    const ev = this.state(eventId);
    if (ev.deleted_at !== undefined) throw new StoreError('DELETED', `记录 ${eventId} 已删除`, `Event ${eventId} is deleted`);
    const known = this.db.prepare('SELECT 1 FROM evidence WHERE sha256 = ?').get(file.sha256) !== undefined;
    if (!known) {
      this.db.prepare('INSERT INTO evidence (sha256, size, name, media_type, added_at) VALUES (?, ?, ?, ?, ?)').run(file.sha256, file.size, file.name, file.media_type, file.added_at);
      this.log('evidence_add', 'evidence', file.sha256, file);
    }
    const linked = this.db.prepare('INSERT INTO event_evidence (event_id, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING').run(eventId, file.sha256);
    // A link is its own entry: logging the event's whole evidence list each time would grow without bound.
    if (linked.changes > 0) this.log('evidence_link', 'link', `${eventId}/${file.sha256}`, { event_id: eventId, sha256: file.sha256 });
    return { added: !known };
  }

  async saveDebt(debt: Debt): Promise<void> {
    await this.saveDebts([debt]);
  }

  async saveDebts(debts: readonly Debt[]): Promise<void> {
    this.write(() => {
      for (const debt of debts) {
        const old = this.db.prepare('SELECT 1 FROM debts WHERE id = ?').get(debt.id) !== undefined;
        this.db.prepare('INSERT INTO debts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data').run(debt.id, JSON.stringify(debt));
        this.log(old ? 'update' : 'create', 'debt', debt.id, debt);
      }
    });
  }

  async listDebts(): Promise<Debt[]> {
    return (this.db.prepare('SELECT data FROM debts ORDER BY id').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Debt);
  }

  async addLpr(rate: LprTable['rates'][number]): Promise<void> {
    this.write(() => {
      this.db.prepare('INSERT INTO lpr_rates (month, rate_percent, source) VALUES (?, ?, ?) ON CONFLICT (month) DO UPDATE SET rate_percent = excluded.rate_percent, source = excluded.source').run(rate.month, rate.rate_percent, rate.source);
      this.log('update', 'lpr', rate.month, rate);
    });
  }

  async listLpr(): Promise<LprTable['rates']> {
    return this.db.prepare('SELECT month, rate_percent, source FROM lpr_rates ORDER BY month').all() as LprTable['rates'];
  }

  async getProfile(): Promise<Profile | undefined> {
    const r = this.db.prepare('SELECT data FROM profile WHERE id = 1').get() as { data: string } | undefined;
    return r === undefined ? undefined : (JSON.parse(r.data) as Profile);
  }

  async setProfile(p: Profile): Promise<void> {
    this.write(() => {
      this.db.prepare('INSERT INTO profile (id, data) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data').run(JSON.stringify(p));
      this.log('update', 'profile', 'me', p);
    });
  }

  async setTag(t: NumberTag): Promise<void> {
    this.write(() => {
      const old = this.db.prepare('SELECT 1 FROM number_tags WHERE number = ?').get(t.number) !== undefined;
      this.db.prepare('INSERT INTO number_tags (number, data) VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET data = excluded.data').run(t.number, JSON.stringify(t));
      this.log(t.removed_at !== undefined ? 'delete' : old ? 'update' : 'create', 'tag', t.number, t);
    });
  }

  async listTags(opts: { includeRemoved?: boolean } = {}): Promise<NumberTag[]> {
    const all = (this.db.prepare('SELECT data FROM number_tags ORDER BY number').all() as { data: string }[]).map((r) => JSON.parse(r.data) as NumberTag);
    return opts.includeRemoved ? all : all.filter((t) => t.removed_at === undefined);
  }

  async listEvidence(): Promise<EvidenceFile[]> {
    return this.db.prepare('SELECT sha256, size, name, media_type, added_at FROM evidence ORDER BY added_at, sha256').all() as EvidenceFile[];
  }

  async snapshot(): Promise<IntegrityRow> {
    return this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`).all() as EventRow[];
      const columns = new Map<string, EventColumns>(rows.map((r) => [r.id, { occurred_utc: r.occurred_utc ?? '', import_key: r.import_key ?? null }]));
      const events = this.withLinks(rows);
      const links = this.db.prepare('SELECT event_id, sha256 FROM event_evidence ORDER BY event_id, sha256').all() as { event_id: string; sha256: string }[];
      const evidence = this.db.prepare('SELECT sha256, size, name, media_type, added_at FROM evidence ORDER BY sha256').all() as EvidenceFile[];
      const audit = this.db.prepare('SELECT seq, at, action, entity, entity_id, payload, prev_hash, hash FROM audit ORDER BY rowid').all() as AuditEntry[];
      const headRow = this.db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined;
      let head: { seq: number; hash: string } | undefined;
      try {
        head = headRow === undefined ? undefined : (JSON.parse(headRow.value) as { seq: number; hash: string });
      } catch {
        head = { seq: -1, hash: 'unreadable' };
      }
      const debts = (this.db.prepare('SELECT data FROM debts ORDER BY id').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Debt);
      const lpr = this.db.prepare('SELECT month, rate_percent, source FROM lpr_rates ORDER BY month').all() as LprTable['rates'];
      const profileRow = this.db.prepare('SELECT data FROM profile WHERE id = 1').get() as { data: string } | undefined;
      const profile = profileRow === undefined ? undefined : (JSON.parse(profileRow.data) as Profile);
      const tags = (this.db.prepare('SELECT data FROM number_tags ORDER BY number').all() as { data: string }[]).map((r) => JSON.parse(r.data) as NumberTag);
      return { events, links, debts, lpr, profile, tags, evidence, audit, head, columns };
    })();
  }

  async openReader(): Promise<RecordReader> {
    // Its own connection in one read transaction: a consistent view while the server keeps writing.
    const own = this.path !== ':memory:' && this.path !== '';
    const db = own ? new Database(this.path, { readonly: true, timeout: 5000 }) : this.db;
    if (own) db.exec('BEGIN');
    let head: { seq: number; hash: string } | undefined;
    const headRow = db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined;
    try {
      head = headRow === undefined ? undefined : (JSON.parse(headRow.value) as { seq: number; hash: string });
    } catch {
      head = { seq: -1, hash: 'unreadable' };
    }
    return {
      head,
      // Positional rows made into entries here: one object shape for every entry, and cheaper than better-sqlite3's own objects.
      audit: () => stepped(db.prepare(AUDIT_SQL).raw().iterate() as IterableIterator<AuditRow>, auditEntry),
      auditChunks: () => chunked(db.prepare(AUDIT_SQL).raw().iterate() as IterableIterator<AuditRow>, auditEntry),
      events: () =>
        stepped(db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY id`).iterate() as IterableIterator<EventRow>, (r) => ({
          event: eventState(r, []),
          columns: { occurred_utc: r.occurred_utc ?? '', import_key: r.import_key ?? null },
        })),
      links: () => stepped(db.prepare(LINKS_SQL).raw().iterate() as IterableIterator<[string, string]>, linkOf),
      linkChunks: () => chunked(db.prepare(LINKS_SQL).raw().iterate() as IterableIterator<[string, string]>, linkOf),
      eventsWithEvidence: () =>
        stepped(
          db.prepare(`SELECT ${EVENT_COLUMNS_OF_E}, (SELECT group_concat(l.sha256, ' ') FROM event_evidence l WHERE l.event_id = e.id) AS links FROM events e ORDER BY e.id`).iterate() as IterableIterator<EventRow & { links: string | null }>,
          (r) => eventState(r, r.links === null ? [] : r.links.split(' ')),
        ),
      evidence: async () => db.prepare('SELECT sha256, size, name, media_type, added_at FROM evidence ORDER BY sha256').all() as EvidenceFile[],
      debts: async () => (db.prepare('SELECT data FROM debts ORDER BY id').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Debt),
      lpr: async () => db.prepare('SELECT month, rate_percent, source FROM lpr_rates ORDER BY month').all() as LprTable['rates'],
      profile: async () => {
        const r = db.prepare('SELECT data FROM profile WHERE id = 1').get() as { data: string } | undefined;
        return r === undefined ? undefined : (JSON.parse(r.data) as Profile);
      },
      tags: async () => (db.prepare('SELECT data FROM number_tags ORDER BY number').all() as { data: string }[]).map((r) => JSON.parse(r.data) as NumberTag),
      close: async () => {
        if (!own || !db.open) return;
        db.exec('COMMIT');
        db.close();
      },
    };
  }

  /**
   * The rows of a record rebuilt from an evidence package (a database file with the same
   * migrations: src/store/browser/restore.ts, checked by src/service/package-import.ts) copied
   * into this one, in one transaction — only while this record is empty (no audit entry, no
   * event): two chains cannot be merged. False, and nothing changed, when it is not empty.
   */
  async restoreFrom(database: Uint8Array): Promise<boolean> {
    const dir = mkdtempSync(join(tmpdir(), 'dunguard-restore-'));
    const file = join(dir, 'restored.sqlite');
    try {
      writeFileSync(file, database, { mode: 0o600 });
      this.db.prepare('ATTACH DATABASE ? AS pkg').run(file);
      try {
        const version = this.db.prepare('PRAGMA pkg.user_version').pluck().get() as number;
        const mine = this.db.pragma('user_version', { simple: true }) as number;
        if (version !== mine) throw new StoreError('BAD_DATA', '证据包重建出的记录版本与本机不同', 'The record rebuilt from the package has another schema version');
        const tables = (this.db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]);
        return this.db
          .transaction(() => {
            if (this.db.prepare('SELECT 1 FROM main.audit LIMIT 1').get() !== undefined || this.db.prepare('SELECT 1 FROM main.events LIMIT 1').get() !== undefined) return false;
            // Parents before children (event_evidence refers to events and evidence).
            for (const t of [...tables.filter((x) => x !== 'event_evidence'), ...tables.filter((x) => x === 'event_evidence')]) {
              // Stored columns only (the generated ones are computed again).
              const cols = (this.db.prepare(`PRAGMA main.table_info("${t}")`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
              this.db.exec(`INSERT OR REPLACE INTO main."${t}" (${cols}) SELECT ${cols} FROM pkg."${t}"`);
            }
            return true;
          })
          .immediate();
      } finally {
        this.db.exec('DETACH DATABASE pkg');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** How much of the database file a listing's connection maps into memory (SQLite caps it at ~2 GB). */
const READ_MMAP_BYTES = 1 << 30;

const AUDIT_SQL = 'SELECT seq, at, action, entity, entity_id, payload, prev_hash, hash FROM audit ORDER BY rowid';
const LINKS_SQL = 'SELECT event_id, sha256 FROM event_evidence ORDER BY event_id, sha256';
const linkOf = (r: [string, string]): { event_id: string; sha256: string } => ({ event_id: r[0], sha256: r[1] });

/** An audit row as SELECT seq, at, action, entity, entity_id, payload, prev_hash, hash gives it positionally. */
type AuditRow = [number, string, AuditEntry['action'], AuditEntry['entity'], string, string, string, string];
const auditEntry = (r: AuditRow): AuditEntry => ({ seq: r[0], at: r[1], action: r[2], entity: r[3], entity_id: r[4], payload: r[5], prev_hash: r[6], hash: r[7] });

/** The WHERE clause of an event filter (shared by listEvents and listContacts, so both see the same events). */
function eventWhere(filter: EventFilter): { where: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
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

/**
 * The report's listing: positional rows (no object per row), read off the events_listing
 * index alone (migration 6: lender and verdict are generated columns in it); the table is
 * read only for the signals of a row whose report_flag says they may hold one the report
 * lists. The columns that repeat from row to row (kind, zone, number, contacted, disclosed,
 * lender, verdict) come as one JSON array, read once per distinct value (ContactRows): making
 * each row's values in JS, not SQLite's stepping, is most of this listing's cost.
 */
const contactsSql = (where: string): string => `SELECT id, occurred_at, json_array(kind, time_zone, number, contacted, debt_disclosed, lender, verdict) AS profile,
        CASE WHEN verdict IS NOT NULL AND report_flag THEN json_extract(analysis, '$.signals') END AS signals
      FROM events ${where} ORDER BY occurred_utc, id`;

/**
 * collectContacts' listing, a page at a time: the same rows and values as contactsSql, each
 * row one text — occurred_utc (the page's key), id, occurred_at, profile and signals ('+' and
 * the text, or nothing for NULL), joined by the separator U+001E — since better-sqlite3 makes a
 * JS array for every row of a multi-column statement, which cost more than the values in it.
 * A profile and a signals text are JSON as SQLite writes it, which escapes control characters;
 * an id or a time holding the separator is seen by the count of separators (pageRows), and its
 * page read again through contactRowsSql.
 */
const contactPageSql = (where: string): string => `SELECT occurred_utc || char(30) || occurred_at || char(30)
        || json_array(kind, time_zone, number, contacted, debt_disclosed, lender, verdict) || char(30)
        || coalesce('+' || CASE WHEN verdict IS NOT NULL AND report_flag THEN json_extract(analysis, '$.signals') END, '')
      FROM events ${where} ORDER BY occurred_utc, id LIMIT ?`;
/** The ids of a page of contactPageSql (a statement of their own: a slice of a row's text would keep the whole text alive). */
const contactIdsSql = (where: string): string => `SELECT id FROM events ${where} ORDER BY occurred_utc, id LIMIT ?`;

/** contactsSql's columns and occurred_utc, a page of them: a page of contactPageSql read again as rows of values. */
const contactRowsSql = (where: string): string => `SELECT id, occurred_at, json_array(kind, time_zone, number, contacted, debt_disclosed, lender, verdict) AS profile,
        CASE WHEN verdict IS NOT NULL AND report_flag THEN json_extract(analysis, '$.signals') END AS signals, occurred_utc
      FROM events ${where} ORDER BY occurred_utc, id LIMIT ?`;

const SEP = '\x1e';

/**
 * The rows of a page of contactPageSql given to `add`, in order, up to the first whose text
 * does not split into exactly five fields (an id or a time held the separator): how many were.
 */
function pageRows(page: readonly string[], ids: readonly string[], add: (id: string, at: string, profile: string, signals: string | null) => void): number {
  for (let i = 0; i < page.length; i++) {
    const s = page[i]!;
    const a = s.indexOf(SEP);
    const b = s.indexOf(SEP, a + 1);
    const c = s.indexOf(SEP, b + 1);
    if (a < 0 || b < 0 || c < 0 || s.indexOf(SEP, c + 1) >= 0) return i;
    add(ids[i]!, s.slice(a + 1, b), s.slice(b + 1, c), c + 1 === s.length ? null : s.slice(c + 2));
  }
  return page.length;
}

/** A listing row's profile (the JSON array of contactsSql) read into its fields. */
function profileOf(text: string): { kind: string; time_zone: string; number: string | undefined; contacted: string; debt_disclosed: boolean | undefined; claimed: ContactInput['claimed']; verdict: string | null } {
  const [kind, time_zone, number, contacted, disclosed, lender, verdict] = JSON.parse(text) as [string, string, string | null, string, number | null, string | null, string | null];
  return {
    kind,
    time_zone,
    number: number ?? undefined,
    contacted,
    debt_disclosed: disclosed === null ? undefined : disclosed === 1,
    // The report reads the lender (platform, else company): the generated column is that.
    claimed: lender === null ? {} : { platform: lender },
    verdict,
  };
}

/** A row of listContacts: id, occurred_at, the profile (see ContactRows), the signals (only when they may matter). */
type ContactRow = [string, string, string, string | null];

const NO_SIGNALS: NonNullable<ContactInput['analysis']>['signals'] = Object.freeze([]);
type Signals = NonNullable<ContactInput['analysis']>['signals'];

/** What a contact shares with others of the same profile (frozen: contacts share them). */
interface Shared {
  readonly kind: string;
  readonly time_zone: string;
  readonly number: string | undefined;
  readonly contacted: string;
  readonly debt_disclosed: boolean | undefined;
  readonly claimed: ContactInput['claimed'];
  readonly verdict: string | null;
  /** The analysis of a contact of this profile whose signals the listing left unread. */
  readonly unflagged: ContactInput['analysis'];
}

/**
 * The listing's rows as contacts, their profiles — `json_array(kind, time_zone, number, contacted, debt_disclosed,
 * lender, verdict)` — each parsed once and remembered (up to 20,000 distinct ones; past that,
 * parsed per row as if new).
 */
class ContactRows {
  private readonly seen = new Map<string, Shared>();

  contact(r: ContactRow): ContactInput {
    let p = this.seen.get(r[2]);
    if (p === undefined) {
      const s = profileOf(r[2]);
      p = Object.freeze({
        ...s,
        claimed: Object.freeze(s.claimed),
        unflagged: s.verdict === null ? null : Object.freeze({ verdict: s.verdict, signals: NO_SIGNALS }),
      });
      if (this.seen.size < 20_000) this.seen.set(r[2], p);
    }
    const signals = r[3];
    return {
      id: r[0],
      kind: p.kind,
      occurred_at: r[1],
      time_zone: p.time_zone,
      number: p.number,
      claimed: p.claimed,
      contacted: p.contacted,
      debt_disclosed: p.debt_disclosed,
      analysis: p.verdict === null || signals === null ? p.unflagged : { verdict: p.verdict, signals: (JSON.parse(signals) as Signals | null) ?? NO_SIGNALS },
    };
  }
}

/**
 * Rows of a statement one at a time, giving way to the event loop every `every` rows. A plain
 * async iterator, not an async generator: a generator costs several promise turns per row,
 * and verify, export and report read every row of the record through these. Stopping early
 * (`return`) closes the statement, as leaving a for-of loop over it would.
 */
function stepped<R, T = R>(rows: IterableIterator<R>, map: (r: R) => T = (r) => r as unknown as T, every = 2000): AsyncIterableIterator<T> {
  let n = 0;
  let finished = false;
  const end: IteratorReturnResult<undefined> = { value: undefined, done: true };
  const stop = (): void => {
    if (finished) return;
    finished = true;
    rows.return?.();
  };
  const it: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => it,
    next: (): Promise<IteratorResult<T>> => {
      if (finished) return Promise.resolve(end);
      try {
        const r = rows.next();
        if (r.done === true) {
          finished = true;
          return Promise.resolve(end);
        }
        const result: IteratorYieldResult<T> = { value: map(r.value), done: false };
        if (++n % every === 0) return new Promise((resolve) => setImmediate(() => resolve(result)));
        return Promise.resolve(result);
      } catch (e) {
        stop();
        return Promise.reject(e as Error);
      }
    },
    return: (): Promise<IteratorResult<T>> => {
      stop();
      return Promise.resolve(end);
    },
  };
  return it;
}

/**
 * Rows of a statement `size` at a time (the same rows as stepped, one promise a chunk instead of
 * one a row), giving way to the event loop between chunks. Stopping early closes the statement.
 */
function chunked<R, T>(rows: IterableIterator<R>, map: (r: R) => T, size = 2000): AsyncIterableIterator<T[]> {
  let finished = false;
  let first = true;
  const end: IteratorReturnResult<undefined> = { value: undefined, done: true };
  const stop = (): void => {
    if (finished) return;
    finished = true;
    rows.return?.();
  };
  const read = (): IteratorResult<T[]> => {
    const chunk: T[] = [];
    while (chunk.length < size) {
      const r = rows.next();
      if (r.done === true) {
        finished = true;
        break;
      }
      chunk.push(map(r.value));
    }
    return chunk.length === 0 ? end : { value: chunk, done: false };
  };
  const it: AsyncIterableIterator<T[]> = {
    [Symbol.asyncIterator]: () => it,
    next: (): Promise<IteratorResult<T[]>> => {
      if (finished) return Promise.resolve(end);
      const now = first;
      first = false;
      return new Promise((resolve, reject) => {
        const step = (): void => {
          try {
            resolve(read());
          } catch (e) {
            stop();
            reject(e as Error);
          }
        };
        if (now) step();
        else setImmediate(step);
      });
    },
    return: (): Promise<IteratorResult<T[]>> => {
      stop();
      return Promise.resolve(end);
    },
  };
  return it;
}

/**
 * The record is private to its owner: the database file (created here before SQLite creates
 * it 0644) and its -wal/-shm companions are 0600, whatever the umask. `create`: false only
 * tightens a file that exists.
 */
function privateFile(path: string, create = true): void {
  if (path === ':memory:' || path === '') return;
  if (create) closeSync(openSync(path, 'a', 0o600));
  try {
    chmodSync(path, 0o600);
  } catch {
    /* not there (yet), or not ours to change: SQLite reports what matters */
  }
}

/** "device:inode" of a file with something in it, or undefined when it is gone or empty. */
function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.size > 0 ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}
