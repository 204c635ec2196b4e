/** `dunguard log add|list|show|edit|delete|import|reanalyse`: the record of calls and messages. */
import { signalTitles } from '../data/signal-titles.js';
import type { EventFields, StoredEvent } from '../record/schemas.js';
import { eventByPrefix, eventFields, inFuture, requireEvent, type EventFlags } from '../service/events.js';
import { MAX_IMPORT_BYTES, parseImport } from '../record/import.js';
import { shownTime } from '../record/time.js';
import { readPeriod } from '../service/period.js';
import { CONTACTED_LABEL, EVENT_KIND_LABEL, toldLabel } from '../record/labels.js';
import { safeForTerminal } from '../present/safe-text.js';
import { say, type Lang } from '../present/words.js';
import type { Bilingual } from '../engine/schemas/common.js';
import { UserError, decodeUtf8, readFileBytes, readStdin } from './io.js';
import { withRecord as withRecordAt, type RecordContext } from '../service/record-context.js';
import { out, type Common } from './output.js';

export type { EventFlags };

export { out, type Common };

const bad = (zh: string, en: string): UserError => new UserError('BAD_INPUT', zh, en);

async function textOf(flag: string | undefined): Promise<string | undefined> {
  if (flag !== '-') return flag;
  return decodeUtf8(await readStdin(), '输入');
}

async function fieldsFrom(flags: EventFlags & { allowFuture?: boolean }, base?: StoredEvent): Promise<EventFields> {
  return eventFields({ ...flags, text: await textOf(flags.text) }, base, {
    allowFuture: flags.allowFuture,
    howToAllow: { zh: '如果确实无误，请加上 --allow-future 再运行。', en: 'If it is right, run again with --allow-future.' },
  });
}

/** Titles of the signals a check can fire, for showing why instead of internal ids. */
export type SignalTitles = ReadonlyMap<string, Bilingual>;

export function describeEvent(e: StoredEvent & { deleted_at?: string }, full = false, lang: Lang = 'zh', o: { verbose?: boolean; titles?: SignalTitles } = {}): string {
  const w = (zh: string, en: string): string => say(lang, zh, en);
  const who = [e.claimed.platform, e.claimed.company, e.claimed.role, e.claimed.employee_no].filter(Boolean).join(' / ');
  const told = e.analysis ? toldLabel(e.analysis, lang) : undefined;
  const verdict = e.analysis && told ? ` [${told.label}${told.sure ? (lang === 'zh' ? `（${told.sure}）` : ` (${told.sure})`) : ''} ${Math.round(e.analysis.confidence * 100)}%]` : '';
  const contacted = e.contacted !== 'borrower' ? `  → ${CONTACTED_LABEL[e.contacted][lang]}` : '';
  const head = `${e.id}  ${shownTime(e.occurred_at, e.time_zone)}  ${EVENT_KIND_LABEL[e.kind][lang]}  ${safeForTerminal(e.number ?? '-')}${who ? '  ' + safeForTerminal(who) : ''}${contacted}${verdict}${e.deleted_at ? w('  （已删除）', '  (deleted)') : ''}`;
  if (!full) return head + (e.content ? `\n    ${safeForTerminal(e.content.slice(0, 80).replace(/\n/g, ' '))}${e.content.length > 80 ? '…' : ''}` : '');
  const lines = [head];
  if (e.duration_s !== undefined) lines.push(w(`  通话时长：${e.duration_s} 秒`, `  duration: ${e.duration_s} s`));
  if (e.debt_disclosed !== undefined) lines.push(w(`  是否透露了欠款：${e.debt_disclosed ? '是' : '否'}`, `  debt disclosed: ${e.debt_disclosed ? 'yes' : 'no'}`));
  if (e.content) lines.push(w(`  内容：${safeForTerminal(e.content)}`, `  content: ${safeForTerminal(e.content)}`));
  if (e.notes) lines.push(w(`  备注：${safeForTerminal(e.notes)}`, `  notes: ${safeForTerminal(e.notes)}`));
  if (e.analysis) {
    const why = e.analysis.signals.map((s) => {
      // The model's contribution reads differently for and against a scam.
      const title = (s.weight < 0 ? o.titles?.get(`${s.id}:against`) : undefined)?.[lang] ?? o.titles?.get(s.id)?.[lang];
      return o.verbose ? `${title ?? ''}${title ? ' ' : ''}[${s.id}]` : title;
    }).filter((x): x is string => x !== undefined && x !== '');
    const unique = [...new Set(why)];
    if (unique.length) lines.push(w(`  判断依据：${unique.join('；')}`, `  why: ${unique.join('; ')}`));
    if (o.verbose) lines.push(w(`  规则版本：${e.analysis.engine.rules}，模型 ${e.analysis.engine.model}`, `  engine: rules ${e.analysis.engine.rules}, model ${e.analysis.engine.model}`));
  }
  if (e.evidence.length) lines.push(w(`  证据文件（SHA-256）：${e.evidence.join('，')}`, `  evidence (SHA-256): ${e.evidence.join(', ')}`));
  return lines.join('\n');
}

/** Signal titles from the record's data: rules, the model's contribution. */
function titlesOf(ctx: RecordContext): SignalTitles {
  const m = signalTitles(ctx.data);
  m.set('MODEL.SCAM_CLASSIFIER', ctx.data.meta.model_signal.for_scam.title);
  m.set('MODEL.SCAM_CLASSIFIER:against', ctx.data.meta.model_signal.against_scam.title);
  return m;
}

const withRecord = <T>(c: Common, f: (ctx: RecordContext) => Promise<T>, opts: { existing?: boolean } = {}): Promise<T> => withRecordAt(c.dataDir, f, opts);


export async function runLogAdd(flags: EventFlags & Common & { allowFuture?: boolean; image?: string }): Promise<string> {
  if (flags.kind === undefined) throw bad('请用 --kind 说明是哪种联系，例如 --kind sms（短信）或 --kind call_incoming（来电）', 'Give the kind with --kind, e.g. --kind sms or --kind call_incoming');
  // A screenshot: its text (unless --text is given) and the file itself as the event's evidence.
  const shot = flags.image === undefined ? undefined : await (await import('./image.js')).readScreenshot(flags.image);
  return withRecord(flags, async (ctx) => {
    const fields = await fieldsFrom(shot !== undefined && flags.text === undefined ? { ...flags, text: shot.ocr.text } : flags);
    // The same contact typed twice counts twice in the report: said, not refused (a dialler may
    // well call twice in one minute from one number).
    const same = (await ctx.store.listEvents({ from: fields.occurred_at, to: fields.occurred_at })).find(
      (x) => x.kind === fields.kind && x.number === fields.number && (x.content ?? '') === (fields.content ?? ''),
    );
    let e = await ctx.store.addEvent({ fields, analysis: await ctx.analyse(fields), source: 'manual' });
    if (shot !== undefined && flags.image !== undefined) {
      const { attachEvidence } = await import('../service/evidence.js');
      await attachEvidence(ctx, e.id, flags.image, await ctx.vault.put(flags.image), new Date());
      e = await requireEvent(ctx, e.id);
    }
    const recognised = shot !== undefined && flags.text === undefined && !flags.json ? (await import('./image.js')).describeRecognised(shot.ocr, flags.lang ?? 'zh') : '';
    const twice = same === undefined ? '' : say(flags.lang, `\n注意：记录里已有一条时间、号码和内容都相同的记录（${same.id}）。如果是重复录入，请删除这一条：dunguard log delete ${e.id} --reason 重复录入`, `\nNote: the record already has one with the same time, number and text (${same.id}). If this was typed twice, delete this one: dunguard log delete ${e.id} --reason duplicate`);
    return out(flags, e, () => `${recognised}${say(flags.lang, '已记录', 'added')} ${describeEvent(e, true, flags.lang, { verbose: flags.verbose, titles: titlesOf(ctx) })}${twice}`);
  });
}

export function runLogList(opts: Common & { from?: string; to?: string; number?: string; kind?: string; all?: boolean }): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const { from, to } = readPeriod(opts.from, opts.to, ['--from', '--to']);
    const list = await ctx.store.listEvents({ from, to, number: opts.number, kind: opts.kind, includeDeleted: opts.all });
    return out(opts, list, () => (list.length === 0 ? say(opts.lang, '（没有记录）', '(no events)') : list.map((e) => describeEvent(e, false, opts.lang)).join('\n')));
  }, { existing: true });
}

export function runLogShow(id: string, opts: Common): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const e = await eventByPrefix(ctx, id);
    return out(opts, e, () => describeEvent(e, true, opts.lang, { verbose: opts.verbose, titles: titlesOf(ctx) }));
  }, { existing: true });
}

export function runLogEdit(id: string, flags: EventFlags & Common & { allowFuture?: boolean }): Promise<string> {
  return withRecord(flags, async (ctx) => {
    const base = await eventByPrefix(ctx, id);
    const given: (keyof EventFlags)[] = ['kind', 'at', 'tz', 'number', 'company', 'platform', 'employeeNo', 'role', 'contacted', 'disclosed', 'duration', 'text', 'notes'];
    if (given.every((k) => flags[k] === undefined)) {
      // Nothing to change: no "changed" and no audit entry for it.
      throw new UserError('NOTHING_TO_CHANGE', '没有要修改的内容：请给出要改的项，例如 --notes 或 --at（见 dunguard log edit --help）。', 'Nothing to change: give what to change, e.g. --notes or --at (see dunguard log edit --help).');
    }
    const fields = await fieldsFrom(flags, base);
    const e = await ctx.store.updateEvent(base.id, fields, await ctx.analyse(fields));
    return out(flags, e, () => `${say(flags.lang, '已修改', 'changed')} ${describeEvent(e, true, flags.lang, { verbose: flags.verbose, titles: titlesOf(ctx) })}`);
  });
}

export function runLogDelete(id: string, opts: Common & { reason?: string }): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const { id: full } = await eventByPrefix(ctx, id);
    await ctx.store.deleteEvent(full, opts.reason ?? '');
    return out(opts, { deleted: full }, () => say(opts.lang, `已删除 ${full}（删除操作本身保留在审计日志里，原记录可以查证）`, `deleted ${full} (kept as a tombstone in the audit log)`));
  });
}

/** An import problem (English in the record's stable form) in the person's language. */
export function problemText(error: string, lang: Lang = 'zh'): string {
  if (lang === 'en') return error;
  let m: RegExpExecArray | null;
  if ((m = /^unknown time zone "(.*)"$/.exec(error))) return `不认识的时区“${m[1]}”`;
  if (error === 'no kind/type column value') return '缺少类型（来电、短信等）';
  if (error === 'empty file') return '文件是空的，没有可以导入的记录';
  if ((m = /^unknown kind "(.*)"$/.exec(error))) return `不认识的类型“${m[1]}”（可用：来电、去电、未接、拒接、短信，或 call_incoming、sms 等）`;
  if (error === 'no time') return '缺少时间';
  if ((m = /^the time "(.*)" does not exist in (.*) \(the clocks skipped it\)$/.exec(error))) return `时间“${m[1]}”在时区 ${m[2]} 并不存在（那天夏令时开始，时钟跳过了这段时间）`;
  if ((m = /^cannot read the time "(.*?)"/.exec(error))) return `看不懂时间“${m[1]}”（请用 2026-11-20 23:15、2026/11/20 23:15、2026年11月20日 23:15、带时区的 ISO 时间，或毫秒时间戳）`;
  if ((m = /^time in the future "(.*)"$/.exec(error))) return `时间 ${m[1]} 还没到，可能写错了（确实无误请加 --allow-future）`;
  if (/^malformed JSON/.test(error)) return 'JSON 格式有误';
  if (/^malformed CSV.*quote/i.test(error)) return 'CSV 格式有误：引号没有配对（某一栏的开头有引号，却没有结尾的引号）';
  if (/^malformed CSV/.test(error)) return 'CSV 格式有误';
  if (error === 'expected an object') return '这一行不是一条记录（应为 JSON 对象）';
  if ((m = /^([a-z_.]+): /.exec(error))) {
    const field = m[1]!.split('.').pop()!;
    const names: Record<string, string> = { contacted: '联系对象', duration_s: '通话时长', number: '号码', content: '内容', notes: '备注', occurred_at: '时间', kind: '类型' };
    return `${names[field] ?? '某一栏'}的内容不对${field === 'contacted' ? '（可用：borrower 本人、family 家人、employer 单位、colleague 同事、contacts_list 通讯录联系人、other 其他人）' : ''}`;
  }
  return `这一行有误（${error}）`;
}

export function runLogImport(file: string, opts: Common & { format?: 'csv' | 'json'; tz?: string; skipInvalid?: boolean; allowFuture?: boolean }): Promise<string> {
  return withRecord(opts, async (ctx) => {
    const text = decodeUtf8(file === '-' ? await readStdin(MAX_IMPORT_BYTES, '导入文件') : await readFileBytes(file, MAX_IMPORT_BYTES, '导入文件'), '导入文件');
    const parsed = parseImport(text, { format: opts.format, timeZone: opts.tz });
    if (!opts.allowFuture) {
      // A time after now is most likely a typo or a wrong clock: an invalid row, as with log add.
      const now = Date.now();
      const future = parsed.rows.filter((r) => inFuture(r.fields.occurred_at, now));
      if (future.length > 0) {
        parsed.rows = parsed.rows.filter((r) => !future.includes(r));
        parsed.problems.push(...future.map((r) => ({ line: r.line, error: `time in the future "${shownTime(r.fields.occurred_at, r.fields.time_zone)}"` })));
        parsed.problems.sort((a, b) => a.line - b.line);
      }
    }
    const lang = opts.lang ?? 'zh';
    // Each problem in both languages (the English is the record's stable form).
    const problems = parsed.problems.map((p) => ({ line: p.line, error: p.error, zh: problemText(p.error, 'zh') }));
    if (parsed.problems.length > 0 && !opts.skipInvalid) {
      // Nothing imported is a failure, with --json too (exit 2; the rows in error.details).
      throw new UserError(
        'BAD_INPUT',
        parsed.problems.length === 1 && parsed.problems[0]!.line === 0
          ? `无法导入：${problemText(parsed.problems[0]!.error, 'zh')}。`
          : `${parsed.problems.length} 行有误，所以什么都没有导入（加上 --skip-invalid 可以只导入正确的行）：\n${parsed.problems.slice(0, 20).map((p) => `  ${p.line === 0 ? '整个文件' : `第 ${p.line} 行`}：${problemText(p.error, 'zh')}`).join('\n')}`,
        parsed.problems.length === 1 && parsed.problems[0]!.line === 0
          ? `Cannot import: ${parsed.problems[0]!.error}.`
          : `${parsed.problems.length} rows are invalid; nothing was imported (add --skip-invalid to import the valid rows):\n${parsed.problems.slice(0, 20).map((p) => `  ${p.line === 0 ? 'the file' : `line ${p.line}`}: ${p.error}`).join('\n')}`,
        2,
        { imported: 0, problems },
      );
    }
    const rows = [];
    for (const r of parsed.rows) rows.push({ fields: r.fields, analysis: await ctx.analyse(r.fields), source: `import:${parsed.format}`, importKey: r.key });
    const result = await ctx.store.importEvents(rows);
    const summary = { imported: result.added.length, skipped_existing: result.skipped, problems };
    return out(opts, summary, () =>
      [
        say(lang, `导入了 ${result.added.length} 条记录，另有 ${result.skipped} 条原来就有（没有重复导入）`, `imported ${result.added.length} events, ${result.skipped} already in the record`),
        ...parsed.problems.map((p) => say(lang, `  跳过第 ${p.line} 行：${problemText(p.error, 'zh')}`, `  skipped line ${p.line}: ${p.error}`)),
      ].join('\n'),
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
    return out(opts, { reanalysed: changed }, () =>
      say(opts.lang, changed === 0 ? '所有记录都已按当前规则判断过，没有需要重新判断的。' : `用当前规则重新判断了 ${changed} 条记录。`, `re-analysed ${changed} events with rules ${engine.rules.meta.version}`),
    );
  });
}
