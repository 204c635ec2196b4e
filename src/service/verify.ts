/**
 * Verifies the whole record: the audit chain, the tables against it, and every evidence
 * file re-hashed. Shared by `dunguard verify` and the API. The record is streamed (see
 * RecordReader): memory stays flat in the number of events, and the event loop is given
 * way every few thousand rows, so a server keeps answering while it verifies.
 */
import { SPILL_DIGESTS_AT, type VerifyReport } from '../record/verify.js';
import { verifyTablesWith } from './verify-tables.js';
import type { EvidenceFile } from '../record/schemas.js';
import type { RecordReader } from '../store/store.js';
import type { RecordContext } from './record-context.js';
import { digestSpill, spillAt } from '../store/sqlite/scratch.js';
import { Vault } from '../store/vault.js';

/**
 * The record part of verify, streamed from one reader (see verify-tables.ts), its digests moved
 * to a scratch table on disk past SPILL_DIGESTS_AT entities: memory stays flat.
 */
export const verifyTables = (reader: RecordReader, evidenceRows?: EvidenceFile[]): ReturnType<typeof verifyTablesWith> =>
  verifyTablesWith(reader, evidenceRows, { spill: digestSpill, spillAt: spillAt(SPILL_DIGESTS_AT) });

/**
 * `knownEntries`: how many audit entries something outside the record saw it hold (the hosted
 * directory's last summary of a case): fewer now means entries were lost with the chain still
 * whole, as when a case's schema is dropped and made again empty, or its tail cut off.
 */
export async function verifyAll(ctx: Pick<RecordContext, 'store' | 'vault'>, opts: { knownEntries?: number } = {}): Promise<VerifyReport> {
  // A record removed or replaced while open (a server keeps the old file open and would verify it).
  if (ctx.store.stillThere !== undefined && !(await ctx.store.stillThere())) {
    return { intact: false, entries: 0, events: 0, evidence: 0, findings: [{ kind: 'record_missing', detail: 'the record\'s database was removed or replaced after it was opened' }], notes: [], head: undefined };
  }
  const reader = await ctx.store.openReader();
  // A hashing worker started before the evidence rows are read: it starts up and lists the vault meanwhile.
  const early = ctx.vault instanceof Vault ? ctx.vault.startHashing() : undefined;
  try {
    // The files are hashed (in worker threads), and the vault listed for files no record
    // refers to, while the chain and the tables are walked here (the evidence rows read once).
    // Once the walk is done, this thread hashes files too (from the same queue as the workers).
    const rows = await reader.evidence();
    let walked!: () => void;
    const walk = new Promise<void>((resolve) => (walked = resolve));
    // The vault listed for stray files by the hashing worker when there is one (Vault.verifyListing), else here meanwhile.
    const known = new Set(rows.map((f) => f.sha256));
    const vault = ctx.vault;
    const checked =
      vault instanceof Vault
        ? vault.verifyListing(rows, known, { helpAfter: walk, early })
        : Promise.all([vault.verify(rows, { helpAfter: walk }), vault.unreferenced(known)]).then(([problems, unreferenced]) => ({ problems, unreferenced }));
    checked.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    let tables: Awaited<ReturnType<typeof verifyTables>>;
    try {
      tables = await verifyTables(reader, rows);
    } finally {
      walked();
    }
    const { findings, entries, events, evidence } = tables;
    if (opts.knownEntries !== undefined && (reader.head?.seq ?? 0) < opts.knownEntries) {
      findings.push({ kind: 'record_missing', detail: `the record was seen with ${opts.knownEntries} audit entries and now ends at ${reader.head?.seq ?? 0}: entries were removed` });
    }
    const { problems, unreferenced: stray } = await checked;
    for (const p of problems) {
      findings.push({ kind: p.kind === 'missing' ? 'file_missing' : p.kind === 'changed' ? 'file_changed' : 'file_size_changed', detail: p.detail });
    }
    const unreferenced = stray ?? [];
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
    early?.cancel(); // unless it was given the files
    await reader.close();
  }
}
