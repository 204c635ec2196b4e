/** `dunguard evidence add FILE --event ID`: store a recording, screenshot or PDF, linked to an event. */
import { extname } from 'node:path';
import { printable } from '../store/vault.js';
import { UserError } from './io.js';
import { out, type Common } from './log.js';
import { withRecord } from '../service/record-context.js';

const TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.amr': 'audio/amr', '.wav': 'audio/wav', '.aac': 'audio/aac', '.ogg': 'audio/ogg',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.heic': 'image/heic', '.gif': 'image/gif',
  '.pdf': 'application/pdf', '.txt': 'text/plain', '.mp4': 'video/mp4', '.mov': 'video/quicktime',
};

export function runEvidenceAdd(file: string, opts: Common & { event: string; now?: () => Date }): Promise<string> {
  return withRecord(opts.dataDir, async (ctx) => {
    if ((await ctx.store.getEvent(opts.event)) === undefined) throw new UserError('NOT_FOUND', `找不到记录 ${opts.event}`, `No event ${opts.event}`);
    const put = await ctx.vault.put(file);
    const record = {
      sha256: put.sha256,
      size: put.size,
      name: printable(file),
      media_type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      added_at: (opts.now ?? (() => new Date()))().toISOString(),
    };
    const { added } = await ctx.store.addEvidence(record, opts.event);
    return out(opts, { ...record, new_file: put.stored || added }, () => `${put.stored ? 'stored' : 'already in the vault:'} ${record.sha256}  ${record.size} bytes  ${record.name} → event ${opts.event}`);
  });
}
