/** `dunguard evidence add FILE --event ID`: store a recording, screenshot or PDF, linked to an event. */
import { attachEvidence } from '../service/evidence.js';
import { requireEvent } from '../service/events.js';
import { out, type Common } from './log.js';
import { withRecord } from '../service/record-context.js';

export function runEvidenceAdd(file: string, opts: Common & { event: string; now?: () => Date }): Promise<string> {
  return withRecord(opts.dataDir, async (ctx) => {
    await requireEvent(ctx, opts.event);
    const put = await ctx.vault.put(file);
    const record = await attachEvidence(ctx, opts.event, file, put, (opts.now ?? (() => new Date()))());
    return out(opts, record, () => `${put.stored ? 'stored' : 'already in the vault:'} ${record.sha256}  ${record.size} bytes  ${record.name} → event ${opts.event}`);
  });
}
