/**
 * commander's `--help` in the person's language: headings, the `<…>`/`[…]` names in usage
 * lines and option terms, what an option's choices and default are, the help option and
 * the help command. Chinese by default, English with `--lang en`; wrapping counts a Chinese
 * character as two columns and may break between Chinese characters.
 */
import type { Command, HelpConfiguration, Option } from 'commander';
import { choiceNames, HELP_HEADING, PLACEHOLDER_NAME, say, type Lang } from '../present/words.js';

/** The columns a character takes in a terminal: 2 for Chinese (and other wide) characters. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function displayWidth(s: string): number {
  let w = 0;
  for (const c of s.replace(ANSI, '')) w += WIDE.test(c) ? 2 : 1;
  return w;
}

/** Wraps at spaces and between wide characters, keeping given line breaks. */
function wrap(str: string, width: number): string {
  const chunk = new RegExp(`\\s*(?:${WIDE.source}[，。、；：）」』》”’]?|[^\\s\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6]+)`, 'g');
  return str
    .split(/\r?\n/)
    .map((line) => {
      const chunks = line.match(chunk);
      if (chunks === null) return '';
      const lines: string[] = [];
      let cur = chunks.shift()!;
      for (const c of chunks) {
        if (displayWidth(cur) + displayWidth(c) <= width) cur += c;
        else {
          lines.push(cur);
          cur = c.trimStart();
        }
      }
      lines.push(cur);
      return lines.join('\n');
    })
    .join('\n');
}

/** "[options] <number>" → "[选项] <号码>": the names in brackets in the person's language. */
function terms(s: string, lang: Lang): string {
  return s.replace(/([<[])([^\]>]+?)(\.\.\.)?([\]>])/g, (all, open: string, name: string, dots: string | undefined, close: string) => {
    const n = PLACEHOLDER_NAME[name];
    return n ? `${open}${n[lang]}${dots ?? ''}${close}` : all;
  });
}

/** What an option's value may be and what it is when not given, after its description. */
function optionDescription(o: Option, lang: Lang): string {
  const extra: string[] = [];
  if (o.argChoices) extra.push(say(lang, `可选：${choiceNames(o.argChoices, 'zh')}`, `choices: ${o.argChoices.join(', ')}`));
  // A default of a flag (false, or true for --no-…) says nothing a person needs.
  if (o.defaultValue !== undefined && typeof o.defaultValue !== 'boolean') {
    extra.push(say(lang, `默认：${o.defaultValueDescription ?? String(o.defaultValue)}`, `default: ${o.defaultValueDescription ?? String(o.defaultValue)}`));
  }
  if (extra.length === 0) return o.description;
  const more = lang === 'zh' ? `（${extra.join('；')}）` : `(${extra.join(', ')})`;
  return o.description ? `${o.description}${lang === 'zh' ? '' : ' '}${more}` : more;
}

/**
 * Sets `program`'s help in `lang`. Call it before adding commands: commander copies the help
 * settings, the help option and the help command to each command when it is created.
 */
export function localiseHelp(program: Command, lang: Lang): Command {
  const config: HelpConfiguration = {
    styleTitle: (s) => HELP_HEADING[s]?.[lang] ?? s,
    styleUsage: (s) => terms(s, lang),
    styleSubcommandTerm: (s) => terms(s, lang),
    styleOptionTerm: (s) => terms(s, lang),
    argumentTerm: (a) => PLACEHOLDER_NAME[a.name()]?.[lang] ?? a.name(),
    optionDescription: (o) => optionDescription(o, lang),
    argumentDescription: (a) => {
      if (a.defaultValue === undefined) return a.description;
      const d = a.defaultValueDescription ?? String(a.defaultValue);
      return say(lang, `${a.description}（默认：${d}）`, `${a.description} (default: ${d})`);
    },
    displayWidth,
    boxWrap: (s, width) => wrap(s, width),
  };
  return program
    .configureHelp(config)
    .helpOption('-h, --help', say(lang, '显示这个命令的用法', 'display help for command'))
    .helpCommand('help [command]', say(lang, '显示某个命令的用法', 'display help for command'));
}
