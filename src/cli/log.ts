/** `dunguard log add|list|show|edit|delete|import|reanalyse`: the record of calls and messages. */
import type { EventFields, StoredEvent } from '../record/schemas.js';
import { eventFields, requireEvent, type EventFlags } from '../service/events.js';
import { MAX_IMPORT_BYTES, parseImport } from '../record/import.js';
import { periodBound } from '../record/time.js';
import { safeForTerminal } from '../present/safe-text.js';
import { UserError, decodeUtf8, readFileBytes, readStdin } from './io.js';
import { withRecord as withRecordAt, type RecordContext } from '../service/record-context.js';

export type { EventFlags };

export interface Common {
  dataDir?: string;
  json: boolean;
}

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

async function textOf(flag: string | undefined): Promise<string | undefined> {
  if (flag !== '-') return flag;
  return decodeUtf8(await readStdin(), '输入');
}

async function fieldsFrom(flags: EventFlags, base?: StoredEvent): Promise<EventFields> {
  return eventFields({ ...flags, text: await textOf(flags.text) }, base);
}

export function describeEvent(e: StoredEvent & { deleted_at?: string }, full = false): string {
  const who = [e.claimed.platform, e.claimed.company, e.claimed.role, e.claimed.employee_no].filter(Boolean).join(' / ');
  const verdict = e.analysis ? ` [${e.analysis.verdict} ${Math.round(e.analysis.confidence * 100)}%]` : '';
  const head = `${e.id}  ${e.occurred_at}  ${e.kind}  ${safeForTerminal(e.number ?? '-')}${who ? '  ' + safeForTerminal(who) : ''}${e.contacted !== 'borrower' ? '  → ' + e.contacted : ''}${verdict}${e.deleted_at ? '  (deleted)' : ''}`;
  if (!full) return head + (e.content ? `\n    ${safeForTerminal(e.content.slice(0, 80).replace(/\n/g, ' '))}${e.content.length > 80 ? '…' : ''}` : '');
  const lines = [head];
  if (e.duration_s !== undefined) lines.push(`  duration: ${e.duration_s} s`);
  if (e.debt_disclosed !== undefined) lines.push(`  debt disclosed: ${e.debt_disclosed}`);
  if (e.content) lines.push(`  content: ${safeForTerminal(e.content)}`);
  if (e.notes) lines.push(`  notes: ${safeForTerminal(e.notes)}`);
  if (e.analysis) lines.push(`  signals: ${e.analysis.signals.map((s) => s.id).join(', ')}`, `  engine: rules ${e.analysis.engine.rules}, model ${e.analysis.engine.model}`);
  if (e.evidence.length) lines.push(`  evidence: ${e.evidence.join(', ')}`);
  return lines.join('\n');
}

const withRecord = <T>(c: Common, f: (ctx: RecordContext) => Promise<T>): Promise<T> => withRecordAt(c.dataDir, f);

export const out = (c: Common, value: unknown, human: () => string): string => (c.json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');

export function runLogAdd(flags: EventFlags & Common): Promise<string> {
  return withRecord(flags, async (ctx) => {
    if (flags.kind === undefined) throw bad('请用 --kind 说明类型', 'Give the kind with --kind');
    const fields = await fieldsFrom(flags);
    const e = await ctx.store.addEvent({ fields, analysis: await ctx.analyse(fields), source: 'manual' });
    return out(flags, e, () => `added ${describeEvent(e, true)}`);
  });
}

export function runLogList(opts: Common & { from?: string; to?: string; number?: string; kind?: string; all?: boolean }): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const tz = 'Asia/Shanghai';
    const from = opts.from ? (periodBound(opts.from, 'start', tz) ?? opts.from) : undefined;
    const to = opts.to ? (periodBound(opts.to, 'end', tz) ?? opts.to) : undefined;
    const list = await ctx.store.listEvents({ from, to, number: opts.number, kind: opts.kind, includeDeleted: opts.all });
    return out(opts, list, () => (list.length === 0 ? '(no events)' : list.map((e) => describeEvent(e)).join('\n')));
  });
}

export function runLogShow(id: string, opts: Common): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const e = await requireEvent(ctx, id);
    return out(opts, e, () => describeEvent(e, true));
  });
}

export function runLogEdit(id: string, flags: EventFlags & Common): Promise<string> {
  return withRecord(flags, async (ctx) => {
    const base = await requireEvent(ctx, id);
    const fields = await fieldsFrom(flags, base);
    const e = await ctx.store.updateEvent(id, fields, await ctx.analyse(fields));
    return out(flags, e, () => `changed ${describeEvent(e, true)}`);
  });
}

export function runLogDelete(id: string, opts: Common & { reason?: string }): Promise<string> {
  return withRecord(opts, async (ctx) => {
    await ctx.store.deleteEvent(id, opts.reason ?? '');
    return out(opts, { deleted: id }, () => `deleted ${id} (kept as a tombstone in the audit log)`);
  });
}

export function runLogImport(file: string, opts: Common & { format?: 'csv' | 'json'; tz?: string; skipInvalid?: boolean }): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const text = decodeUtf8(file === '-' ? await readStdin(MAX_IMPORT_BYTES, '导入文件') : await readFileBytes(file, MAX_IMPORT_BYTES, '导入文件'), '导入文件');
    const parsed = parseImport(text, { format: opts.format, timeZone: opts.tz });
    if (parsed.problems.length > 0 && !opts.skipInvalid) {
      const report = { imported: 0, problems: parsed.problems };
      if (opts.json) return JSON.stringify(report, null, 2) + '\n';
      throw new UserError(
        'BAD_INPUT',
        `${parsed.problems.length} 行有误，未导入任何内容（加 --skip-invalid 只导入正确的行）：\n${parsed.problems.slice(0, 20).map((p) => `  第 ${p.line} 行：${p.error}`).join('\n')}`,
        `${parsed.problems.length} rows are invalid; nothing was imported (add --skip-invalid to import the valid rows):\n${parsed.problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.error}`).join('\n')}`,
      );
    }
    const rows = [];
    for (const r of parsed.rows) rows.push({ fields: r.fields, analysis: await ctx.analyse(r.fields), source: `import:${parsed.format}`, importKey: r.key });
    const result = await ctx.store.importEvents(rows);
    const summary = { imported: result.added.length, skipped_existing: result.skipped, problems: parsed.problems };
    return out(opts, summary, () =>
      [`imported ${result.added.length} events, ${result.skipped} already in the record`, ...parsed.problems.map((p) => `  skipped line ${p.line}: ${p.error}`)].join('\n'),
    );
  });
}

export function runLogReanalyse(opts: Common): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const engine = await ctx.engine();
    let changed = 0;
    for (const e of await ctx.store.listEvents()) {
      const a = await ctx.analyse(e);
      if (a === null) continue;
      const same = e.analysis && e.analysis.engine.rules === engine.rules.meta.version && e.analysis.engine.model === engine.model.version && e.analysis.engine.law === engine.law.file.version;
      if (same) continue;
      await ctx.store.setAnalysis(e.id, a);
      changed++;
    }
    return out(opts, { reanalysed: changed }, () => `re-analysed ${changed} events with rules ${engine.rules.meta.version}`);
  });
}

