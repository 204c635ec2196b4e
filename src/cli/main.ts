#!/usr/bin/env node
/**
 * The `dunguard` command. Parses arguments, calls the core, prints; errors become a
 * message in Chinese and English and a non-zero exit code, never a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, packageRoot } from '../data/load.js';
import { StoreError } from '../store/store.js';
import { runCheck } from './check.js';
import { UserError, todayInShanghai } from './io.js';
import { runNumber } from './number.js';
import { DATE_FORMATS, readDate } from '../record/time.js';
import { DEBT_STATUS_NAME, langOf, say } from '../present/words.js';
import { LENDER_KIND_LABEL } from '../record/labels.js';
import type { Lang } from './format.js';

const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** The language of everything printed for a person, errors included (`--json` keeps both). */
const LANG: Lang = langOf(process.argv.slice(2));
const t = (zh: string, en: string): string => say(LANG, zh, en);

/** The exit code of a usage error: a mistyped command, option or value. */
const USAGE_ERROR = 2;

const langOption = (): Option => new Option('--lang <lang>', 'output language: zh (中文, default) or en').choices(['zh', 'en']).default('zh');

/** A date typed by a person, in any form the one date reader takes, as YYYY-MM-DD. */
function dateArg(value: string): string {
  const d = readDate(value);
  if (d === undefined) throw new UserError('BAD_DATE', `看不懂日期“${value}”：请写成 ${DATE_FORMATS.zh}。`, `Invalid date "${value}": use ${DATE_FORMATS.en}.`);
  return d;
}

function fail(e: unknown, json: boolean): never {
  if (e instanceof UserError || e instanceof StoreError) {
    if (json) process.stdout.write(JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en } }) + '\n');
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

// `dunguard classify … | head`: a closed pipe ends the run quietly, as with any Unix tool.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command()
  .name('dunguard')
  .description('判断"网贷逾期"电话和短信是正常催收、违规催收还是冒充催收的诈骗。\nTell genuine overdue-loan collection from rule-breaking collection and from scams posing as collection.')
  .version(version)
  // Commander's own errors are reworded in the person's language by usageError below.
  .configureOutput({ outputError: () => undefined })
  .exitOverride()
  .showSuggestionAfterError(true);

program
  .command('check')
  .description('检查一条短信或通话内容 / check one message or call transcript')
  .argument('[text]', 'the text; "-" (or nothing, with piped input) reads standard input')
  .option('-n, --number <number>', "the caller's number")
  .option('-d, --date <date>', 'incident date YYYY-MM-DD (default: today in Asia/Shanghai)', dateArg)
  .addOption(langOption())
  .option('--data-dir <dir>', "the record whose debt ledger claims are checked against (default: $DUNGUARD_HOME or the user data folder, if it exists)")
  .option('--no-ledger', 'do not check claims against the debt ledger')
  .option('--json', 'print the result as JSON (docs/schemas/check-result.json)', false)
  .option('--verbose', 'also show internal references (signal ids and weights)', false)
  .action(async (text: string | undefined, o: { number?: string; date?: string; lang: Lang; json: boolean; dataDir?: string; ledger: boolean; verbose: boolean }) => {
    try {
      if (o.date !== undefined && o.date > todayInShanghai()) {
        process.stderr.write(`dunguard: ${t(`注意：日期 ${o.date} 在今天之后。请确认没有写错（--date 是收到电话或短信的日期）。`, `Note: the date ${o.date} is after today. Check it (--date is the day the call or message came).`)}\n`);
      }
      process.stdout.write(await runCheck(text, o));
    } catch (e) {
      fail(e, o.json);
    }
  });

program
  .command('classify')
  .description('批量分类 JSON Lines / classify JSON Lines: {"id","text","number"?} per line in, one result per line out')
  .option('-i, --input <file>', 'input file (default: standard input)')
  .option('-d, --date <date>', 'incident date for lines without "date" (default: today in Asia/Shanghai)', dateArg)
  .option('-q, --quiet', 'no progress on standard error', false)
  .option('--json', 'accepted for uniformity: output is always JSON Lines', true)
  .action(async (o: { input?: string; date?: string; quiet: boolean }) => {
    try {
      const { runClassify } = await import('./classify.js');
      await runClassify({ input: o.input, date: o.date ?? todayInShanghai(), quiet: o.quiet });
    } catch (e) {
      fail(e, true);
    }
  });

program
  .command('number')
  .description('查看来电号码的类型 / inspect a caller number')
  .argument('<number>', 'the number as shown or typed')
  .addOption(langOption())
  .option('--json', 'print the result as JSON (docs/schemas/number-info.json)', false)
  .option('--verbose', 'also show where the data comes from', false)
  .action(async (n: string, o: { lang: Lang; json: boolean; verbose: boolean }) => {
    try {
      process.stdout.write(await runNumber(n, o));
    } catch (e) {
      fail(e, o.json);
    }
  });

program
  .command('serve')
  .description('打开本地网页 / serve the local web page and its API (127.0.0.1 only, unless --allow-remote)')
  .option('-p, --port <port>', 'port (0 picks a free one)', '8377')
  .option('--host <address>', 'address to bind', '127.0.0.1')
  .option('--allow-remote', 'allow a non-loopback --host; the page then asks for the access token', false)
  .option('--open', 'open the page in the default browser', false)
  .option('--data-dir <dir>', 'where the record is kept (default: $DUNGUARD_HOME, else the user data folder)')
  .action(async (o: { port: string; host: string; allowRemote: boolean; open: boolean; dataDir?: string; lang?: Lang }) => {
    try {
      await (await import('./serve.js')).runServe(o);
    } catch (e) {
      fail(e, false);
    }
  });

const dataDirOption = (): Option => new Option('--data-dir <dir>', 'where the record is kept (default: $DUNGUARD_HOME, else the user data folder)');

/** Runs a record command: prints its output, maps errors to messages and exit codes. */
function recordAction<A extends unknown[]>(f: (...args: A) => Promise<string>, json: (...args: A) => boolean): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.stdout.write(await f(...args));
    } catch (e) {
      fail(e, json(...args));
    }
  };
}

const eventOptions = (c: Command): Command =>
  c
    .option('--kind <kind>', 'call_incoming | call_outgoing | call_missed | call_unanswered | sms | app_notice | visit | third_party')
    .option('--at <time>', 'when: "2026-11-20 23:15" (in --tz) or an ISO time with offset')
    .option('--tz <zone>', 'IANA time zone of --at (default Asia/Shanghai)')
    .option('-n, --number <number>', 'the number that called or texted')
    .option('--company <name>', 'company the caller claimed')
    .option('--platform <name>', 'lending platform the caller claimed')
    .option('--employee-no <no>', 'employee number the caller gave')
    .option('--role <role>', 'what the caller claimed to be (lender, agency, "law firm", "court"…)')
    .option('--contacted <who>', 'borrower | family | employer | colleague | contacts_list | other')
    .option('--disclosed', 'for third-party contacts: the debt was disclosed to them')
    .option('--duration <seconds>', 'call duration in seconds')
    .option('--text <text>', 'the SMS or what was said ("-" reads standard input)')
    .option('--notes <notes>', 'your notes')
    .option('--allow-future', 'accept a time after now (otherwise refused as a likely typo)')
    .option('--verbose', 'also show internal references (signal ids)')
    .addOption(dataDirOption())
    .option('--json', 'print JSON', false);

const log = program.command('log').description('记录来电和短信 / the record of calls and messages');
eventOptions(log.command('add').description('add a call, SMS, app notice, visit or third-party contact')).action(
  recordAction(async (o: Parameters<typeof import('./log.js').runLogAdd>[0]) => (await import('./log.js')).runLogAdd(o), (o) => o.json),
);
log
  .command('list')
  .description('list events')
  .option('--from <date>', 'from this date (2025-11-02, 2025/11/02, 2025年11月2日, 11月2日) or date and time')
  .option('--to <date>', 'up to this date or time')
  .option('-n, --number <number>', 'only this number')
  .option('--kind <kind>', 'only this kind')
  .option('--all', 'include deleted events (tombstones)')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: Parameters<typeof import('./log.js').runLogList>[0]) => (await import('./log.js')).runLogList(o), (o) => o.json));
log
  .command('show')
  .argument('<id>')
  .description('one event in full')
  .option('--verbose', 'also show internal references (signal ids, rule versions)')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (id: string, o: { dataDir?: string; json: boolean }) => (await import('./log.js')).runLogShow(id, o), (_id, o) => o.json));
eventOptions(log.command('edit').argument('<id>').description('change an event (the old state stays in the audit log)')).action(
  recordAction(async (id: string, o: Parameters<typeof import('./log.js').runLogEdit>[1]) => (await import('./log.js')).runLogEdit(id, o), (_id, o) => o.json),
);
log
  .command('delete')
  .argument('<id>')
  .description('delete an event (a tombstone: it stays in the audit log)')
  .option('--reason <reason>', 'why')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (id: string, o: { dataDir?: string; json: boolean; reason?: string }) => (await import('./log.js')).runLogDelete(id, o), (_id, o) => o.json));
log
  .command('import')
  .argument('<file>', 'CSV or JSON (array or JSON Lines); "-" reads standard input')
  .description('import a call log or messages (idempotent; all rows or none)')
  .addOption(new Option('--format <format>').choices(['csv', 'json']))
  .option('--tz <zone>', 'time zone of times without an offset (default Asia/Shanghai)')
  .option('--skip-invalid', 'import the valid rows even if some are invalid')
  .option('--allow-future', 'accept rows whose time is after now (otherwise they are invalid rows)')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (f: string, o: Parameters<typeof import('./log.js').runLogImport>[1]) => (await import('./log.js')).runLogImport(f, o), (_f, o) => o.json));
log
  .command('reanalyse')
  .description('re-run the check on every event whose analysis used other rules or another model')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: { dataDir?: string; json: boolean }) => (await import('./log.js')).runLogReanalyse(o), (o) => o.json));

program
  .command('evidence')
  .description('证据文件 / evidence files')
  .command('add')
  .argument('<file>', 'a recording, screenshot or PDF')
  .requiredOption('--event <id>', 'the event it belongs to')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (f: string, o: { event: string; dataDir?: string; json: boolean }) => (await import('./evidence.js')).runEvidenceAdd(f, o), (_f, o) => o.json));

program
  .command('report')
  .description('骚扰情况 / the harassment pattern')
  .option('--from <date>', 'from this date (YYYY-MM-DD)')
  .option('--to <date>', 'up to this date')
  .option('--night <window>', 'night window, e.g. 22:00-08:00 (default from data/record/harassment.yaml)')
  .option('--out <file>', 'write the report as .pdf (with charts) or .html')
  .addOption(langOption())
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: { from?: string; to?: string; night?: string; out?: string; lang: Lang; dataDir?: string; json: boolean }) => (await import('./report.js')).runReport(o), (o) => o.json));

program
  .command('verify')
  .description('检查记录是否被篡改 / check the record for tampering (exit 4 if not intact)')
  .option('--verbose', 'show each problem in full detail')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(
    recordAction(async (o: { dataDir?: string; json: boolean; lang: Lang; verbose?: boolean }) => {
      const r = await (await import('./verify.js')).runVerify(o);
      if (!r.intact) process.exitCode = 4;
      return r.text;
    }, (o) => o.json),
  );

program
  .command('export')
  .description('导出证据包 / export the evidence package')
  .requiredOption('--out <file>', 'the .zip to write')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: { out: string; dataDir?: string; json: boolean }) => (await import('./package.js')).runExport(o), (o) => o.json));

program
  .command('verify-package')
  .description('校验证据包 / verify an evidence package (exit 4 if not intact)')
  .argument('<file>')
  .addOption(langOption())
  .option('--verbose', 'also show the problem codes')
  .option('--json', 'print JSON', false)
  .action(
    recordAction(async (f: string, o: { json: boolean; lang: Lang; verbose?: boolean }) => {
      const r = await (await import('./package.js')).runVerifyPackage(f, o);
      if (!r.ok) process.exitCode = 4;
      return r.text;
    }, (_f, o) => o.json),
  );

const debt = program.command('debt').description('我的借款账本 / your own debt ledger');
debt
  .command('add')
  .description('add a loan: monthly instalments (--instalments N --amount A) or one due date (--due D --amount A)')
  .requiredOption('--lender <name>', 'lender or platform')
  .addOption(new Option('--kind <kind>', 'kind of lender').choices(['bank', 'consumer_finance', 'licensed_microlender', 'online_platform', 'private_individual', 'unknown_unlicensed']).default('online_platform'))
  .option('--product <name>')
  .option('--contract-no <no>')
  .requiredOption('--principal <yuan>', 'principal written in the contract')
  .option('--received <yuan>', 'what actually arrived (default: the principal)')
  .requiredOption('--date <date>', 'loan date YYYY-MM-DD')
  .option('--instalments <n>', 'number of monthly instalments')
  .requiredOption('--amount <yuan>', 'each instalment, or the single repayment')
  .option('--first-due <date>', 'first instalment due (default: a month after --date)')
  .option('--due <date>', 'the single due date')
  .addOption(new Option('--status <status>').choices(['active', 'overdue', 'settled', 'disputed']).default('active'))
  .option('--overdue-since <date>')
  .option('--settled-on <date>')
  .option('--notes <text>')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: Parameters<typeof import('./debt.js').runDebtAdd>[0]) => (await import('./debt.js')).runDebtAdd(o), (o) => o.json));
for (const [name, action, desc] of [
  ['pay', 'pay', 'record a payment: --amount A [--date D]'],
  ['settle', 'settle', 'mark settled [--date D]'],
  ['fee', 'fee', 'record a fee or penalty charged: --amount A --what TEXT [--date D]'],
  ['event', 'event', 'record a demand, acknowledgement, part_payment or lawsuit (restarts the limitation period): --kind K [--date D]'],
] as const) {
  debt
    .command(name)
    .description(desc)
    .argument('<id>', 'debt id (or its first characters)')
    .option('--amount <yuan>')
    .option('--date <date>')
    .option('--kind <kind>')
    .option('--what <text>')
    .addOption(dataDirOption())
    .option('--json', 'print JSON', false)
    .action(recordAction(async (id: string, o: { amount?: string; date?: string; kind?: string; what?: string; dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtChange(id, { ...o, action }), (_id, o) => o.json));
}
debt
  .command('list')
  .description('all debts with their true cost, status and flags')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtList(o), (o) => o.json));
debt
  .command('import')
  .description('import debts from a JSON array (docs/schemas/debt.json, amounts in fen, no ids); all or none')
  .argument('<file>', 'JSON file; "-" reads standard input')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (f: string, o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtImport(f, o), (_f, o) => o.json));
debt
  .command('summary')
  .description('totals, next due date and flags')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtList({ ...o, summary: true }), (o) => o.json));
for (const name of ['show', 'cost'] as const) {
  debt
    .command(name)
    .argument('<id>')
    .description(name === 'cost' ? 'true annual rate (XIRR), deductions, caps, limitation' : 'one debt')
    .addOption(dataDirOption())
    .option('--json', 'print JSON', false)
    .action(recordAction(async (id: string, o: { dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtShow(id, o), (_id, o) => o.json));
}
debt
  .command('lpr')
  .description('add a one-year LPR value with its source (needed for the private-lending cap)')
  .argument('<month>', 'YYYY-MM')
  .argument('<rate>', 'percent, e.g. 3.1')
  .requiredOption('--source <source>', 'where the value comes from')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (m: string, r: string, o: { source?: string; dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtLpr(m, r, o), (_m, _r, o) => o.json));
debt
  .command('plan')
  .description('a repayment plan to propose: --monthly A you can afford')
  .requiredOption('--monthly <yuan>')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: { monthly?: string; dataDir?: string; json: boolean }) => (await import('./debt.js')).runDebtPlan(o), (o) => o.json));

const lenderKinds = ['bank', 'consumer_finance', 'licensed_microlender', 'online_platform', 'private_individual', 'unknown_unlicensed'];
program
  .command('route')
  .description('向哪里投诉、按什么顺序、为什么 / where to complain or report, in what order, and why')
  .option('--lender <name>', 'the lender concerned (default: the lender most contacts claimed)')
  .addOption(new Option('--lender-kind <kind>', 'kind of lender (default: from the debt ledger)').choices(lenderKinds))
  .option('--loss', 'money was already lost')
  .option('--credit', 'a credit-report matter')
  .addOption(langOption())
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: Parameters<typeof import('./act.js').runRoute>[0]) => (await import('./act.js')).runRoute(o), (o) => o.json));

program
  .command('letter')
  .description('投诉信和函件 / letters filled from the record: dunguard letter list | dunguard letter TYPE [--out file.pdf|.html|.md]')
  .argument('[type]', '"list", or a letter type from the list', 'list')
  .option('--lender <name>')
  .addOption(new Option('--lender-kind <kind>').choices(lenderKinds))
  .option('--loss', 'money was already lost')
  .option('--monthly <yuan>', 'for a negotiation request: what you can pay a month')
  .option('--police-station <name>')
  .option('--out <file>', 'write to a file (.md, .html or .pdf)')
  .addOption(new Option('--format <format>').choices(['md', 'html', 'pdf']))
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(
    recordAction(async (t: string, o: Parameters<typeof import('./act.js').runLetter>[1]) => {
      const act = await import('./act.js');
      return t === 'list' ? act.runLetterList(o) : act.runLetter(t, o);
    }, (_t, o) => o.json),
  );

program
  .command('profile')
  .description('本人信息（只保存在本机，用于信函）/ your details for letters (kept on this machine)')
  .option('--name <name>')
  .option('--id-tail <4 chars>', 'last four characters of the ID number (never the whole number)')
  .option('--phone <phone>')
  .option('--show', 'only show')
  .addOption(dataDirOption())
  .option('--json', 'print JSON', false)
  .action(recordAction(async (o: Parameters<typeof import('./act.js').runProfile>[0]) => (await import('./act.js')).runProfile(o), (o) => o.json));

/** Every command below `c` (not `c` itself). */
const descendants = (c: Command): Command[] => c.commands.flatMap((x) => [x, ...descendants(x)]);

// Every command that runs takes --lang (groups like `log` do not: an option there would
// be taken before the subcommand sees it).
for (const c of descendants(program)) {
  if (c.commands.length === 0 && !c.options.some((o) => o.long === '--lang')) c.addOption(langOption());
}

/** The commands named on the command line, e.g. ["log", "import"]. */
function commandPath(argv: readonly string[]): string[] {
  const path: string[] = [];
  let c: Command = program;
  for (const a of argv) {
    const next = c.commands.find((x) => x.name() === a || x.aliases().includes(a));
    if (next === undefined) {
      if (a.startsWith('-') || c.commands.length === 0) continue;
      break;
    }
    path.push(a);
    c = next;
  }
  return path;
}

/** Names a person may type for a choice, with what they mean. */
const CHOICE_NAME: Record<string, { zh: string; en: string }> = {
  ...LENDER_KIND_LABEL,
  ...DEBT_STATUS_NAME,
  zh: { zh: '中文', en: 'Chinese' },
  en: { zh: '英文', en: 'English' },
  csv: { zh: 'CSV 表格', en: 'CSV' },
  json: { zh: 'JSON', en: 'JSON' },
  md: { zh: 'Markdown 文本', en: 'Markdown' },
  html: { zh: '网页', en: 'HTML' },
  pdf: { zh: 'PDF', en: 'PDF' },
};
const choiceList = (choices: string): string =>
  choices
    .split(', ')
    .map((c) => (CHOICE_NAME[c] ? t(`${c} ${CHOICE_NAME[c].zh}`, `${c} (${CHOICE_NAME[c].en})`) : c))
    .join(t('、', ', '));

/** A usage error of commander, reworded in the person's language, with where to look. */
function usageError(e: CommanderError, argv: readonly string[]): string {
  const m = e.message;
  const flag = (s: string): string => s.split(/[ ,]/).filter((x) => x.startsWith('--')).pop() ?? s;
  const suggestion = /Did you mean (?:one of )?([^?]+)\?/.exec(m)?.[1]?.trim();
  const path = commandPath(argv);
  const help = `dunguard ${[...path, '--help'].join(' ')}`;
  let text: string;
  let r: RegExpExecArray | null;
  if ((r = /unknown option '([^']*)'/.exec(m))) {
    text = t(`不认识的选项 ${r[1]}。`, `Unknown option ${r[1]}.`) + (suggestion ? t(`您是想用 ${suggestion} 吗？`, ` Did you mean ${suggestion}?`) : '');
  } else if ((r = /unknown command '([^']*)'/.exec(m))) {
    const word = r[1]!;
    // Commander suggests only commands at this level: name the subcommands with this name too.
    const sub = descendants(program)
      .filter((c) => c.name() === word && c.parent !== null && c.parent !== program)
      .map((c) => `dunguard ${[...ancestors(c), word].join(' ')}`);
    const ideas = sub.length > 0 ? sub : suggestion ? suggestion.split(', ').map((x) => `dunguard ${[...path, x].join(' ')}`) : [];
    text =
      t(`没有“${word}”这个命令。`, `There is no command "${word}".`) +
      (ideas.length > 0 ? t(`您是想用 ${ideas.join(' 或 ')} 吗？`, ` Did you mean ${ideas.join(' or ')}?`) : '');
  } else if ((r = /missing required argument '([^']*)'/.exec(m))) {
    const arg = r[1]!;
    const zh: Record<string, string> = {
      id: path[0] === 'debt' ? '借款编号（或它的前几位，见 dunguard debt list）' : '记录编号（见 dunguard log list）',
      file: '文件名',
      number: '电话号码',
      month: '月份（如 2024-08）',
      rate: '利率（百分数，如 3.1）',
    };
    text = t(`缺少${zh[arg] ?? `<${arg}>`}。`, `Missing the required argument <${arg}>.`);
  } else if ((r = /option '([^']*)' argument missing/.exec(m))) {
    text = t(`选项 ${flag(r[1]!)} 后面要跟一个值。`, `Option ${flag(r[1]!)} needs a value after it.`);
  } else if ((r = /required option '([^']*)' not specified/.exec(m))) {
    text = t(`缺少必填的选项 ${flag(r[1]!)}。`, `The option ${flag(r[1]!)} is required.`);
  } else if ((r = /option '([^']*)' argument '([^']*)' is invalid\.(?: Allowed choices are (.*)\.)?/.exec(m))) {
    text = t(`选项 ${flag(r[1]!)} 的值“${r[2]}”不对`, `Invalid value "${r[2]}" for ${flag(r[1]!)}`) + (r[3] ? t(`，只能是：${choiceList(r[3])}。`, `; allowed: ${choiceList(r[3])}.`) : t('。', '.'));
  } else if ((r = /too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)/.exec(m))) {
    text = t(
      `多了参数：这里最多填 ${r[2]} 项，但给了 ${r[3]} 项。内容里有空格时，请用引号把整段括起来。`,
      `Too many arguments: expected ${r[2]}, got ${r[3]}. Put text with spaces in quotes.`,
    );
  } else {
    text = t('命令的写法不对。', `The command is not written correctly: ${m.replace(/^error: /, '')}`);
  }
  return `${text}\n${t(`用 ${help} 查看用法。`, `See ${help}.`)}`;
}

/** The names of the commands above `c`, outermost first, without the program. */
function ancestors(c: Command): string[] {
  const names: string[] = [];
  for (let p = c.parent; p !== null && p !== program; p = p.parent) names.unshift(p.name());
  return names;
}

const argv = process.argv.slice(2);
program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') process.exit(e.exitCode);
    // Help shown because no command was given: a usage error too.
    if (e.code === 'commander.help') process.exit(USAGE_ERROR);
    const message = usageError(e, argv);
    process.stderr.write(`dunguard: ${message}\n`);
    process.exit(USAGE_ERROR);
  }
  fail(e, argv.includes('--json'));
});

