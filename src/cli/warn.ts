/**
 * `dunguard card`, `tag`, `tags`, `tags export` and `report-scam`: warn the family with a
 * picture, tag a number, export the tagged numbers as a block list, and prepare a report to
 * 12321 or the anti-fraud app. Everything is made on this machine; nothing is sent anywhere.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { check, InputError } from '../engine/check.js';
import { loadEngine } from '../data/load.js';
import { loadReportFormats } from '../data/report-formats.js';
import { cardFromCheck, warningCardSvg, type Redaction } from '../act/warning-card.js';
import { scamReport } from '../act/scam-report.js';
import { tagsCsv, tagsVcard, contactName } from '../act/block-list.js';
import { tagLabel, type NumberTag } from '../record/tags.js';
import { safeForTerminal, visibleControls } from '../present/safe-text.js';
import { say, type Lang } from '../present/words.js';
import { dataDirPath } from '../store/data-dir.js';
import { openRecord, withRecord } from '../service/record-context.js';
import { tagNumber, untagNumber } from '../service/tags.js';
import { UserError, decodeUtf8, readStdin, refuseFileName, requireOutFile, todayInShanghai, writeOutFile } from './io.js';
import type { CheckResult } from '../engine/schemas/result.js';

interface Common {
  dataDir?: string;
  json: boolean;
  lang: Lang;
}

async function textArg(arg: string | undefined, command: string): Promise<string> {
  if (arg === undefined || arg === '-') {
    if (arg === undefined && process.stdin.isTTY) {
      throw new UserError('NO_INPUT', '请提供短信内容，或用 - 从标准输入读取。', 'Give the message text, or - to read it from standard input.');
    }
    return decodeUtf8(await readStdin(), '输入');
  }
  await refuseFileName(arg, command);
  return arg;
}

async function checked(text: string, number: string | undefined, date: string | undefined): Promise<CheckResult> {
  const engine = await loadEngine(undefined, { phoneNumbers: number !== undefined });
  try {
    return check(engine, { text, number, date: date ?? todayInShanghai() });
  } catch (e) {
    if (e instanceof InputError) throw new UserError(e.code, e.zh, e.en);
    throw e;
  }
}

/** The person's own details to take off the card (from the record's profile, if a record exists; a card never creates one). */
async function ownDetails(dataDir: string | undefined): Promise<Redaction> {
  const dir = dataDirPath(dataDir);
  if (!existsSync(join(dir, 'dunguard.sqlite'))) return {};
  const ctx = await openRecord(dir);
  try {
    const p = await ctx.store.getProfile();
    return p ? { names: [p.name], idTail: p.id_tail, phone: p.phone } : {};
  } finally {
    await ctx.close();
  }
}

/** The tag on a number, if a record exists (reading never creates one). */
async function existingTag(dataDir: string | undefined, number: string | undefined): Promise<NumberTag | undefined> {
  if (number === undefined) return undefined;
  const dir = dataDirPath(dataDir);
  if (!existsSync(join(dir, 'dunguard.sqlite'))) return undefined;
  const { tagOf } = await import('../service/tags.js');
  const ctx = await openRecord(dir);
  try {
    return await tagOf(ctx, number);
  } finally {
    await ctx.close();
  }
}

/** "你给这个号码的标记：诈骗": the line the check and the report show for a tagged number. */
export function tagLine(t: NumberTag | undefined, lang: Lang): string {
  if (t === undefined) return '';
  return say(lang, `你给号码 ${t.number} 的标记：${tagLabel(t, 'zh')}`, `Your tag on ${t.number}: ${tagLabel(t, 'en')}`) + (t.note ? say(lang, `（${visibleControls(t.note)}）`, ` (${visibleControls(t.note)})`) : '') + '\n';
}

export { existingTag };

export async function runCard(arg: string | undefined, o: Common & { number?: string; date?: string; out: string; amounts?: boolean }): Promise<string> {
  if (!/\.(png|svg)$/i.test(o.out)) throw new UserError('BAD_OUT', '卡片要写成 .png 或 .svg 文件。', 'The card is written as a .png or .svg file.');
  const text = await textArg(arg, 'card');
  const result = await checked(text, o.number, o.date);
  const redaction = { ...(await ownDetails(o.dataDir)), amounts: o.amounts === true };
  const card = warningCardSvg(cardFromCheck(result, o.lang), o.lang, redaction);
  if (/\.svg$/i.test(o.out)) {
    await writeOutFile(o.out, card.svg);
  } else {
    const { cardPng } = await import('../act/card-png.js');
    const { FontMissingError } = await import('../act/pdf.js');
    let png: Buffer;
    try {
      png = await cardPng(card);
    } catch (e) {
      if (e instanceof FontMissingError) throw new UserError('NO_FONT', `找不到中文字体，无法生成图片（可以先写成 .svg）：${e.message}`, `Cannot draw the picture (a .svg can still be written): ${e.message}`);
      throw e;
    }
    await writeOutFile(o.out, png);
  }
  if (o.json) return JSON.stringify({ out: o.out, width: card.width, height: card.height, assessment: result.assessment, texts: card.texts }, null, 2) + '\n';
  const own = redaction.names !== undefined
    ? say(o.lang, '你登记的姓名、身份证尾号和本人号码也已隐去', 'your registered name, ID tail and own number are removed too')
    : say(o.lang, '要连你本人的姓名和号码一起隐去，请先用 dunguard profile 登记', 'to remove your own name and number as well, register them first with dunguard profile');
  return say(
    o.lang,
    `已生成提醒卡片：${o.out}（${card.width}×${card.height}）。卡片只保存在本机；链接和号码已失效处理，称呼里的姓名和身份证号已隐去，${own}。发给家人前请再看一眼。\n`,
    `Wrote the warning card: ${o.out} (${card.width}×${card.height}). It stays on this machine; links and numbers are made harmless, names in salutations and ID numbers removed; ${own}. Look at it once more before sending it.\n`,
  );
}

export async function runTag(number: string, kind: string | undefined, o: Common & { platform?: string; note?: string; remove?: boolean }): Promise<string> {
  return withRecord(o.dataDir, async (ctx) => {
    const t = o.remove ? await untagNumber(ctx, number) : await tagNumber(ctx, { number, kind, platform: o.platform, note: o.note });
    if (o.json) return JSON.stringify(t, null, 2) + '\n';
    if (o.remove) return say(o.lang, `已取消号码 ${t.number} 的标记（取消也记在审计日志里）。\n`, `Removed the tag on ${t.number} (the removal is logged too).\n`);
    const from = t.source === 'check' ? say(o.lang, '（按记录里对这个号码的判断）', ' (from the verdict on this number in the record)') : '';
    return say(o.lang, `已标记号码 ${t.number}：${tagLabel(t, 'zh')}${from}。\n`, `Tagged ${t.number}: ${tagLabel(t, 'en')}${from}.\n`);
  });
}

export async function runTagsList(o: Common): Promise<string> {
  return withRecord(o.dataDir, async (ctx) => {
    const tags = await ctx.store.listTags();
    if (o.json) return JSON.stringify(tags, null, 2) + '\n';
    if (tags.length === 0) return say(o.lang, '还没有标记任何号码。\n', 'No number is tagged yet.\n');
    return tags.map((t) => `${t.number}  ${tagLabel(t, o.lang)}${t.note ? `  ${safeForTerminal(t.note)}` : ''}`).join('\n') + '\n';
  }, { existing: true });
}

export async function runTagsExport(o: Common & { out: string; format?: 'vcard' | 'csv' }): Promise<string> {
  const format = o.format ?? (/\.csv$/i.test(o.out) ? 'csv' : /\.vcf$/i.test(o.out) ? 'vcard' : undefined);
  if (format === undefined) throw new UserError('BAD_OUT', '请写成 .vcf（导入手机通讯录）或 .csv 文件，或用 --vcard / --csv 指明。', 'Write a .vcf (to import into the phone) or a .csv file, or say --vcard / --csv.');
  await requireOutFile(o.out, format === 'csv' ? ['.csv'] : ['.vcf'], { zh: format === 'csv' ? '表格' : '通讯录文件', en: format === 'csv' ? 'the table' : 'the contacts file' });
  return withRecord(o.dataDir, async (ctx) => {
    const tags = await ctx.store.listTags();
    await writeOutFile(o.out, format === 'csv' ? tagsCsv(tags, o.lang) : tagsVcard(tags, o.lang));
    if (o.json) return JSON.stringify({ out: o.out, format, numbers: tags.length }, null, 2) + '\n';
    const sample = tags[0] ? say(o.lang, `，联系人名称如“${contactName(tags[0], 'zh')}”`, `, contacts named like “${contactName(tags[0], 'en')}”`) : '';
    return format === 'csv'
      ? say(o.lang, `已导出 ${tags.length} 个号码到 ${o.out}（表格）。\n`, `Exported ${tags.length} numbers to ${o.out} (a table).\n`)
      : say(
          o.lang,
          `已导出 ${tags.length} 个号码到 ${o.out}${sample}。把这个文件发到手机上打开，导入通讯录后，来电会显示这个名称；再在电话的拦截设置里把它们加入黑名单。\n`,
          `Exported ${tags.length} numbers to ${o.out}${sample}. Open the file on your phone to import them into your contacts: calls will show that name; then add them to the phone's block list.\n`,
        );
  }, { existing: true });
}

export async function runReportScam(arg: string | undefined, o: Common & { number?: string; date?: string; bodyOnly?: boolean }): Promise<string> {
  const text = await textArg(arg, 'report-scam');
  const result = await checked(text, o.number, o.date);
  const report = scamReport(loadReportFormats(), { text, number: o.number, verdict: result.verdict, assessment: result.assessment, receivedAt: o.date });
  const sms = report.channels.find((c) => c.sms)?.sms;
  if (o.bodyOnly) {
    if (sms === undefined) throw new UserError('NO_SMS', '写不出举报短信：需要对方的号码（--number），而且只有诈骗或垃圾短信才向 12321 举报。', "No report SMS: it needs the sender's number (--number), and only scam or spam goes to 12321.");
    return sms.body; // exactly the text to send, nothing added (for copying)
  }
  if (o.json) return JSON.stringify({ assessment: result.assessment, ...report }, null, 2) + '\n';
  const L = o.lang;
  const lines: string[] = [];
  const verdict = say(L, `判断：${result.label.zh}`, `Verdict: ${result.label.en}`);
  lines.push(verdict);
  const tag = await existingTag(o.dataDir, o.number);
  if (tag) lines.push(tagLine(tag, L).trimEnd());
  if (report.kind === 'genuine') {
    lines.push(say(L, '这看起来是正常催收，不是垃圾短信，不需要举报；请在借款平台的官方App里核实欠款。', 'This looks like genuine collection, not spam: there is nothing to report; check the debt in the lender’s own app.'));
    return lines.join('\n') + '\n';
  }
  if (result.assessment === 'other') {
    // An everyday message: report it only if the person knows better than the check.
    lines.push(say(L, '这条看起来不是诈骗、垃圾短信或违规催收，一般不需要举报。只有您确定它是诈骗或骚扰时，才照下面的方式举报。', 'This does not look like a scam, spam or rule-breaking collection, so there is usually nothing to report. Report it as below only if you are sure it is fraud or harassment.'));
  }
  for (const c of report.channels) {
    lines.push('', `■ ${c.name[L]}`);
    if (c.sms) {
      lines.push(say(L, `发短信到 ${c.sms.to}，内容（原短信一字不改）：`, `Send an SMS to ${c.sms.to} with this text (the original message unchanged):`));
      lines.push('  ' + safeForTerminal(c.sms.body).replace(/\n/g, '\n  '));
      lines.push(say(L, '  （要复制原样的文字，用 --body-only 只输出这条短信。）', '  (To copy the exact text, --body-only prints only this message.)'));
    }
    if (c.smsMissing) lines.push(c.smsMissing[L]);
    for (const f of c.fields ?? []) {
      if (f.value === '') continue;
      lines.push(`${f.name[L]}：`.replace(/：$/, L === 'zh' ? '：' : ':') + ' ' + safeForTerminal(f.value).replace(/\n/g, '\n  '));
    }
    if (c.letter) lines.push(say(L, `投诉信：dunguard letter ${c.letter} --out 投诉.pdf（用你的记录填好）`, `The letter: dunguard letter ${c.letter} --out complaint.pdf (filled from your record)`));
    lines.push(c.status === 'unconfirmed' ? say(L, `注意：${c.note.zh}`, `Note: ${c.note.en}`) : c.note[L]);
  }
  lines.push('', say(L, `这些方式的说明核对于 ${report.checked}；网址里的链接已失效处理，只供抄写，不要打开。`, `These ways were checked on ${report.checked}; links are shown made harmless, for copying only — do not open them.`));
  return lines.join('\n') + '\n';
}
