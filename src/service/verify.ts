/**
 * Verifies the whole record: the audit chain, the tables against it, and every evidence
 * file re-hashed. Shared by `dunguard verify` and the API.
 */
import { verifyRecord, type VerifyReport } from '../record/verify.js';
import type { RecordContext } from './record-context.js';

export async function verifyAll(ctx: RecordContext): Promise<VerifyReport> {
  const snap = await ctx.store.snapshot();
  const findings = verifyRecord(snap);
  for (const p of await ctx.vault.verify(snap.evidence)) {
    findings.push({ kind: p.kind === 'missing' ? 'file_missing' : p.kind === 'changed' ? 'file_changed' : 'file_size_changed', detail: p.detail });
  }
  const unreferenced = await ctx.vault.unreferenced(new Set(snap.evidence.map((f) => f.sha256)));
  return {
    intact: findings.length === 0,
    entries: snap.audit.length,
    events: snap.events.length,
    evidence: snap.evidence.length,
    findings,
    notes: unreferenced.map((s) => `vault file ${s} is not part of the record (left by an interrupted add; harmless)`),
    head: snap.head,
  };
}
