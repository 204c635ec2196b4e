/** `dunguard verify`: walk the audit chain, compare the tables with it, re-hash every evidence file. */
import { verifyRecord, type VerifyReport } from '../record/verify.js';
import { out, type Common } from './log.js';
import { openRecord } from './record-context.js';


export async function runVerify(opts: Common): Promise<{ text: string; intact: boolean }> {
  const ctx = await openRecord(opts.dataDir);
  try {
    const snap = await ctx.store.snapshot();
    const findings = verifyRecord(snap);
    for (const p of await ctx.vault.verify(snap.evidence)) {
      findings.push({ kind: p.kind === 'missing' ? 'file_missing' : p.kind === 'changed' ? 'file_changed' : 'file_size_changed', detail: p.detail });
    }
    const unreferenced = await ctx.vault.unreferenced(new Set(snap.evidence.map((f) => f.sha256)));
    const report: VerifyReport = {
      intact: findings.length === 0,
      entries: snap.audit.length,
      events: snap.events.length,
      evidence: snap.evidence.length,
      findings,
      notes: unreferenced.map((s) => `vault file ${s} is not part of the record (left by an interrupted add; harmless)`),
      head: snap.head,
    };
    const text = out(opts, report, () =>
      report.intact
        ? `intact: ${report.entries} audit entries, ${report.events} events, ${report.evidence} evidence files; head ${report.head?.hash ?? '-'}${report.notes.length ? '\n' + report.notes.map((n) => `note: ${n}`).join('\n') : ''}`
        : `NOT INTACT — ${findings.length} problem(s):\n${findings.map((f) => `  ${f.kind}: ${f.detail}`).join('\n')}`,
    );
    return { text, intact: report.intact };
  } finally {
    await ctx.close();
  }
}
