#!/usr/bin/env node
/**
 * The `dunguard` command: parses the command line with the program of program.ts (its
 * commands and help in the person's language) and rewords commander's usage errors;
 * errors become a message and a non-zero exit code, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { choiceNames, langOf, say } from '../present/words.js';
import { buildProgram, descendants, failed } from './program.js';
import type { Lang } from './format.js';

/** The language of everything printed for a person, help and errors included (`--json` keeps both). */
const LANG: Lang = langOf(process.argv.slice(2));
const t = (zh: string, en: string): string => say(LANG, zh, en);

/** The exit code of a usage error: a mistyped command, option or value. */
const USAGE_ERROR = 2;

// `dunguard classify … | head`: a closed pipe ends the run quietly, as with any Unix tool.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = buildProgram(LANG);

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

const choiceList = (choices: string): string => choiceNames(choices.split(', '), LANG);

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
  failed(e, argv.includes('--json'), LANG);
});

