/**
 * Verification of a record: the audit chain must be intact, and the tables must hold
 * exactly the state the chain describes — so an edit made to the event or evidence tables
 * around the program is found too. Pure: entries and rows in (as arrays, or streamed one at
 * a time through RecordVerifier), a list of findings out; the vault's file checks are added
 * by the adapter.
 *
 * Streaming keeps memory flat in the size of each row: the walker keeps, per logged entity,
 * the text of its last logged state while the texts kept add up to at most TEXT_KEPT_CHARS
 * (a row is then checked by comparing its canonical JSON with that text, no hashing), past
 * that only the SHA-256 of its last logged state (and, for an imported event, of the import
 * key its first logged state implies).
 *
 * Besides the logged fields, two event columns are checked although the log does not carry
 * them: `occurred_utc` (the UTC instant the period filters use) must be exactly the instant
 * of the logged `occurred_at`, and `import_key` must be the key the importer derives from the
 * fields first logged for the event (`<csv|json>:<sha256 of those fields>`, `#n` for the
 * n-th identical row of one file), or empty for an event that was not imported.
 */
import { createHash, hash as cryptoHash } from 'node:crypto';
import { canonicalJson, entryHash, GENESIS_HASH, sha256Hex, type AuditEntry, type ChainProblem } from './audit.js';
import type { EvidenceFile, StoredEvent } from './schemas.js';

export interface Finding {
  readonly kind: ChainProblem['kind'] | 'row_changed' | 'row_missing' | 'row_unlogged' | 'file_missing' | 'file_changed' | 'file_size_changed' | 'record_missing';
  readonly detail: string;
}

export interface VerifyReport {
  readonly intact: boolean;
  readonly entries: number;
  readonly events: number;
  readonly evidence: number;
  readonly findings: Finding[];
  /** Not integrity failures: e.g. vault files no record refers to (left by a crash). */
  readonly notes: string[];
  readonly head: { seq: number; hash: string } | undefined;
}

/** The columns of an event row that are not part of its logged state. */
export interface EventColumns {
  readonly occurred_utc: string;
  readonly import_key: string | null;
}

/** The key an import gives a row: its format and the SHA-256 of its fields (shared with the importer). */
export function importKeyBase(format: string, fields: object): string {
  return `${format}:${sha256Hex(canonicalJson(fields))}`;
}

/**
 * The fields of EventInput (schemas.ts), in its order: written out so that verify does not
 * load the schemas (zod) at start; a test checks the list against the schema.
 */
export const FIELD_KEYS: readonly string[] = ['kind', 'occurred_at', 'time_zone', 'number', 'claimed', 'contacted', 'debt_disclosed', 'duration_s', 'content', 'notes'];

/** The import key a newly created event implies: from its source (`import:csv[:name]`) and its first logged fields. */
export function expectedImportBase(state: unknown): string {
  const s = (state ?? {}) as Record<string, unknown>;
  const m = typeof s.source === 'string' ? /^import:(csv|json)(?::|$)/.exec(s.source) : null;
  if (m === null) return '';
  return importKeyBase(m[1]!, Object.fromEntries(FIELD_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]])));
}

/** SHA-256 as a binary (latin1) string, in one call where Node has crypto.hash ('binary' is latin1). */
const digest: (text: string) => string =
  typeof cryptoHash === 'function' ? (text) => cryptoHash('sha256', text, 'binary') : (text) => createHash('sha256').update(text).digest().toString('latin1');

/** The digest a link entry is remembered by (see RecordVerifier.remember): any value; never compared. */
const LINK_LOGGED = 'link';

/**
 * How many characters of logged states the verifier keeps as text, in all (~4–8 MB): a row is
 * compared with its logged state's text, without hashing either. Past it, states are kept as
 * digests, DIGEST_MARK first: a readable payload (JSON) never starts with that character (a
 * control character, not JSON's white space; one byte, so a marked digest stays a one-byte string).
 */
export const TEXT_KEPT_CHARS = 1 << 22;
const DIGEST_MARK = '\x01';
const MARK_CODE = 1;

/** Digests kept past this many entities are moved to disk, when the verifier is given somewhere to move them. */
export const SPILL_DIGESTS_AT = 50_000;

/**
 * Where the verifier keeps its digests once there are many (a scratch table on disk, see
 * src/store/sqlite/scratch.ts): keyed by entity:id, in the order each key was first set.
 */
export interface DigestSpill {
  /** Sets the key's digest (a key already there keeps its place); `base` is kept only when the key has none yet. */
  set(key: string, digest: string, base: string | undefined): void;
  /** Takes the key out, with its digests; undefined when it is not there. */
  take(key: string): { digest: string; base: string | undefined } | undefined;
  /** The keys still there, in the order first set. */
  keys(): Iterable<string>;
  close(): void;
}

interface Pending {
  finding: { kind: Finding['kind']; detail: string };
  key: string;
  row: unknown;
  prefix: string;
  suffix: string;
  /** The last logged payload, when it was kept as text. */
  payload: string | undefined;
}

/**
 * The streaming verifier. Feed every audit entry in storage order (`entry`), then `endChain`
 * with the recorded head, then every table row (`event`, `link`, `row`, `evidence`), then
 * `finish`. When rows differ from their logged state, `needs()` names the entities whose last
 * logged payloads `finish` should be given, to say which fields differ.
 */
export class RecordVerifier {
  readonly findings: { kind: Finding['kind']; detail: string }[] = [];
  entries = 0;
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  /** The last entry's seq (its hash is prevHash then); undefined before the first. */
  private lastSeq: number | undefined;
  /**
   * Per entity, id → the index in `states` of its last logged state, deleted once the row is
   * seen. Indexes count up in the order first logged (a later state keeps the index), so that
   * order is known without one map keyed by concatenated `entity:id` strings.
   */
  private readonly ids = new Map<string, Map<string, number>>();
  /**
   * The last logged states by index: the payload (the text logged, readable JSON) or, past
   * TEXT_KEPT_CHARS, DIGEST_MARK and the SHA-256 (binary string) of its canonical JSON;
   * LINK_LOGGED for a link; undefined once taken.
   */
  private states: (string | undefined)[] = [];
  /** Entities in `ids` (logged, not yet seen in a table). */
  private held = 0;
  /** The characters of payloads kept in `states` so far (never lowered: a bound, not a count). */
  private textKept = 0;
  /** Event id → SHA-256 of the import key its create entry implies (imported events only). */
  private readonly importBase = new Map<string, string>();
  /** The same two, on disk, once there are more than `spillAt` of them. */
  private spilled: DigestSpill | undefined;
  private readonly pending: Pending[] = [];
  private static readonly PENDING_DETAIL = 1000;
  private readonly spill: (() => DigestSpill) | undefined;
  private readonly spillAt: number;
  private readonly keepText: number;

  /**
   * `spill`: where to move the digests once there are more than `spillAt` (default
   * SPILL_DIGESTS_AT) of them, so that memory stays flat in the number of entities (see
   * src/store/sqlite/scratch.ts); without it they stay in memory (about 150 bytes an entity).
   * Call `close` when done with a verifier that may have spilled. `keepText`: how many
   * characters of logged states to keep as text (default TEXT_KEPT_CHARS; tests set less).
   */
  constructor(opts: { spill?: () => DigestSpill; spillAt?: number; keepText?: number } = {}) {
    this.spill = opts.spill;
    this.spillAt = opts.spillAt ?? SPILL_DIGESTS_AT;
    this.keepText = opts.keepText ?? TEXT_KEPT_CHARS;
  }

  /** Frees the digests (the scratch table on disk, when they were moved there). */
  close(): void {
    this.ids.clear();
    this.states = [];
    this.held = 0;
    this.importBase.clear();
    const s = this.spilled;
    this.spilled = undefined;
    s?.close();
  }

  /** Whether the digests were moved to disk. */
  get isSpilled(): boolean {
    return this.spilled !== undefined;
  }

  /**
   * Takes an entity's last logged state (its text, or DIGEST_MARK and its digest; and an event's
   * import-key digest) out: undefined when it was never logged, or already taken.
   */
  private take(entity: string, id: string): { logged: string; base: string | undefined } | undefined {
    if (typeof id !== 'string') id = String(id); // as `${entity}:${id}` would write it (a package's row may have a number)
    if (this.spilled) {
      const s = this.spilled.take(`${entity}:${id}`);
      return s && { logged: DIGEST_MARK + s.digest, base: s.base };
    }
    const m = this.ids.get(entity);
    const i = m?.get(id);
    if (i === undefined) return undefined;
    m!.delete(id);
    this.held--;
    const logged = this.states[i]!;
    this.states[i] = undefined;
    return { logged, base: entity === 'event' ? this.importBase.get(id) : undefined };
  }

  /** The entities still held, in the order first logged: [entity, id, index in `states`]. */
  private heldInOrder(): [string, string, number][] {
    const out: [string, string, number][] = [];
    for (const [entity, m] of this.ids) for (const [id, i] of m) out.push([entity, id, i]);
    return out.sort((a, b) => a[2] - b[2]);
  }

  /** Whether a row (its canonical JSON) is the state logged (as take gives it): the same as comparing their digests. */
  private static same(logged: string, row: string): boolean {
    if (logged.charCodeAt(0) === MARK_CODE) return logged === DIGEST_MARK + digest(row);
    // A payload written by this program is the state's canonical JSON; any other readable text is compared by its canonical form.
    return logged === row || canonicalJson(JSON.parse(logged)) === row;
  }

  /** The digest a state is kept by on disk (see remember). */
  private static digestOf(logged: string): string {
    if (logged === LINK_LOGGED) return LINK_LOGGED;
    return logged.charCodeAt(0) === MARK_CODE ? logged.slice(1) : digest(canonicalJson(JSON.parse(logged)));
  }

  entry(e: AuditEntry): void {
    this.entries++;
    if (e.seq !== this.expectedSeq) {
      this.findings.push({
        kind: e.seq < this.expectedSeq ? 'out_of_order' : 'missing_entry',
        detail: e.seq < this.expectedSeq ? `entry ${e.seq} appears after entry ${this.expectedSeq - 1}` : `entries ${this.expectedSeq}–${e.seq - 1} are missing`,
      });
    }
    if (entryHash(e) !== e.hash) this.findings.push({ kind: 'hash_mismatch', detail: `entry ${e.seq} (${e.action} ${e.entity} ${e.entity_id}) was changed after it was written` });
    if (e.prev_hash !== this.prevHash) this.findings.push({ kind: 'broken_link', detail: `entry ${e.seq} does not follow the entry before it` });
    let state: unknown;
    let readable = true;
    try {
      state = JSON.parse(e.payload);
    } catch {
      readable = false;
      this.findings.push({ kind: 'bad_payload', detail: `entry ${e.seq} has an unreadable payload` });
    }
    this.prevHash = e.hash;
    this.expectedSeq = e.seq + 1;
    this.lastSeq = e.seq;
    if (!readable) return; // replay keeps the state before it
    this.remember(e, state);
  }

  /**
   * Only the state an entry logs, without checking the chain (for a caller that walks the
   * chain itself, e.g. with ChainWalker): an unreadable payload is skipped, as replay does.
   * `parsed`: the payload already parsed (what ChainWalker.add returns, `?? null`: null is
   * unreadable); left out, it is parsed here.
   */
  logged(e: AuditEntry, parsed?: { state: unknown } | null): void {
    this.entries++;
    if (parsed === undefined) {
      try {
        parsed = { state: JSON.parse(e.payload) as unknown };
      } catch {
        return;
      }
    }
    if (parsed !== null) this.remember(e, parsed.state);
  }

  /** `state`: the entry's payload, parsed (it is readable). */
  private remember(e: AuditEntry, state: unknown): void {
    // Strings, as `${entity}:${id}` would write them (an entry read from a package may have a number).
    const entity = typeof e.entity === 'string' ? e.entity : String(e.entity);
    const id = typeof e.entity_id === 'string' ? e.entity_id : String(e.entity_id);
    // A link row is checked for being logged (link: the key taken), never against its logged
    // state: its state is never compared, so it is not kept (the payload was parsed above).
    // Otherwise the payload itself while the texts kept are few; its digest on disk or past them.
    let d: string;
    if (entity === 'link') d = LINK_LOGGED;
    else if (this.spilled === undefined && typeof e.payload === 'string' && this.textKept + e.payload.length <= this.keepText) {
      d = e.payload;
      this.textKept += e.payload.length;
    } else d = this.spilled === undefined ? DIGEST_MARK + digest(canonicalJson(state)) : digest(canonicalJson(state));
    let base: string | undefined;
    if (entity === 'event' && e.action === 'create' && (this.spilled !== undefined || !this.importBase.has(id))) {
      const b = expectedImportBase(state);
      if (b !== '') base = digest(b);
    }
    if (this.spilled) {
      this.spilled.set(`${entity}:${id}`, d, base); // keeps a base already set: the first create's
      return;
    }
    let m = this.ids.get(entity);
    if (m === undefined) this.ids.set(entity, (m = new Map()));
    const i = m.get(id);
    if (i === undefined) {
      m.set(id, this.states.length);
      this.states.push(d);
      this.held++;
    } else this.states[i] = d;
    if (base !== undefined) this.importBase.set(id, base);
    if (this.spill !== undefined && this.held > this.spillAt) {
      // Moved to disk in the order first logged (`finish` lists what is left in that order).
      const s = this.spill();
      for (const [ent, eid, j] of this.heldInOrder()) s.set(`${ent}:${eid}`, RecordVerifier.digestOf(this.states[j]!), ent === 'event' ? this.importBase.get(eid) : undefined);
      this.ids.clear();
      this.states = [];
      this.held = 0;
      this.importBase.clear();
      this.spilled = s;
    }
  }

  endChain(head: { seq: number; hash: string } | undefined): void {
    const last = this.lastSeq === undefined ? undefined : { seq: this.lastSeq, hash: this.prevHash };
    if (head !== undefined && (last === undefined || last.seq !== head.seq || last.hash !== head.hash)) {
      this.findings.push({
        kind: 'head_mismatch',
        detail: `the chain ends at entry ${last?.seq ?? 0} but the recorded head is entry ${head.seq}: entries were removed or replaced at the end`,
      });
    }
  }

  /** An event row (its evidence list, if any, is ignored: links are checked on their own). */
  event(full: StoredEvent, columns?: EventColumns): void {
    const { evidence: _links, ...e } = full;
    const logged = this.take('event', e.id);
    const want = logged?.logged;
    if (want === undefined) {
      this.findings.push({ kind: 'row_unlogged', detail: `event ${e.id} is in the table but was never logged` });
    } else if (!RecordVerifier.same(want, canonicalJson(e))) this.changed(`event:${e.id}`, e, want, `event ${e.id} differs from its last logged state (`, ')');
    if (columns === undefined) return;
    const utc = instantUtc(e.occurred_at);
    if (columns.occurred_utc !== utc) {
      this.findings.push({ kind: 'row_changed', detail: `event ${e.id}: its UTC time (occurred_utc) is ${columns.occurred_utc}, but its logged time ${e.occurred_at} is ${utc}` });
    }
    const base = logged?.base;
    const key0 = columns.import_key;
    const got = key0 === null ? undefined : digest(key0.replace(/#[1-9]\d*$/, ''));
    if (base !== got && want !== undefined) {
      this.findings.push({
        kind: 'row_changed',
        detail:
          key0 === null
            ? `event ${e.id}: its import key (import_key) was removed`
            : base === undefined
              ? `event ${e.id}: has an import key (import_key) although it was not logged as imported`
              : `event ${e.id}: its import key (import_key) is not the one its imported fields give`,
      });
    }
  }

  link(l: { event_id: string; sha256: string }): void {
    if (this.take('link', `${l.event_id}/${l.sha256}`) === undefined) this.findings.push({ kind: 'row_unlogged', detail: `evidence ${l.sha256} is linked to event ${l.event_id} but the link was never logged` });
  }

  /** A debt, LPR, profile or number-tag row. */
  row(entity: 'debt' | 'lpr' | 'profile' | 'tag', id: string, r: object): void {
    const want = this.take(entity, id)?.logged;
    if (want === undefined) this.findings.push({ kind: 'row_unlogged', detail: `${entity} ${id} is in the table but was never logged` });
    else if (!RecordVerifier.same(want, canonicalJson(r))) this.changed(`${entity}:${id}`, r, want, `${entity} ${id} differs from its logged state (`, ')');
  }

  evidence(f: EvidenceFile): void {
    const want = this.take('evidence', f.sha256)?.logged;
    if (want === undefined) this.findings.push({ kind: 'row_unlogged', detail: `evidence ${f.sha256} is in the table but was never logged` });
    else if (!RecordVerifier.same(want, canonicalJson(f))) this.changed(`evidence:${f.sha256}`, f, want, `evidence record ${f.sha256} differs from its logged state (`, ')');
  }

  /** `logged`: as take gave it (the payload itself, unless a digest). */
  private changed(key: string, row: unknown, logged: string, prefix: string, suffix: string): void {
    const finding = { kind: 'row_changed' as const, detail: `${prefix}fields differ${suffix}` };
    this.findings.push(finding);
    if (this.pending.length < RecordVerifier.PENDING_DETAIL) this.pending.push({ finding, key, row, prefix, suffix, payload: logged.charCodeAt(0) === MARK_CODE ? undefined : logged });
  }

  /** entity:id keys whose last logged payload `finish` wants (to name the changed fields): those kept only as digests. */
  needs(): Set<string> {
    return new Set(this.pending.filter((p) => p.payload === undefined).map((p) => p.key));
  }

  /** Rows logged but gone from the tables; names changed fields from `payloads` (entity:id → last logged payload). */
  finish(payloads: ReadonlyMap<string, string> = new Map()): Finding[] {
    for (const p of this.pending) {
      const text = p.payload ?? payloads.get(p.key);
      if (text === undefined) continue;
      try {
        p.finding.detail = `${p.prefix}${diffKeys(JSON.parse(text), p.row).join(', ')}${p.suffix}`;
      } catch {
        /* unreadable: already reported by the chain walk */
      }
    }
    const held = this.spilled ? this.spilled.keys() : this.heldInOrder().map(([entity, id]) => `${entity}:${id}`);
    for (const key of held) {
      const what = key.startsWith('link:') ? `the link ${key.slice(5)} (event/evidence)` : key.replace(':', ' ');
      this.findings.push({ kind: 'row_missing', detail: `${what} was logged but is gone from the table (deletions leave tombstones, never gaps)` });
    }
    this.close();
    return this.findings;
  }
}

function instantUtc(at: string): string {
  const t = new Date(at);
  return Number.isNaN(t.getTime()) ? `an unreadable time` : t.toISOString();
}

/** The last logged payload of each wanted entity, from entries in storage order. */
export function lastPayloads(entries: Iterable<AuditEntry>, wanted: ReadonlySet<string>, into = new Map<string, string>()): Map<string, string> {
  if (wanted.size === 0) return into;
  for (const e of entries) {
    const key = `${e.entity}:${e.entity_id}`;
    if (!wanted.has(key)) continue;
    try {
      JSON.parse(e.payload);
      into.set(key, e.payload);
    } catch {
      /* replay keeps the state before an unreadable one */
    }
  }
  return into;
}

/** Verifies a snapshot held in memory (a package being checked, a small record). */
export function verifyRecord(snapshot: {
  events: readonly StoredEvent[];
  /** The event columns the log does not carry, by event id (the store's snapshot has them; a package does not). */
  columns?: ReadonlyMap<string, EventColumns>;
  links?: readonly { event_id: string; sha256: string }[];
  debts?: readonly { id: string }[];
  lpr?: readonly { month: string }[];
  profile?: object | undefined;
  tags?: readonly { number: string }[];
  evidence: readonly EvidenceFile[];
  audit: readonly AuditEntry[];
  head: { seq: number; hash: string } | undefined;
}): Finding[] {
  const v = new RecordVerifier();
  for (const e of snapshot.audit) v.entry(e);
  v.endChain(snapshot.head);
  for (const e of snapshot.events) v.event(e, snapshot.columns?.get(e.id));
  const links = snapshot.links ?? snapshot.events.flatMap((e) => e.evidence.map((sha256) => ({ event_id: e.id, sha256 })));
  for (const l of links) v.link(l);
  for (const d of snapshot.debts ?? []) v.row('debt', d.id, d);
  for (const r of snapshot.lpr ?? []) v.row('lpr', r.month, r);
  if (snapshot.profile) v.row('profile', 'me', snapshot.profile);
  for (const t of snapshot.tags ?? []) v.row('tag', t.number, t);
  for (const f of snapshot.evidence) v.evidence(f);
  return v.finish(lastPayloads(snapshot.audit, v.needs()));
}

function diffKeys(a: unknown, b: unknown): string[] {
  const ao = (a ?? {}) as Record<string, unknown>;
  const bo = (b ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  return [...keys].filter((k) => canonicalJson(ao[k]) !== canonicalJson(bo[k])).sort();
}
