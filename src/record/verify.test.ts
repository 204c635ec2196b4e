import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, entryOf, type AuditAction, type AuditEntity, type AuditEntry } from './audit.js';
import { lastPayloads, RecordVerifier, type DigestSpill, type Finding } from './verify.js';

/**
 * The verifier keeps each logged state as its text while the texts are few, as a digest past
 * `keepText` characters, and on disk past `spillAt` entities: every way must find the same.
 */
const MODES: { name: string; opts: ConstructorParameters<typeof RecordVerifier>[0] }[] = [
  { name: 'texts', opts: {} },
  { name: 'digests', opts: { keepText: 0 } },
  { name: 'texts, then digests', opts: { keepText: 400 } },
  { name: 'spilled at once', opts: { spill: memorySpill, spillAt: 0 } },
  { name: 'texts, then spilled', opts: { spill: memorySpill, spillAt: 3 } },
  { name: 'digests, then spilled', opts: { spill: memorySpill, spillAt: 3, keepText: 0 } },
];

/** A DigestSpill in memory (the store's is a scratch table: src/store/sqlite/scratch.ts). */
function memorySpill(): DigestSpill {
  const m = new Map<string, { digest: string; base: string | undefined }>();
  return {
    set(key, digest, base) {
      const old = m.get(key);
      m.set(key, { digest, base: old?.base ?? base });
    },
    take(key) {
      const v = m.get(key);
      m.delete(key);
      return v;
    },
    keys: () => [...m.keys()],
    close: () => m.clear(),
  };
}

interface Tables {
  events?: { event: Record<string, unknown>; columns: { occurred_utc: string; import_key: string | null } }[];
  links?: { event_id: string; sha256: string }[];
  debts?: { id: string }[];
  evidence?: { sha256: string; size: number; name: string; media_type: string; added_at: string }[];
}

/** A chain of entries whose payloads are the given texts (written as they are, canonical or not). */
function chain(items: [AuditAction, AuditEntity, string, string][]): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const [action, entity, id, payload] of items) out.push(entryOf(out.at(-1), '2026-11-20T02:00:00.000Z', action, entity, id, payload));
  return out;
}

/** The walk verify-tables.ts makes, with the payloads of changed rows from a second pass. */
function verify(entries: AuditEntry[], t: Tables, opts: ConstructorParameters<typeof RecordVerifier>[0]): Finding[] {
  const v = new RecordVerifier(opts);
  for (const e of entries) v.entry(e);
  const last = entries.at(-1);
  v.endChain(last && { seq: last.seq, hash: last.hash });
  for (const { event, columns } of t.events ?? []) v.event({ ...event, evidence: [] } as never, columns);
  for (const l of t.links ?? []) v.link(l);
  for (const d of t.debts ?? []) v.row('debt', d.id, d);
  for (const f of t.evidence ?? []) v.evidence(f);
  return v.finish(lastPayloads(entries, v.needs()));
}

/** The same findings in every mode; returns them. */
function inEveryMode(entries: AuditEntry[], t: Tables): Finding[] {
  const first = verify(entries, t, MODES[0]!.opts);
  for (const m of MODES.slice(1)) assert.deepEqual(verify(entries, t, m.opts), first, m.name);
  return first;
}

const sha = (c: string): string => c.repeat(64);
const file = (c: string, size = 5) => ({ sha256: sha(c), size, name: `${c}.jpg`, media_type: 'image/jpeg', added_at: '2026-11-20T02:00:00.000Z' });
const event = { id: 'e1', kind: 'sms', occurred_at: '2026-11-20T10:00:00+08:00', time_zone: 'Asia/Shanghai', claimed: {}, contacted: 'borrower', source: 'manual', content: '请还款' };
const columns = { occurred_utc: '2026-11-20T02:00:00.000Z', import_key: null };
const debt = { id: 'd1', lender: '某平台', principal: 1000 };

/** An honest record: an event created then edited, two files added and linked, a debt. */
function honest(): { entries: AuditEntry[]; tables: Required<Tables> } {
  const edited = { ...event, notes: '后来补充' };
  const entries = chain([
    ['create', 'event', 'e1', canonicalJson(event)],
    ['evidence_add', 'evidence', sha('a'), canonicalJson(file('a'))],
    ['evidence_link', 'link', `e1/${sha('a')}`, canonicalJson({ event_id: 'e1', sha256: sha('a') })],
    ['evidence_add', 'evidence', sha('b'), canonicalJson(file('b'))],
    ['evidence_link', 'link', `e1/${sha('b')}`, canonicalJson({ event_id: 'e1', sha256: sha('b') })],
    ['create', 'debt', 'd1', canonicalJson(debt)],
    ['update', 'event', 'e1', canonicalJson(edited)],
  ]);
  return {
    entries,
    tables: {
      events: [{ event: edited, columns }],
      links: [
        { event_id: 'e1', sha256: sha('a') },
        { event_id: 'e1', sha256: sha('b') },
      ],
      debts: [debt],
      evidence: [file('a'), file('b')],
    },
  };
}

describe('RecordVerifier: states kept as text, as digests, on disk', () => {
  it('finds an honest record intact in every mode', () => {
    const { entries, tables } = honest();
    assert.deepEqual(inEveryMode(entries, tables), []);
  });

  it('compares a payload that is not canonical JSON by its state, as before (keys out of order, spaces, 5.0)', () => {
    const entries = chain([['evidence_add', 'evidence', sha('a'), ` { "size": 5.0, "sha256": "${sha('a')}", "name": "a.jpg", "media_type": "image/jpeg", "added_at": "2026-11-20T02:00:00.000Z" } `]]);
    assert.deepEqual(inEveryMode(entries, { evidence: [file('a')] }), []);
    const changed = inEveryMode(entries, { evidence: [file('a', 6)] });
    assert.deepEqual(changed, [{ kind: 'row_changed', detail: `evidence record ${sha('a')} differs from its logged state (size)` }]);
  });

  it('names the changed fields of rows edited around the program, in every mode', () => {
    const { entries, tables } = honest();
    const found = inEveryMode(entries, {
      ...tables,
      events: [{ event: { ...event, notes: 'x' }, columns }],
      debts: [{ ...debt, principal: 1 } as never],
      evidence: [file('a'), { ...file('b'), name: 'c.jpg' }],
    });
    assert.deepEqual(found, [
      { kind: 'row_changed', detail: 'event e1 differs from its last logged state (notes)' },
      { kind: 'row_changed', detail: 'debt d1 differs from its logged state (principal)' },
      { kind: 'row_changed', detail: `evidence record ${sha('b')} differs from its logged state (name)` },
    ]);
  });

  it('lists rows gone from the tables in the order first logged, and rows never logged', () => {
    const { entries, tables } = honest();
    const found = inEveryMode(entries, { ...tables, events: [], links: [{ event_id: 'e1', sha256: sha('c') }], debts: [], evidence: [file('a')] });
    assert.deepEqual(found, [
      { kind: 'row_unlogged', detail: `evidence ${sha('c')} is linked to event e1 but the link was never logged` },
      { kind: 'row_missing', detail: 'event e1 was logged but is gone from the table (deletions leave tombstones, never gaps)' },
      { kind: 'row_missing', detail: `the link e1/${sha('a')} (event/evidence) was logged but is gone from the table (deletions leave tombstones, never gaps)` },
      { kind: 'row_missing', detail: `evidence ${sha('b')} was logged but is gone from the table (deletions leave tombstones, never gaps)` },
      { kind: 'row_missing', detail: `the link e1/${sha('b')} (event/evidence) was logged but is gone from the table (deletions leave tombstones, never gaps)` },
      { kind: 'row_missing', detail: 'debt d1 was logged but is gone from the table (deletions leave tombstones, never gaps)' },
    ]);
  });

  it('compares by its state a payload read from a package that is not a string (an array whose text is JSON)', () => {
    const [e] = chain([['create', 'debt', 'd1', canonicalJson(debt)]]);
    const odd = { ...e!, payload: [canonicalJson(debt)] as unknown as string }; // its text, String([…]), is the payload
    assert.deepEqual(inEveryMode([odd], { debts: [debt] }), []);
    assert.deepEqual(inEveryMode([odd], { debts: [{ ...debt, principal: 2 }] }).map((f) => f.kind), ['row_changed']);
  });

  it('keeps the state before an unreadable payload, and reports it', () => {
    const entries = chain([
      ['evidence_add', 'evidence', sha('a'), canonicalJson(file('a'))],
      ['evidence_add', 'evidence', sha('a'), '{not json'],
    ]);
    assert.deepEqual(
      inEveryMode(entries, { evidence: [file('a')] }).map((f) => f.kind),
      ['bad_payload'],
    );
  });
});
