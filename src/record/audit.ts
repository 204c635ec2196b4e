/**
 * The tamper-evident audit chain: every create, change and deletion appends an entry that
 * carries the hash of the entry before it, so changing, removing or reordering any entry
 * breaks every hash after it. Pure: entries in, problems out; the store persists them.
 */
import { createHash, hash as cryptoHash } from 'node:crypto';

export type AuditAction = 'create' | 'update' | 'delete' | 'evidence_add' | 'evidence_link' | 'reanalyse';
export type AuditEntity = 'event' | 'evidence' | 'link' | 'debt' | 'lpr' | 'profile' | 'tag';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly action: AuditAction;
  readonly entity: AuditEntity;
  readonly entity_id: string;
  /** Canonical JSON of the entity's state after the action (a tombstone for a deletion). */
  readonly payload: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys and no spaces: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Built in one string, without the intermediate arrays: every audit entry is written and re-checked through this.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]); // a hole is empty, as Array#map and join leave it
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // Objects built in key order need no sort (the same order: both compare UTF-16 code units).
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + quotedKey(k) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

/** JSON.stringify of a key, remembered: states repeat the same few field names. */
const quotedKeys = new Map<string, string>();
function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

/** SHA-256 as hex in one call (crypto.hash, Node >= 20.12; a Hash object before). */
export const sha256Hex: (text: string) => string =
  typeof cryptoHash === 'function' ? (text) => cryptoHash('sha256', text, 'hex') : (text) => createHash('sha256').update(text).digest('hex');

/** A field as Array#join writes it (an entry read from a package may lack one). */
const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(text(e.prev_hash) + '\n' + String(e.seq) + '\n' + text(e.at) + '\n' + text(e.action) + '\n' + text(e.entity) + '\n' + text(e.entity_id) + '\n' + text(e.payload));
}

/** The next entry after `prev` (undefined: the first). */
export function nextEntry(
  prev: { seq: number; hash: string } | undefined,
  at: string,
  action: AuditAction,
  entity: AuditEntity,
  entity_id: string,
  state: unknown,
): AuditEntry {
  return entryOf(prev, at, action, entity, entity_id, canonicalJson(state));
}

/** nextEntry with its payload already written (the state's canonical JSON). */
export function entryOf(prev: { seq: number; hash: string } | undefined, at: string, action: AuditAction, entity: AuditEntity, entity_id: string, payload: string): AuditEntry {
  const base = { seq: (prev?.seq ?? 0) + 1, at, action, entity, entity_id, payload, prev_hash: prev?.hash ?? GENESIS_HASH };
  return { ...base, hash: entryHash(base) };
}

export interface ChainProblem {
  readonly seq: number;
  readonly kind: 'hash_mismatch' | 'broken_link' | 'missing_entry' | 'out_of_order' | 'head_mismatch' | 'bad_payload';
  readonly detail: string;
}

/**
 * The chain walked one entry at a time (for a chain streamed from a file): `add` each entry in
 * storage order, then `end` with the recorded head. Keeps only the previous entry's hash and
 * sequence number, so memory stays flat in the length of the chain.
 */
export class ChainWalker {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  private last: { seq: number; hash: string } | undefined;
  entries = 0;

  /** Checks one entry; pushes its problems to `into`. Returns its parsed payload (undefined when unreadable). */
  add(e: AuditEntry, into: ChainProblem[]): { state: unknown } | undefined {
    this.entries++;
    if (e.seq !== this.expectedSeq) {
      into.push({
        seq: e.seq,
        kind: e.seq < this.expectedSeq ? 'out_of_order' : 'missing_entry',
        detail: e.seq < this.expectedSeq ? `entry ${e.seq} appears after entry ${this.expectedSeq - 1}` : `entries ${this.expectedSeq}–${e.seq - 1} are missing`,
      });
    }
    if (entryHash(e) !== e.hash) into.push({ seq: e.seq, kind: 'hash_mismatch', detail: `entry ${e.seq} (${e.action} ${e.entity} ${e.entity_id}) was changed after it was written` });
    if (e.prev_hash !== this.prevHash) into.push({ seq: e.seq, kind: 'broken_link', detail: `entry ${e.seq} does not follow the entry before it` });
    let parsed: { state: unknown } | undefined;
    try {
      parsed = { state: JSON.parse(e.payload) as unknown };
    } catch {
      into.push({ seq: e.seq, kind: 'bad_payload', detail: `entry ${e.seq} has an unreadable payload` });
    }
    this.prevHash = e.hash;
    this.expectedSeq = e.seq + 1;
    this.last = { seq: e.seq, hash: e.hash };
    return parsed;
  }

  /** After the last entry: a chain that ends before the recorded head. */
  end(head: { seq: number; hash: string } | undefined, into: ChainProblem[]): void {
    const last = this.last;
    if (head !== undefined && (last === undefined || last.seq !== head.seq || last.hash !== head.hash)) {
      into.push({
        seq: head.seq,
        kind: 'head_mismatch',
        detail: `the chain ends at entry ${last?.seq ?? 0} but the recorded head is entry ${head.seq}: entries were removed or replaced at the end`,
      });
    }
  }
}

/**
 * Walks the chain (entries as stored, in storage order) and reports every problem: an entry
 * whose content no longer matches its hash, a link to the wrong predecessor, a gap or a
 * reordering in the sequence, or a chain that ends before the recorded head.
 */
export function verifyChain(entries: readonly AuditEntry[], head: { seq: number; hash: string } | undefined): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const walker = new ChainWalker();
  for (const e of entries) walker.add(e, problems);
  walker.end(head, problems);
  return problems;
}

/** The latest state of every entity as the chain tells it (tombstones included). */
export function replay(entries: readonly AuditEntry[]): Map<string, { entity: AuditEntity; state: unknown; deleted: boolean }> {
  const out = new Map<string, { entity: AuditEntity; state: unknown; deleted: boolean }>();
  for (const e of entries) {
    let state: unknown;
    try {
      state = JSON.parse(e.payload);
    } catch {
      continue;
    }
    const key = `${e.entity}:${e.entity_id}`;
    out.set(key, { entity: e.entity, state, deleted: e.action === 'delete' });
  }
  return out;
}
