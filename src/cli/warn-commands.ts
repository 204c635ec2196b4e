/**
 * The commands that act on a checked message for the person and their family — `card`, `tag`,
 * `tags` (list, export) and `report-scam` — added to the program by program.ts. Kept apart so
 * the program file stays the index of commands.
 */
import { Option, type Command } from 'commander';
import type { Lang } from './format.js';

export interface CommandKit {
  t: (zh: string, en: string) => string;
  langOption: () => Option;
  dataDirOption: () => Option;
  jsonOption: () => Option;
  dateArg: (value: string) => string;
  recordAction<A extends unknown[]>(f: (...args: A) => Promise<string>): (...args: A) => Promise<void>;
}

type Opts = { dataDir?: string; json: boolean; lang: Lang };

export function addWarnCommands(program: Command, k: CommandKit): void {
  const { t } = k;
  const textArgument = t('短信内容；写“-”（或不写而从管道输入）就从标准输入读取', 'the message; "-" (or nothing, with piped input) reads standard input');
  const dateOption = (): Option => new Option('-d, --date <date>', t('收到短信的日期（默认：北京时间的今天）', 'the day it came (default: today in Asia/Shanghai)')).argParser(k.dateArg);

  const card = program
    .command('card')
    .description(t('为一条短信生成提醒家人的图片（在本机生成，不上传）', 'make a picture warning the family about a message (made on this machine, nothing uploaded)'))
    .argument('[text]', textArgument)
    .requiredOption('--out <file>', t('要写出的图片文件，如 card.png', 'the picture to write, e.g. card.png (or .svg)'))
    .option('-n, --number <number>', t('对方的号码（卡片上会部分隐去）', "the sender's number (partly hidden on the card)"))
    .addOption(dateOption())
    .option('--amounts', t('把金额也隐去', 'hide amounts of money too'), false)
    .action(k.recordAction(async (text: string | undefined, o: Opts & { out: string; number?: string; date?: string; amounts: boolean }) => (await import('./warn.js')).runCard(text, o)));

  const tagNumber = program
    .command('tag')
    .description(t('给号码加上你自己的标记：诈骗、违规催收、催收-平台名、官方', 'tag a number yourself: scam, violation, collection-platform, official'))
    .argument('<number>', t('号码', 'the number'))
    .argument('[tag]', t('诈骗、违规催收、催收（或“催收-平台名”）、官方；不写就按记录里对这个号码的判断', 'scam, violation, collection (or “collection-platform”), official; left out: from the verdict on this number in the record'))
    .option('--platform <name>', t('平台或机构的名称（用于催收和官方）', 'the platform or organisation (for collection and official)'))
    .option('--note <text>', t('备注', 'a note'))
    .option('--remove', t('取消这个号码的标记', 'take the tag off'), false)
    .action(k.recordAction(async (n: string, tag: string | undefined, o: Opts & { platform?: string; note?: string; remove: boolean }) => (await import('./warn.js')).runTag(n, tag, o)));

  const tags = program
    .command('tags')
    .description(t('列出你标记过的号码', 'list the numbers you tagged'))
    .action(k.recordAction(async (o: Opts) => (await import('./warn.js')).runTagsList(o)));
  const tagsExport = tags
    .command('export')
    .description(t('把标记过的号码导出为手机通讯录文件（.vcf，可用于来电显示和拦截）或表格（.csv）', 'export the tagged numbers as a contacts file (.vcf, for caller ID and blocking) or a table (.csv)'))
    .requiredOption('--out <file>', t('要写出的 .vcf 或 .csv 文件', 'the .vcf or .csv file to write'))
    .option('--vcard', t('写成通讯录文件（vCard）', 'write a contacts file (vCard)'))
    .option('--csv', t('写成表格（CSV）', 'write a table (CSV)'))
    .action(
      k.recordAction(async (o: Opts & { out: string; vcard?: boolean; csv?: boolean }) => (await import('./warn.js')).runTagsExport({ ...o, format: o.csv ? 'csv' : o.vcard ? 'vcard' : undefined })),
    );

  const reportScam = program
    .command('report-scam')
    .description(t('准备举报：发给 12321 的短信、国家反诈中心 App 要填的内容；违规催收则给出向平台投诉的信', 'prepare a report: the SMS to 12321 and what to fill in the anti-fraud app; for rule-breaking collection, the complaint letter to the lender'))
    .argument('[text]', textArgument)
    .option('-n, --number <number>', t('发来短信的号码', 'the number the message came from'))
    .addOption(dateOption())
    .option('--body-only', t('只输出要发给 12321 的短信原文（便于复制）', 'print only the SMS to send to 12321 (for copying)'), false)
    .action(k.recordAction(async (text: string | undefined, o: Opts & { number?: string; date?: string; bodyOnly: boolean }) => (await import('./warn.js')).runReportScam(text, o)));

  // Every command here also takes --lang, --data-dir and --json, after its own options.
  for (const c of [card, tagNumber, tags, tagsExport, reportScam]) c.addOption(k.langOption()).addOption(k.dataDirOption()).addOption(k.jsonOption());
}
