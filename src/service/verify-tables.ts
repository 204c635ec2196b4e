/**
 * The record part of verify, streamed from one reader: the audit chain, and every table row
 * against its last logged state (no evidence files). No Node module: the offline app runs it
 * in the browser too; the command line and the server reach it through verify.ts.
 */
import { lastPayloads, RecordVerifier, type Finding } from '../record/verify.js';
import type { EvidenceFile } from '../record/schemas.js';
import type { RecordReader } from '../store/store.js';
import type { AuditEntry } from '../record/audit.js';

/**
 * The record part of verify, streamed from one reader: the audit chain, and every table row
 * against its last logged state (no evidence files). Export runs it on the reader it then
 * writes the package from, so what it checked is exactly what it packs.
 */
export async function verifyTablesWith(
  reader: RecordReader,
  /** The reader's evidence rows when the caller has already read them (verifyAll does, to start hashing the files). */
  evidenceRows?: EvidenceFile[],
  /** Where the verifier keeps its digests (in memory unless given: the browser's record is small). */
  verifier: ConstructorParameters<typeof RecordVerifier>[0] = {},
): Promise<{ findings: Finding[]; entries: number; events: number; evidence: EvidenceFile[] }> {
  const v = new RecordVerifier(verifier);
  try {
    if (reader.auditChunks) for await (const chunk of reader.auditChunks()) for (const e of chunk) v.entry(e);
    else for await (const e of reader.audit()) v.entry(e);
    v.endChain(reader.head);
    let events = 0;
    for await (const { event, columns } of reader.events()) {
      v.event(event, columns);
      events++;
    }
    if (reader.linkChunks) for await (const chunk of reader.linkChunks()) for (const l of chunk) v.link(l);
    else for await (const l of reader.links()) v.link(l);
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
