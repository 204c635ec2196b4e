/** `dunguard evidence add FILE --event ID`: store a recording, screenshot or PDF, linked to an event. */
import { attachEvidence } from '../service/evidence.js';
import { requireEvent } from '../service/events.js';
import { out, type Common } from './output.js';
import { say } from '../present/words.js';
import { withRecord } from '../service/record-context.js';

export function runEvidenceAdd(file: string, opts: Common & { event: string; now?: () => Date }): Promise<string> {
  return withRecord(opts.dataDir, async (ctx) => {
    await requireEvent(ctx, opts.event);
    const put = await ctx.vault.put(file);
    const record = await attachEvidence(ctx, opts.event, file, put, (opts.now ?? (() => new Date()))());
    return out(opts, record, () =>
      say(
        opts.lang,
        `${put.stored ? '已保存证据文件' : '这个文件之前已经保存过'}：${record.name}（${record.size} 字节），已关联到记录 ${opts.event}\n  文件指纹（SHA-256）：${record.sha256}`,
        `${put.stored ? 'stored' : 'already in the vault:'} ${record.sha256}  ${record.size} bytes  ${record.name} → event ${opts.event}`,
      ));
  });
}
