/**
 * Verifies the whole record: the audit chain, the tables against it, and every evidence
 * file re-hashed. Shared by `dunguard verify` and the API. The record is streamed (see
 * RecordReader): memory stays flat in the number of events, and the event loop is given
 * way every few thousand rows, so a server keeps answering while it verifies.
 */
import { lastPayloads, RecordVerifier, SPILL_DIGESTS_AT, type Finding, type VerifyReport } from '../record/verify.js';
import type { EvidenceFile } from '../record/schemas.js';
import type { RecordReader } from '../store/store.js';
import type { AuditEntry } from '../record/audit.js';
import type { RecordContext } from './record-context.js';
import { digestSpill, spillAt } from '../store/sqlite/scratch.js';

/**
 * The record part of verify, streamed from one reader: the audit chain, and every table row
 * against its last logged state (no evidence files). Export runs it on the reader it then
 * writes the package from, so what it checked is exactly what it packs.
 */
export async function verifyTables(
  reader: RecordReader,
  /** The reader's evidence rows when the caller has already read them (verifyAll does, to start hashing the files). */
  evidenceRows?: EvidenceFile[],
): Promise<{ findings: Finding[]; entries: number; events: number; evidence: EvidenceFile[] }> {
  // Past SPILL_DIGESTS_AT entities the digests go to a scratch table on disk: memory stays flat.
  const v = new RecordVerifier({ spill: digestSpill, spillAt: spillAt(SPILL_DIGESTS_AT) });
  try {
    for await (const e of reader.audit()) v.entry(e);
    v.endChain(reader.head);
    let events = 0;
    for await (const { event, columns } of reader.events()) {
      v.event(event, columns);
      events++;
    }
    for await (const l of reader.links()) v.link(l);
    for (const d of await reader.debts()) v.row('debt', d.id, d);
    for (const r of await reader.lpr()) v.row('lpr', r.month, r);
    const profile = await reader.profile();
    if (profile) v.row('profile', 'me', profile);
    for (const t of await reader.tags()) v.row('tag', t.number, t);
    const evidence = evidenceRows ?? (await reader.evidence());
    for (const f of evidence) v.evidence(f);
    const wanted = v.needs();
    const payloads = new Map<string, string>();
    if (wanted.size > 0) {
      // Only when rows differ: a second walk fetches their last logged states to name the changed fields.
      const chunk: AuditEntry[] = [];
      for await (const e of reader.audit()) {
        chunk.push(e);
        if (chunk.length >= 2000) lastPayloads(chunk.splice(0), wanted, payloads);
      }
      lastPayloads(chunk, wanted, payloads);
    }
    return { findings: v.finish(payloads), entries: v.entries, events, evidence };
  } finally {
    v.close();
  }
}

export async function verifyAll(ctx: RecordContext): Promise<VerifyReport> {
  const reader = await ctx.store.openReader();
  try {
    // The files are hashed (in worker threads), and the vault listed for files no record
    // refers to, while the chain and the tables are walked here (the evidence rows read once).
    const rows = await reader.evidence();
    const files = ctx.vault.verify(rows);
    files.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const stray = ctx.vault.unreferenced(new Set(rows.map((f) => f.sha256)));
    stray.catch(() => undefined);
    const { findings, entries, events, evidence } = await verifyTables(reader, rows);
    for (const p of await files) {
      findings.push({ kind: p.kind === 'missing' ? 'file_missing' : p.kind === 'changed' ? 'file_changed' : 'file_size_changed', detail: p.detail });
    }
    const unreferenced = await stray;
    const { kept } = await ctx.vault.cleanTemp();
    const cleaned = ctx.vault.cleaned;
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    const notes = unreferenced.map((s) => `vault file ${s} is not part of the record (left by an interrupted add; harmless)`);
    if (cleaned.length > 0) {
      notes.push(`removed ${cleaned.length} temporary file(s) (${mb(cleaned.reduce((n, f) => n + f.size, 0))} MB) left in the vault by an interrupted evidence add: ${cleaned.map((f) => f.name).join(', ')}`);
    }
    if (kept.length > 0) notes.push(`${kept.length} temporary file(s) in the vault are being written by a running dunguard (kept): ${kept.map((f) => f.name).join(', ')}`);
    return {
      intact: findings.length === 0,
      entries,
      events,
      evidence: evidence.length,
      findings,
      notes,
      head: reader.head,
    };
  } finally {
    await reader.close();
  }
}
