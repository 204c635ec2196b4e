/**
 * The store interface: what the record needs from a database. The default is SQLite
 * (src/store/sqlite); a PostgreSQL implementation for a hosted service fills the same
 * interface later, so nothing here is SQLite-specific and every method is asynchronous.
 */
import type { AuditEntry } from '../record/audit.js';
import type { Analysis, EventFields, EvidenceFile, StoredEvent } from '../record/schemas.js';
import type { Debt, LprTable } from '../ledger/schemas.js';
import type { EventColumns } from '../record/verify.js';
import type { ContactCollector, ContactInput } from '../record/harassment.js';
import type { NumberTag } from '../record/tags.js';
import type { EventCounts, EventPage, EventPageRequest } from './event-page.js';

export type { EventCounts, EventCursor, EventPage, EventPageRequest } from './event-page.js';

export interface Profile {
  name: string;
  id_tail?: string;
  phone?: string;
}

export interface EventFilter {
  /** Inclusive bounds on the time the contact happened (instants with offsets). */
  from?: string;
  to?: string;
  number?: string;
  kind?: string;
  includeDeleted?: boolean;
}

export interface NewEvent {
  fields: EventFields;
  analysis: Analysis | null;
  /** "manual", or the import format. */
  source: string;
  /** A key that makes re-importing the same row a no-op. */
  importKey?: string;
}

export interface ImportResult {
  added: string[];
  /** Rows whose key was already in the store. */
  skipped: number;
}

export interface IntegrityRow {
  events: StoredEvent[];
  links: { event_id: string; sha256: string }[];
  debts: Debt[];
  lpr: LprTable['rates'];
  profile: Profile | undefined;
  /** Tags on numbers, removed ones included. */
  tags?: NumberTag[];
  evidence: EvidenceFile[];
  audit: AuditEntry[];
  head: { seq: number; hash: string } | undefined;
  /** The event columns the audit log does not carry (checked by verify), by event id. */
  columns?: Map<string, EventColumns>;
}

/**
 * A consistent, read-only view of the record that is streamed rather than loaded: what
 * `verify` reads. It sees the record as it was when opened (later writes are not seen), and
 * its iterators give way to the event loop every few thousand rows. Close it when done.
 */
export interface RecordReader {
  readonly head: { seq: number; hash: string } | undefined;
  /** Audit entries in storage order. */
  audit(): AsyncIterable<AuditEntry>;
  /** Events in id order, without their evidence lists (see links()), with the columns the log does not carry. */
  events(): AsyncIterable<{ event: StoredEvent; columns: EventColumns }>;
  links(): AsyncIterable<{ event_id: string; sha256: string }>;
  /**
   * Optional: the same entries as audit(), and links as links(), a few thousand at a time: a
   * reader that can read them so spares verify a promise per row.
   */
  auditChunks?(): AsyncIterable<readonly AuditEntry[]>;
  linkChunks?(): AsyncIterable<readonly { event_id: string; sha256: string }[]>;
  /** Events in id order with their evidence lists, exactly as listEvents gives them (deleted ones included): what a package carries. */
  eventsWithEvidence(): AsyncIterable<StoredEvent>;
  evidence(): Promise<EvidenceFile[]>;
  debts(): Promise<Debt[]>;
  lpr(): Promise<LprTable['rates']>;
  profile(): Promise<Profile | undefined>;
  /** Tags on numbers, removed ones included, by number. */
  tags(): Promise<NumberTag[]>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'DELETED' | 'BAD_DATA' | 'LOCKED' | 'IO',
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface Store {
  addEvent(e: NewEvent): Promise<StoredEvent>;
  /** Adds all rows or none, in one transaction; rows already imported are skipped. */
  importEvents(rows: readonly NewEvent[]): Promise<ImportResult>;
  updateEvent(id: string, fields: EventFields, analysis: Analysis | null): Promise<StoredEvent>;
  /** Marks an event deleted (a tombstone in the audit log); nothing is erased. */
  deleteEvent(id: string, reason: string): Promise<void>;
  setAnalysis(id: string, analysis: Analysis): Promise<void>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  listEvents(filter?: EventFilter): Promise<StoredEvent[]>;
  /**
   * The same events as listEvents, in the same order, reduced to the fields the harassment
   * report reads (no text, notes or evidence lists): what `report` needs, read cheaply.
   */
  listContacts(filter?: EventFilter): AsyncIterable<ContactInput>;
  /**
   * Optional: the contacts of listContacts added straight into a collector (the same
   * contacts, in the same order, as adding each one listContacts gives), without a
   * ContactInput per event. Resolves once every one is added.
   */
  collectContacts?(filter: EventFilter, into: ContactCollector): Promise<void>;
  /**
   * One page of the events listEvents gives for the filter, newest first (occurred_utc, then
   * id, descending), with evidence lists; the next page through its cursor (keyset paging: a
   * change between pages neither repeats nor skips an older event), and the filter's total.
   */
  pageEvents(filter: EventFilter, page: EventPageRequest): Promise<EventPage>;
  /**
   * How many of the events listEvents gives for the filter there are per local day, per local
   * hour (each in its own zone, `timezone` when it has none) and per kind: an aggregate query,
   * no event read. The same days and hours as the harassment report's perDay and perHour.
   */
  countEvents(filter: EventFilter, timezone: string): Promise<EventCounts>;
  /** Records an evidence file already written to the vault and links it to an event. */
  addEvidence(file: EvidenceFile, eventId: string): Promise<{ added: boolean }>;
  /** Records several files (already in the vault) and links them to one event, in one transaction: all or none. */
  addEvidenceFiles(files: readonly EvidenceFile[], eventId: string): Promise<{ added: boolean }[]>;
  listEvidence(): Promise<EvidenceFile[]>;
  /** Saves a debt (new or changed), logged in the audit chain. */
  saveDebt(debt: Debt): Promise<void>;
  /** Saves several debts in one transaction: all or none. */
  saveDebts(debts: readonly Debt[]): Promise<void>;
  listDebts(): Promise<Debt[]>;
  /** User-supplied one-year LPR values, each with its source. */
  addLpr(rate: LprTable['rates'][number]): Promise<void>;
  listLpr(): Promise<LprTable['rates']>;
  /** The user's own details for letters (name, ID last digits, contact), kept local. */
  getProfile(): Promise<Profile | undefined>;
  setProfile(p: Profile): Promise<void>;
  /** Sets (or takes off, with removed_at) the tag on a number, logged in the audit chain. */
  setTag(t: NumberTag): Promise<void>;
  /** Tags by number; removed ones only with includeRemoved. */
  listTags(opts?: { includeRemoved?: boolean }): Promise<NumberTag[]>;
  /** Everything `verify` and `export` need, read in one consistent snapshot. */
  snapshot(): Promise<IntegrityRow>;
  /** A streamed, consistent read of the whole record (for verify): memory flat in its size. */
  openReader(): Promise<RecordReader>;
  /**
   * Whether the record is still where it was opened: its database file not removed or
   * replaced meanwhile (SQLite keeps reading a removed file), its schema not dropped. verify
   * reports a record that is gone; a store that cannot tell leaves this out.
   */
  stillThere?(): Promise<boolean>;
  close(): Promise<void>;
}
