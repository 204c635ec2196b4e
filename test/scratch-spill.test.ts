/**
 * Verify, export and verify-package over a large record move their per-entity digests and the
 * report's contacts to scratch tables on disk (src/store/sqlite/scratch.ts,
 * contact-scratch.ts) past a threshold, so memory stays flat. The results must be exactly the
 * ones the in-memory paths give: the report, byte for byte, over random contacts; the
 * verifier's findings over a tampered record. The attack suite of verify-package and the
 * byte-for-byte export tests are run again with every check through the scratch tables
 * (test/package-verify-spilled.test.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { describe, it } from 'node:test';
import { nextEntry, type AuditEntry } from '../src/record/audit.js';
import { analyseHarassment, analyseReport, ContactCollector, streamedReport, type ContactInput } from '../src/record/harassment.js';
import { reportHtml, reportHtmlParts, reportJsonParts } from '../src/record/report-text.js';
import { lastPayloads, RecordVerifier } from '../src/record/verify.js';
import type { EvidenceFile, StoredEvent } from '../src/record/schemas.js';
import { LawTable } from '../src/engine/law.js';
import { loadData } from '../src/data/load.js';
import { contactSpill } from '../src/store/sqlite/contact-scratch.js';
import { digestSpill } from '../src/store/sqlite/scratch.js';

const data = await loadData();
const law = new LawTable(data.law);

/** A small deterministic generator (the same contacts on every run). */
function random(seed: number): { r: () => number; pick: <T>(a: readonly T[]) => T } {
  let s = seed;
  const r = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return { r, pick: (a) => a[Math.floor(r() * a.length)]! };
}

function contacts(seed: number, n: number): ContactInput[] {
  const { r, pick } = random(seed);
  const base = Date.parse('2026-10-01T00:00:00Z');
  const span = pick([1, 3, 20, 60]) * 86_400_000;
  const signal = [
    { id: 'THREAT', category: 'violation', weight: 3 },
    { id: 'THREAT_B', category: 'violation', weight: 3 },
    { id: 'INSULT', category: 'violation', weight: 2 },
    { id: 'SCAM_X', category: 'scam', weight: 6 },
    { id: 'weak', category: 'scam', weight: 2 },
  ];
  const out: ContactInput[] = [];
  for (let i = 0; i < n; i++) {
    // Times on a 10-minute grid: many ties, kept in the order added.
    const at = base + Math.floor((r() * span) / 600_000) * 600_000;
    out.push({
      id: `e${i}-${Math.floor(r() * 1e6)}`,
      kind: pick(['call_incoming', 'call_missed', 'call_unanswered', 'sms', 'third_party', 'call_missed']),
      occurred_at: new Date(at).toISOString(),
      time_zone: pick(['Asia/Shanghai', 'Asia/Shanghai', 'UTC', 'America/New_York']),
      number: pick([undefined, '', '13800000001', '13800000002', '13800000003', '13800000004']),
      claimed: pick([{}, { platform: 'A' }, { company: 'B' }, { platform: '' }, { platform: 'C' }]),
      contacted: pick(['borrower', 'borrower', 'borrower', 'family', 'employer']),
      debt_disclosed: r() < 0.5,
      analysis: r() < 0.5 ? null : { verdict: pick(['scam', 'legit', 'violation']), signals: r() < 0.4 ? [pick(signal), pick(signal)] : [] },
    });
  }
  return out;
}

describe('the report over contacts on disk', () => {
  it('is byte for byte the report analyseHarassment gives (random contacts, every kind of finding)', async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const events = contacts(seed, seed === 1 ? 0 : Math.floor(random(seed).r() * 400) + 1);
      const want = analyseHarassment(events, data.harassment, law);
      for (const f of want.findings) seen.add(f.id.replace(/^TEXT:.*/, 'TEXT'));
      const c = new ContactCollector(data.harassment.timezone, { spill: contactSpill, spillAt: 0 });
      try {
        for (const e of events) c.add(e);
        assert.equal(c.spilledTo !== undefined, events.length > 0);
        const got = await analyseReport(c, data.harassment, law);
        const when = '2026-11-29T10:00:00Z';
        assert.equal([...reportJsonParts(got)].join(''), JSON.stringify(want, null, 2) + '\n', `report.json, seed ${seed}`);
        assert.equal([...reportHtmlParts(got, when)].join(''), reportHtml(want, when), `report.html, seed ${seed}`);
      } finally {
        c.close();
      }
    }
    assert.deepEqual([...seen].sort(), ['CONNECTED_OVER_LIMIT', 'ESCALATION', 'LIKELY_SCAM', 'NIGHT_CONTACT', 'TEXT', 'THIRD_PARTY_CONTACT', 'UNANSWERED_OVER_LIMIT', 'US_REG_F_7_IN_7']);
  });

  it('in memory, its pieces are JSON.stringify and reportHtml', () => {
    const r = analyseHarassment(contacts(99, 300), data.harassment, law);
    assert.equal([...reportJsonParts(streamedReport(r))].join(''), JSON.stringify(r, null, 2) + '\n');
    const none = analyseHarassment([], data.harassment, law);
    assert.equal([...reportJsonParts(streamedReport(none))].join(''), JSON.stringify(none, null, 2) + '\n');
  });
});

describe('the verifier with its digests on disk', () => {
  const events: StoredEvent[] = [];
  const audit: AuditEntry[] = [];
  let prev: AuditEntry | undefined;
  const log = (action: AuditEntry['action'], entity: AuditEntry['entity'], id: string, state: unknown): void => {
    prev = nextEntry(prev, '2026-11-20T10:00:00Z', action, entity, id, state);
    audit.push(prev);
  };
  for (let i = 0; i < 60; i++) {
    const e = { id: `ev${i}`, kind: 'sms', occurred_at: '2026-11-20T10:00:00+08:00', time_zone: 'Asia/Shanghai', claimed: {}, contacted: 'borrower', content: `第${i}条`, source: i % 3 === 0 ? 'import:csv' : 'cli', evidence: [] } as unknown as StoredEvent;
    const { evidence: _e, ...state } = e;
    log('create', 'event', e.id, state);
    if (i % 7 === 0) log('update', 'event', e.id, { ...state, notes: 'x' });
    events.push(i % 7 === 0 ? ({ ...e, notes: 'x' } as StoredEvent) : e);
  }
  const file: EvidenceFile = { sha256: 'a'.repeat(64), name: 'a.mp3', size: 3 } as EvidenceFile;
  log('evidence_add', 'evidence', file.sha256, file);
  log('evidence_link', 'link', `ev1/${file.sha256}`, { event_id: 'ev1', sha256: file.sha256 });

  const run = (v: RecordVerifier, rows: StoredEvent[], links: { event_id: string; sha256: string }[], columns = true): unknown[] => {
    for (const e of audit) v.entry(e);
    v.endChain(prev && { seq: prev.seq, hash: prev.hash });
    for (const e of rows) v.event(e, columns ? { occurred_utc: '2026-11-20T02:00:00.000Z', import_key: e.id === 'ev3' ? 'csv:forged' : null } : undefined);
    for (const l of links) v.link(l);
    v.evidence(file);
    return v.finish(lastPayloads(audit, v.needs()));
  };

  it('finds exactly what it finds in memory: changed, missing, unlogged rows, links and import keys', () => {
    const tampered = events.filter((e) => e.id !== 'ev5').map((e) => (e.id === 'ev8' ? ({ ...e, content: '改' } as StoredEvent) : e));
    tampered.push({ ...events[2]!, id: 'ev-new' } as StoredEvent);
    const links = [{ event_id: 'ev2', sha256: file.sha256 }];
    const want = run(new RecordVerifier(), tampered, links);
    const spilled = new RecordVerifier({ spill: digestSpill, spillAt: 10 });
    const got = run(spilled, tampered, links);
    assert.ok(want.length >= 6, JSON.stringify(want));
    assert.deepEqual(got, want);
    assert.equal(spilled.isSpilled, false, 'closed by finish');
    // Intact: nothing either way.
    assert.deepEqual(run(new RecordVerifier({ spill: digestSpill, spillAt: 0 }), events, [{ event_id: 'ev1', sha256: file.sha256 }], false), []);
  });

  it('keeps its scratch file where no other process can open it by name, and frees it', () => {
    const open = (): string[] => {
      try {
        return readdirSync('/proc/self/fd').map((f) => {
          try {
            return readlinkSync(`/proc/self/fd/${f}`);
          } catch {
            return '';
          }
        });
      } catch {
        return [];
      }
    };
    const v = new RecordVerifier({ spill: digestSpill, spillAt: 0 });
    // SQLite writes the file once its 8 MB cache is full: enough long keys to fill it.
    const many: AuditEntry[] = [];
    let p: AuditEntry | undefined;
    for (let i = 0; i < 60_000; i++) many.push((p = nextEntry(p, '2026-11-20T10:00:00Z', 'create', 'event', `e${i}-${'k'.repeat(200)}`, { n: i })));
    for (const e of many) v.entry(e);
    assert.ok(v.isSpilled);
    const files = open().filter((l) => l.includes('etilqs'));
    if (process.platform === 'linux') assert.ok(files.length > 0 && files.every((l) => l.endsWith('(deleted)')), files.join(', '));
    v.close();
    assert.equal(open().filter((l) => l.includes('etilqs')).length, 0);
  });
});
