/** `dunguard verify`: walk the audit chain, compare the tables with it, re-hash every evidence file. */
import { verifyAll } from '../service/verify.js';
import { out, type Common } from './log.js';
import { openRecord } from '../service/record-context.js';


export async function runVerify(opts: Common): Promise<{ text: string; intact: boolean }> {
  const ctx = await openRecord(opts.dataDir);
  try {
    const report = await verifyAll(ctx);
    const findings = report.findings;
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
