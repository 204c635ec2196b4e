#!/usr/bin/env node
/**
 * The `dunguard` command. Parses arguments, calls the core, prints; errors become a
 * message in Chinese and English and a non-zero exit code, never a stack trace.
 */
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, packageRoot } from '../data/load.js';
import { runCheck } from './check.js';
import { CliError, todayInShanghai } from './io.js';
import { runNumber } from './number.js';
import { isIsoDate } from '../engine/check.js';
import type { Lang } from './format.js';

const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

const langOption = (): Option => new Option('--lang <lang>', 'output language').choices(['zh', 'en']).default('zh');

function dateArg(value: string): string {
  if (!isIsoDate(value)) throw new CliError('BAD_DATE', `日期“${value}”无效，请用 YYYY-MM-DD 格式。`, `Invalid date "${value}": use YYYY-MM-DD.`);
  return value;
}

function fail(e: unknown, json: boolean): never {
  if (e instanceof CliError) {
    if (json) process.stdout.write(JSON.stringify({ error: { code: e.code, zh: e.zh, en: e.en } }) + '\n');
    process.stderr.write(`dunguard: ${e.zh}\n          ${e.en}\n`);
    process.exit(e.exitCode);
  }
  if (e instanceof DataError) {
    process.stderr.write(`dunguard: 数据文件有误 / a data file is invalid: ${e.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`dunguard: 内部错误 / internal error: ${(e as Error).message}\n`);
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
  .version(version);

program
  .command('check')
  .description('检查一条短信或通话内容 / check one message or call transcript')
  .argument('[text]', 'the text; "-" (or nothing, with piped input) reads standard input')
  .option('-n, --number <number>', "the caller's number")
  .option('-d, --date <date>', 'incident date YYYY-MM-DD (default: today in Asia/Shanghai)', dateArg)
  .addOption(langOption())
  .option('--json', 'print the result as JSON (docs/schemas/check-result.json)', false)
  .action(async (text: string | undefined, o: { number?: string; date?: string; lang: Lang; json: boolean }) => {
    try {
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
  .action(async (n: string, o: { lang: Lang; json: boolean }) => {
    try {
      process.stdout.write(await runNumber(n, o));
    } catch (e) {
      fail(e, o.json);
    }
  });

program.parseAsync(process.argv).catch((e: unknown) => fail(e, process.argv.includes('--json')));
