/**
 * The `dunguard` commands, their options and their `--help`, in the person's language
 * (Chinese by default, English with `--lang en`). main.ts parses the command line with it;
 * tests walk it to reach every command's help.
 */
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../data/errors.js';
import { packageRoot } from '../data/root.js';
import { StoreError } from '../store/store.js';
import { UserError, todayInShanghai } from './io.js';
import { localiseHelp } from './help.js';
import { DATE_FORMATS, readDate } from '../record/time.js';
import { allowedValues, say } from '../present/words.js';
import { CONTACTED_LABEL, EVENT_KIND_LABEL } from '../record/labels.js';
import type { Lang } from './format.js';
import { addWarnCommands } from './warn-commands.js';

const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** A date typed by a person, in any form the one date reader takes, as YYYY-MM-DD. */
function dateArg(value: string): string {
  const d = readDate(value);
  if (d === undefined) throw new UserError('BAD_DATE', `看不懂日期“${value}”：请写成 ${DATE_FORMATS.zh}。`, `Invalid date "${value}": use ${DATE_FORMATS.en}.`);
  return d;
}

export const LENDER_KINDS = ['bank', 'consumer_finance', 'licensed_microlender', 'online_platform', 'private_individual', 'unknown_unlicensed'];

/** Every command below `c` (not `c` itself). */
export const descendants = (c: Command): Command[] => c.commands.flatMap((x) => [x, ...descendants(x)]);

/** Ends the run on an error: a message in the person's language (and JSON with --json), an exit code, never a stack trace. */
export function failed(e: unknown, json: boolean, lang: Lang): never {
  const t = (zh: string, en: string): string => say(lang, zh, en);
  if (e instanceof UserError || e instanceof StoreError) {
    const details = e instanceof UserError && e.details !== undefined ? { details: e.details } : {};
    if (json) process.stdout.write(JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en, ...details } }) + '\n');
    process.stderr.write(`dunguard: ${t(e.zh, e.en)}\n`);
    process.exit(e instanceof UserError ? e.exitCode : 2);
  }
  if (e instanceof DataError) {
    process.stderr.write(`dunguard: ${t('程序自带的数据文件有误（请重新安装）', 'a data file is invalid (reinstall dunguard)')}: ${e.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`dunguard: ${t('内部错误（请把这条信息报告给开发者）', 'internal error (please report it)')}: ${(e as Error).message}\n`);
  process.exit(1);
}

/** The program, its messages and its help in `lang`. */
export function buildProgram(lang: Lang): Command {
  const t = (zh: string, en: string): string => say(lang, zh, en);

  const fail = (e: unknown, json: boolean): never => failed(e, json, lang);

  /**
   * Runs a command: prints its output, maps errors to messages and exit codes (and to JSON with
   * --json). Commander passes the command itself after the arguments and options, so --json is
   * read from it.
   */
  function recordAction<A extends unknown[]>(f: (...args: A) => Promise<string>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      try {
        process.stdout.write(await f(...args));
      } catch (e) {
        fail(e, (args.at(-1) as Command).opts().json === true);
      }
    };
  }

  const langOption = (): Option => new Option('--lang <lang>', t('输出的语言', 'output language')).choices(['zh', 'en']).default('zh');
  const dataDirOption = (): Option => new Option('--data-dir <dir>', t('记录保存在哪个文件夹（默认：$DUNGUARD_HOME，否则用户数据文件夹）', 'where the record is kept (default: $DUNGUARD_HOME, else the user data folder)'));
  const jsonOption = (): Option => new Option('--json', t('以 JSON 格式输出', 'print JSON')).default(false);
  const todayNote = t('默认：北京时间的今天', 'default: today in Asia/Shanghai');

  const program = localiseHelp(new Command().name('dunguard'), lang)
    .description(
      t('判断“网贷逾期”电话和短信是正常催收、违规催收还是冒充催收的诈骗。', 'Tell genuine overdue-loan collection from rule-breaking collection and from scams posing as collection.'),
    )
    .version(version, '-V, --version', t('显示版本号', 'output the version number'))
    // Commander's own errors are reworded in the person's language by main.ts.
    .configureOutput({ outputError: () => undefined })
    .exitOverride()
    .showSuggestionAfterError(true);

  program
    .command('check')
    .description(t('检查一条短信或通话内容', 'check one message or call transcript'))
    .argument('[text]', t('短信或通话内容；写“-”（或不写而从管道输入）就从标准输入读取', 'the text; "-" (or nothing, with piped input) reads standard input'))
    .option('-n, --number <number>', t('对方的号码', "the caller's number"))
    .option('-d, --date <date>', t(`收到电话或短信的日期（${todayNote}）`, `incident date YYYY-MM-DD (${todayNote})`), dateArg)
    .addOption(langOption())
    .option(
      '--data-dir <dir>',
      t('用哪份记录里的借款账本核对对方说的欠款（默认：$DUNGUARD_HOME 或用户数据文件夹，如果存在）', 'the record whose debt ledger claims are checked against (default: $DUNGUARD_HOME or the user data folder, if it exists)'),
    )
    .option('--no-ledger', t('不用借款账本核对对方说的欠款', 'do not check claims against the debt ledger'))
    .option('--json', t('以 JSON 格式输出结果（各字段见项目文档中的 JSON 说明）', 'print the result as JSON (its fields are described in the project documentation)'), false)
    .option('--verbose', t('同时显示内部编号（特征编号和权重）', 'also show internal references (signal ids and weights)'), false)
    .option('--image <file>', t('检查截图里的文字（先识别出文字并显示出来）', 'check the text of a screenshot (PNG or JPEG; the recognised text is shown first)'))
    .action(
      recordAction(async (text: string | undefined, o: { number?: string; date?: string; lang: Lang; json: boolean; dataDir?: string; ledger: boolean; verbose: boolean; image?: string }) => {
        if (o.date !== undefined && o.date > todayInShanghai()) {
          process.stderr.write(`dunguard: ${t(`注意：日期 ${o.date} 在今天之后。请确认没有写错（--date 是收到电话或短信的日期）。`, `Note: the date ${o.date} is after today. Check it (--date is the day the call or message came).`)}\n`);
        }
        return (await import('./check.js')).runCheck(text, o);
      }),
    );

  program
    .command('classify')
    .description(
      t(
        '批量判断：每行输入一个 JSON 对象 {"id","text","number"?}，每行输出一条结果（也是 JSON）',
        'classify JSON Lines: {"id","text","number"?} per line in, one result per line out',
      ),
    )
    .option('-i, --input <file>', t('输入文件（默认：标准输入）', 'input file (default: standard input)'))
    .option('-d, --date <date>', t(`没有“date”的行所用的日期（${todayNote}）`, `incident date for lines without "date" (${todayNote})`), dateArg)
    .option('-q, --quiet', t('不在标准错误输出上显示进度', 'no progress on standard error'), false)
    .option('--json', t('可以写，但输出总是每行一个 JSON', 'accepted for uniformity: output is always JSON Lines'), true)
    .action(async (o: { input?: string; date?: string; quiet: boolean; lang: Lang }) => {
      try {
        const { runClassify } = await import('./classify.js');
        await runClassify({ input: o.input, date: o.date ?? todayInShanghai(), quiet: o.quiet, lang: o.lang });
      } catch (e) {
        fail(e, true);
      }
    });

  program
    .command('number')
    .description(t('查看来电号码的类型', 'inspect a caller number'))
    .argument('<number>', t('号码，照显示的或自己输入的写', 'the number as shown or typed'))
    .addOption(langOption())
    .option('--json', t('以 JSON 格式输出结果（各字段见项目文档中的 JSON 说明）', 'print the result as JSON (its fields are described in the project documentation)'), false)
    .option('--verbose', t('同时显示数据的来源', 'also show where the data comes from'), false)
    .action(recordAction(async (n: string, o: { lang: Lang; json: boolean; verbose: boolean }) => (await import('./number.js')).runNumber(n, o)));

  program
    .command('serve')
    .description(t('打开本地网页和它的接口（只在本机 127.0.0.1，除非加 --allow-remote）', 'serve the local web page and its API (127.0.0.1 only, unless --allow-remote)'))
    .option('-p, --port <port>', t('端口（0 表示随便选一个空闲的）', 'port (0 picks a free one)'), '8377')
    .option('--host <address>', t('监听的地址', 'address to bind'), '127.0.0.1')
    .option('--allow-remote', t('允许 --host 用本机以外的地址；这时网页会要求输入访问口令', 'allow a non-loopback --host; the page then asks for the access token'), false)
    .option('--open', t('用默认浏览器打开网页', 'open the page in the default browser'), false)
    .option('--multi-user', t('多用户托管模式（供机构使用）：账号、案件和共享，需要服务器数据库', 'hosted mode for organisations: accounts, cases and sharing; needs DUNGUARD_DATABASE_URL'), false)
    .addOption(dataDirOption())
    .action(async (o: { port: string; host: string; allowRemote: boolean; open: boolean; multiUser: boolean; dataDir?: string; lang?: Lang }) => {
      try {
        if (o.multiUser) return await (await import('../hosted/serve.js')).runHostedServe(o);
        await (await import('./serve.js')).runServe(o);
      } catch (e) {
        fail(e, false);
      }
    });

  const eventKinds = Object.keys(EVENT_KIND_LABEL);
  const contacted = Object.keys(CONTACTED_LABEL);
  const eventOptions = (c: Command): Command =>
    c
      .option('--kind <kind>', t(`类型：${allowedValues('kind', eventKinds, 'zh')}`, eventKinds.join(' | ')))
      .option('--at <time>', t('什么时候：如“2026-11-20 23:15”（按 --tz 的时区），或带时差的 ISO 时间', 'when: "2026-11-20 23:15" (in --tz) or an ISO time with offset'))
      .option('--tz <zone>', t('--at 的时区（默认 Asia/Shanghai，即北京时间）', 'IANA time zone of --at (default Asia/Shanghai)'))
      .option('-n, --number <number>', t('打来电话或发来短信的号码', 'the number that called or texted'))
      .option('--company <name>', t('对方自称的公司', 'company the caller claimed'))
      .option('--platform <name>', t('对方自称的借款平台', 'lending platform the caller claimed'))
      .option('--employee-no <no>', t('对方报的工号', 'employee number the caller gave'))
      .option('--role <role>', t('对方自称的身份（放贷方、催收公司、“律师事务所”、“法院”……）', 'what the caller claimed to be (lender, agency, "law firm", "court"…)'))
      .option('--contacted <who>', t(`联系的是谁：${allowedValues('contacted', contacted, 'zh')}`, contacted.join(' | ')))
      .option('--disclosed', t('联系第三人时：对方向他们透露了欠款', 'for third-party contacts: the debt was disclosed to them'))
      .option('--duration <seconds>', t('通话时长（秒）', 'call duration in seconds'))
      .option('--text <text>', t('短信内容或对方说的话（写“-”从标准输入读取）', 'the SMS or what was said ("-" reads standard input)'))
      .option('--notes <notes>', t('您自己的备注', 'your notes'))
      .option('--allow-future', t('接受晚于现在的时间（否则当作写错而拒绝）', 'accept a time after now (otherwise refused as a likely typo)'))
      .option('--verbose', t('同时显示内部编号（特征编号）', 'also show internal references (signal ids)'))
      .addOption(dataDirOption())
      .addOption(jsonOption());

  const log = program.command('log').description(t('记录来电和短信', 'the record of calls and messages'));
  eventOptions(log.command('add').description(t('记下一次来电、短信、App 通知、上门或联系第三人', 'add a call, SMS, app notice, visit or third-party contact')))
    .option('--image <file>', t('短信或聊天的截图：识别出的文字作为内容（除非给了 --text），截图作为证据保存', 'a screenshot (PNG or JPEG): its recognised text becomes the content (unless --text), the file is kept as evidence'))
    .action(
    recordAction(async (o: Parameters<typeof import('./log.js').runLogAdd>[0]) => (await import('./log.js')).runLogAdd(o)),
  );
  log
    .command('list')
    .description(t('列出记录', 'list events'))
    .option('--from <date>', t('从这一天起（2025-11-02、2025/11/02、2025年11月2日、11月2日），也可以带时间', 'from this date (2025-11-02, 2025/11/02, 2025年11月2日, 11月2日) or date and time'))
    .option('--to <date>', t('到这一天或这个时间为止', 'up to this date or time'))
    .option('-n, --number <number>', t('只列这个号码的', 'only this number'))
    .addOption(new Option('--kind <kind>', t(`只列这个类型的：${allowedValues('kind', eventKinds, 'zh')}`, `only this kind: ${eventKinds.join(' | ')}`)).choices(eventKinds))
    .option('--all', t('包括已删除的记录', 'include deleted events (tombstones)'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: Parameters<typeof import('./log.js').runLogList>[0]) => (await import('./log.js')).runLogList(o)));
  log
    .command('show')
    .argument('<id>', t('记录编号，或它的前几位（见 dunguard log list）', 'event id, or its first characters (see dunguard log list)'))
    .description(t('显示一条记录的全部内容', 'one event in full'))
    .option('--verbose', t('同时显示内部编号（特征编号、规则版本）', 'also show internal references (signal ids, rule versions)'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (id: string, o: { dataDir?: string; json: boolean }) => (await import('./log.js')).runLogShow(id, o)));
  eventOptions(
    log
      .command('edit')
      .argument('<id>', t('记录编号，或它的前几位', 'event id, or its first characters'))
      .description(t('修改一条记录（修改前的内容留在审计日志里）', 'change an event (the old state stays in the audit log)')),
  ).action(recordAction(async (id: string, o: Parameters<typeof import('./log.js').runLogEdit>[1]) => (await import('./log.js')).runLogEdit(id, o)));
  log
    .command('delete')
    .argument('<id>', t('记录编号，或它的前几位', 'event id, or its first characters'))
    .description(t('删除一条记录（只做删除标记：内容仍留在审计日志里）', 'delete an event (a tombstone: it stays in the audit log)'))
    .option('--reason <reason>', t('删除的原因', 'why'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (id: string, o: { dataDir?: string; json: boolean; reason?: string }) => (await import('./log.js')).runLogDelete(id, o)));
  log
    .command('import')
    .argument('<file>', t('CSV 或 JSON 文件（一个数组，或每行一个 JSON）；写“-”从标准输入读取', 'CSV or JSON (array or JSON Lines); "-" reads standard input'))
    .description(t('导入通话记录或短信（重复导入不会重复记录；有错就全部不导入）', 'import a call log or messages (idempotent; all rows or none)'))
    .addOption(new Option('--format <format>', t('文件格式，不写就按内容判断', 'the file format (default: from its content)')).choices(['csv', 'json']))
    .option('--tz <zone>', t('没写时差的时间按哪个时区（默认 Asia/Shanghai，即北京时间）', 'time zone of times without an offset (default Asia/Shanghai)'))
    .option('--skip-invalid', t('有些行有错时，仍然导入没错的行', 'import the valid rows even if some are invalid'))
    .option('--allow-future', t('接受时间晚于现在的行（否则算作有错的行）', 'accept rows whose time is after now (otherwise they are invalid rows)'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (f: string, o: Parameters<typeof import('./log.js').runLogImport>[1]) => (await import('./log.js')).runLogImport(f, o)));
  log
    .command('reanalyse')
    .description(t('用现在的规则和模型重新判断以前用旧规则或旧模型判断过的记录', 're-run the check on every event whose analysis used other rules or another model'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: { dataDir?: string; json: boolean }) => (await import('./log.js')).runLogReanalyse(o)));

  program
    .command('evidence')
    .description(t('证据文件', 'evidence files'))
    .command('add')
    .description(t('把一个证据文件（录音、截图或 PDF）加到一条记录上', 'add an evidence file (a recording, screenshot or PDF) to an event'))
    .argument('<file>', t('录音、截图或 PDF 文件', 'a recording, screenshot or PDF'))
    .requiredOption('--event <id>', t('它属于哪条记录（记录编号）', 'the event it belongs to'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (f: string, o: { event: string; dataDir?: string; json: boolean }) => (await import('./evidence.js')).runEvidenceAdd(f, o)));

  program
    .command('report')
    .description(t('骚扰情况报告', 'the harassment pattern'))
    .option('--from <date>', t('从这一天起', 'from this date (YYYY-MM-DD)'))
    .option('--to <date>', t('到这一天为止', 'up to this date'))
    .option('--night <window>', t('夜间时段，如 22:00-08:00（默认按程序自带的设置）', 'night window, e.g. 22:00-08:00 (default from data/record/harassment.yaml)'))
    .option('--out <file>', t('把报告写成 .pdf（带图表）或 .html 文件', 'write the report as .pdf (with charts) or .html'))
    .addOption(langOption())
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: { from?: string; to?: string; night?: string; out?: string; lang: Lang; dataDir?: string; json: boolean }) => (await import('./report.js')).runReport(o)));

  program
    .command('verify')
    .description(t('检查记录是否被篡改（不完整时退出码为 4）', 'check the record for tampering (exit 4 if not intact)'))
    .option('--verbose', t('同时显示每个问题的代码和技术细节', "also show each problem's code and technical detail"))
    .option('--all-cases', t('多用户模式：检查服务器数据库中的每个案件和它的查看记录', 'multi-user mode: check every case in the database and its access log (needs DUNGUARD_DATABASE_URL)'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(
      recordAction(async (o: { dataDir?: string; json: boolean; lang: Lang; verbose?: boolean; allCases?: boolean }) => {
        const r = o.allCases ? await (await import('../hosted/verify-cases.js')).runVerifyCases(o) : await (await import('./verify.js')).runVerify(o);
        if (!r.intact) process.exitCode = 4;
        return r.text;
      }),
    );

  program
    .command('export')
    .description(t('导出证据包', 'export the evidence package'))
    .requiredOption('--out <file>', t('要写出的 .zip 文件', 'the .zip to write'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: { out: string; dataDir?: string; json: boolean }) => (await import('./package.js')).runExport(o)));

  program
    .command('import-package')
    .description(t('把证据包导入到空的记录里（来自另一台电脑的 dunguard export 或手机应用）', 'import an evidence package (from dunguard export or the phone app) into an empty record'))
    .argument('<file>', t('证据包（.zip 文件）', 'the package (.zip)'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (f: string, o: { dataDir?: string; json: boolean }) => (await import('./package.js')).runImportPackage(f, o)));

  program
    .command('verify-package')
    .description(t('校验证据包（不完整时退出码为 4）', 'verify an evidence package (exit 4 if not intact)'))
    .argument('<file>', t('证据包（.zip 文件）', 'the package (.zip)'))
    .addOption(langOption())
    .option('--verbose', t('同时显示问题代码', 'also show the problem codes'))
    .addOption(jsonOption())
    .action(
      recordAction(async (f: string, o: { json: boolean; lang: Lang; verbose?: boolean }) => {
        const r = await (await import('./package.js')).runVerifyPackage(f, o);
        if (!r.ok) process.exitCode = 4;
        return r.text;
      }),
    );

  const debt = program.command('debt').description(t('我的借款账本', 'your own debt ledger'));
  debt
    .command('add')
    .description(
      t('记下一笔借款：按月分期（--instalments 期数 --amount 每期金额）或一次还清（--due 日期 --amount 金额）', 'add a loan: monthly instalments (--instalments N --amount A) or one due date (--due D --amount A)'),
    )
    .requiredOption('--lender <name>', t('放贷方或平台', 'lender or platform'))
    .addOption(new Option('--kind <kind>', t('放贷方的类型', 'kind of lender')).choices(LENDER_KINDS).default('online_platform'))
    .option('--product <name>', t('借款产品的名称', 'the loan product'))
    .option('--contract-no <no>', t('合同编号', 'contract number'))
    .requiredOption('--principal <yuan>', t('合同上写的本金', 'principal written in the contract'))
    .option('--received <yuan>', t('实际到手的金额（默认：等于本金）', 'what actually arrived (default: the principal)'))
    .requiredOption('--date <date>', t('借款日期', 'loan date YYYY-MM-DD'))
    .option('--instalments <n>', t('按月分几期', 'number of monthly instalments'))
    .requiredOption('--amount <yuan>', t('每期还多少，或一次还清的金额', 'each instalment, or the single repayment'))
    .option('--first-due <date>', t('第一期的还款日（默认：借款日期一个月后）', 'first instalment due (default: a month after --date)'))
    .option('--due <date>', t('一次还清的还款日', 'the single due date'))
    .addOption(new Option('--status <status>', t('现在的状态', 'status now')).choices(['active', 'overdue', 'settled', 'disputed']).default('active'))
    .option('--overdue-since <date>', t('从哪天起逾期', 'overdue since'))
    .option('--settled-on <date>', t('哪天结清的', 'settled on'))
    .option('--notes <text>', t('备注', 'notes'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: Parameters<typeof import('./debt.js').runDebtAdd>[0]) => (await import('./debt.js')).runDebtAdd(o)));
  for (const [name, action, zh, en] of [
    ['pay', 'pay', '记下一次还款：--amount 金额 [--date 日期]', 'record a payment: --amount A [--date D]'],
    ['settle', 'settle', '标记为已结清 [--date 日期]', 'mark settled [--date D]'],
    ['fee', 'fee', '记下对方收的一笔费用或罚息：--amount 金额 --what 名目 [--date 日期]', 'record a fee or penalty charged: --amount A --what TEXT [--date D]'],
    [
      'event',
      'event',
      '记下对方催讨、本人承认欠款、部分还款或起诉（诉讼时效从这天重新计算）：--kind 类型 [--date 日期]',
      'record a demand, acknowledgement, part_payment or lawsuit (restarts the limitation period): --kind K [--date D]',
    ],
  ] as const) {
    debt
      .command(name)
      .description(t(zh, en))
      .argument('<id>', t('借款编号（或它的前几位）', 'debt id (or its first characters)'))
      .option('--amount <yuan>', t('金额', 'amount'))
      .option('--date <date>', t('日期（默认：今天）', 'date (default: today)'))
      .option('--kind <kind>', t('类型：demand 对方催讨、acknowledgement 本人承认欠款、part_payment 部分还款、lawsuit 起诉', 'demand | acknowledgement | part_payment | lawsuit'))
      .option('--what <text>', t('费用的名目', 'what the fee was for'))
      .addOption(dataDirOption())
      .addOption(jsonOption())
      .action(
        recordAction(async (id: string, o: { amount?: string; date?: string; kind?: string; what?: string; dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtChange(id, { ...o, action })),
      );
  }
  debt
    .command('list')
    .description(t('列出所有借款，连同真实成本、状态和问题', 'all debts with their true cost, status and flags'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtList(o)));
  debt
    .command('import')
    .description(t('从 JSON 数组导入借款（格式见项目文档，金额以分计，不带编号）；有错就全部不导入', 'import debts from a JSON array (format in the project documentation; amounts in fen, no ids); all or none'))
    .argument('<file>', t('JSON 文件；写“-”从标准输入读取', 'JSON file; "-" reads standard input'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (f: string, o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtImport(f, o)));
  debt
    .command('summary')
    .description(t('合计、下一个还款日和问题', 'totals, next due date and flags'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtList({ ...o, summary: true })));
  for (const name of ['show', 'cost'] as const) {
    debt
      .command(name)
      .argument('<id>', t('借款编号（或它的前几位）', 'debt id (or its first characters)'))
      .description(name === 'cost' ? t('真实年化利率（XIRR）、砍头息、利率上限和诉讼时效', 'true annual rate (XIRR), deductions, caps, limitation') : t('一笔借款的详情', 'one debt'))
      .addOption(dataDirOption())
      .addOption(jsonOption())
      .action(recordAction(async (id: string, o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtShow(id, o)));
  }
  debt
    .command('lpr')
    .description(t('添加一个月的一年期 LPR 及其出处（计算民间借贷利率上限要用）', 'add a one-year LPR value with its source (needed for the private-lending cap)'))
    .argument('<month>', t('月份，如 2026-01', 'YYYY-MM'))
    .argument('<rate>', t('百分数，如 3.1', 'percent, e.g. 3.1'))
    .requiredOption('--source <source>', t('这个数值的出处', 'where the value comes from'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (m: string, r: string, o: { source?: string; dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtLpr(m, r, o)));
  debt
    .command('plan')
    .description(t('拟一个可以向对方提出的还款计划：--monthly 您每月能还多少', 'a repayment plan to propose: --monthly A you can afford'))
    .requiredOption('--monthly <yuan>', t('您每月能还的金额', 'what you can pay a month'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: { monthly?: string; dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtPlan(o)));

  program
    .command('route')
    .description(t('向哪里投诉、按什么顺序、为什么', 'where to complain or report, in what order, and why'))
    .option('--lender <name>', t('涉及的放贷方（默认：记录里对方最常自称的放贷方）', 'the lender concerned (default: the lender most contacts claimed)'))
    .addOption(new Option('--lender-kind <kind>', t('放贷方的类型（默认：按借款账本）', 'kind of lender (default: from the debt ledger)')).choices(LENDER_KINDS))
    .option('--loss', t('已经损失了钱', 'money was already lost'))
    .option('--credit', t('涉及征信报告', 'a credit-report matter'))
    .addOption(langOption())
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: Parameters<typeof import('./act.js').runRoute>[0]) => (await import('./act.js')).runRoute(o)));

  program
    .command('letter')
    .description(
      t(
        '按记录填好的投诉信和函件：dunguard letter list 列出全部；dunguard letter 类型 生成一封（加 --out 可写成 .pdf、.html 或 .md 文件）',
        'letters filled from the record: dunguard letter list | dunguard letter TYPE [--out file.pdf|.html|.md]',
      ),
    )
    .argument('[type]', t('写 list 列出全部函件，或写列表里的一种函件', '"list", or a letter type from the list'), 'list')
    .option('--lender <name>', t('涉及的放贷方', 'the lender concerned'))
    .addOption(new Option('--lender-kind <kind>', t('放贷方的类型', 'kind of lender')).choices(LENDER_KINDS))
    .option('--loss', t('已经损失了钱', 'money was already lost'))
    .option('--monthly <yuan>', t('协商还款函用：您每月能还多少', 'for a negotiation request: what you can pay a month'))
    .option('--police-station <name>', t('报案的派出所', 'the police station'))
    .option('--out <file>', t('写到文件里（.md、.html 或 .pdf）', 'write to a file (.md, .html or .pdf)'))
    .addOption(new Option('--format <format>', t('文件格式，不写就按 --out 的文件名判断', 'the file format (default: from the --out file name)')).choices(['md', 'html', 'pdf']))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(
      recordAction(async (type: string, o: Parameters<typeof import('./act.js').runLetter>[1]) => {
        const act = await import('./act.js');
        return type === 'list' ? act.runLetterList(o) : act.runLetter(type, o);
      }),
    );

  program
    .command('profile')
    .description(t('本人信息（只保存在本机，用于信函）', 'your details for letters (kept on this machine)'))
    .option('--name <name>', t('您的姓名', 'your name'))
    .option('--id-tail <4 chars>', t('身份证号的后四位（不要填整个号码）', 'last four characters of the ID number (never the whole number)'))
    .option('--phone <phone>', t('您的联系电话', 'your phone number'))
    .option('--show', t('只显示，不修改', 'only show'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action(recordAction(async (o: Parameters<typeof import('./act.js').runProfile>[0]) => (await import('./act.js')).runProfile(o)));

  const account = program.command('account').description(t('多用户模式的账号：重设密码、删除账号（需要服务器数据库）', 'multi-user accounts: reset a password, delete an account (needs DUNGUARD_DATABASE_URL)'));
  account
    .command('reset-password')
    .description(t('给账号一个新的随机密码（只显示一次），并让它的所有登录退出', 'give an account a new random password (shown once) and end its sessions'))
    .argument('<name>', t('账号的用户名', "the account's user name"))
    .addOption(jsonOption())
    .action(recordAction(async (name: string, o: { json: boolean; lang: Lang }) => (await import('../hosted/account-cli.js')).runResetPassword(name, o)));
  account
    .command('delete')
    .description(t('删除账号：工作人员账号会退出所有与它共享的案件（记入各案件的查看记录）；当事人账号还有案件时，需要加 --delete-cases 才会连同案件一起删除', "delete an account: staff leave every case shared with them (logged in each case's access log); a client who still has cases is deleted only with --delete-cases, which deletes those cases too"))
    .argument('<name>', t('账号的用户名', "the account's user name"))
    .option('--delete-cases', t('连同这个当事人的全部案件（记录和证据文件）一起永久删除', "also delete this client's cases (record and evidence) for good"))
    .addOption(jsonOption())
    .action(recordAction(async (name: string, o: { deleteCases?: boolean; json: boolean; lang: Lang }) => (await import('../hosted/account-cli.js')).runDeleteAccount(name, o)));

  // Every command that runs takes --lang (groups like `log` do not: an option there would
  // be taken before the subcommand sees it).
  for (const c of descendants(program)) {
    if (c.commands.length === 0 && !c.options.some((o) => o.long === '--lang')) c.addOption(langOption());
  }
  addWarnCommands(program, { t, langOption, dataDirOption, jsonOption, dateArg, recordAction });

  return program;
}
