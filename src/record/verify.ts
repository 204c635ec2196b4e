/**
 * Verification of a record: the audit chain must be intact, and the tables must hold
 * exactly the state the chain describes — so an edit made to the event or evidence tables
 * around the program is found too. Pure: a snapshot in, a list of findings out; the vault's
 * file checks are added by the adapter.
 */
import { canonicalJson, replay, verifyChain, type AuditEntry, type ChainProblem } from './audit.js';
import type { EvidenceFile, StoredEvent } from './schemas.js';

export interface Finding {
  readonly kind: ChainProblem['kind'] | 'row_changed' | 'row_missing' | 'row_unlogged' | 'file_missing' | 'file_changed' | 'file_size_changed';
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

export function verifyRecord(snapshot: {
  events: readonly StoredEvent[];
  links?: readonly { event_id: string; sha256: string }[];
  debts?: readonly { id: string }[];
  lpr?: readonly { month: string }[];
  profile?: object | undefined;
  evidence: readonly EvidenceFile[];
  audit: readonly AuditEntry[];
  head: { seq: number; hash: string } | undefined;
}): Finding[] {
  const findings: Finding[] = verifyChain(snapshot.audit, snapshot.head).map((p) => ({ kind: p.kind, detail: p.detail }));
  const expected = replay(snapshot.audit);
  const seen = new Set<string>();
  for (const full of snapshot.events) {
    const { evidence: _links, ...e } = full; // links are checked on their own below
    const key = `event:${e.id}`;
    seen.add(key);
    const want = expected.get(key);
    if (want === undefined) findings.push({ kind: 'row_unlogged', detail: `event ${e.id} is in the table but was never logged` });
    else if (canonicalJson(want.state) !== canonicalJson(e)) findings.push({ kind: 'row_changed', detail: `event ${e.id} differs from its last logged state (${diffKeys(want.state, e).join(', ')})` });
  }
  const links = snapshot.links ?? snapshot.events.flatMap((e) => e.evidence.map((sha256) => ({ event_id: e.id, sha256 })));
  for (const l of links) {
    const key = `link:${l.event_id}/${l.sha256}`;
    seen.add(key);
    if (!expected.has(key)) findings.push({ kind: 'row_unlogged', detail: `evidence ${l.sha256} is linked to event ${l.event_id} but the link was never logged` });
  }
  for (const [entity, rows, idOf] of [
    ['debt', snapshot.debts ?? [], (r: { id?: string; month?: string }) => r.id!],
    ['lpr', snapshot.lpr ?? [], (r: { id?: string; month?: string }) => r.month!],
    ['profile', snapshot.profile ? [snapshot.profile] : [], () => 'me'],
  ] as const) {
    for (const r of rows as readonly { id?: string; month?: string }[]) {
      const key = `${entity}:${idOf(r)}`;
      seen.add(key);
      const want = expected.get(key);
      if (want === undefined) findings.push({ kind: 'row_unlogged', detail: `${entity} ${idOf(r)} is in the table but was never logged` });
      else if (canonicalJson(want.state) !== canonicalJson(r)) findings.push({ kind: 'row_changed', detail: `${entity} ${idOf(r)} differs from its logged state (${diffKeys(want.state, r).join(', ')})` });
    }
  }
  for (const f of snapshot.evidence) {
    const key = `evidence:${f.sha256}`;
    seen.add(key);
    const want = expected.get(key);
    if (want === undefined) findings.push({ kind: 'row_unlogged', detail: `evidence ${f.sha256} is in the table but was never logged` });
    else if (canonicalJson(want.state) !== canonicalJson(f)) findings.push({ kind: 'row_changed', detail: `evidence record ${f.sha256} differs from its logged state (${diffKeys(want.state, f).join(', ')})` });
  }
  for (const key of expected.keys()) {
    if (!seen.has(key)) {
      const what = key.startsWith('link:') ? `the link ${key.slice(5)} (event/evidence)` : key.replace(':', ' ');
      findings.push({ kind: 'row_missing', detail: `${what} was logged but is gone from the table (deletions leave tombstones, never gaps)` });
    }
  }
  return findings;
}

function diffKeys(a: unknown, b: unknown): string[] {
  const ao = (a ?? {}) as Record<string, unknown>;
  const bo = (b ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  return [...keys].filter((k) => canonicalJson(ao[k]) !== canonicalJson(bo[k])).sort();
}
