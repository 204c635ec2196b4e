/** `dunguard check "TEXT"`: one message or transcript, optionally with the caller's number. */
import { check, InputError } from '../engine/check.js';
import { loadEngine } from '../data/load.js';
import { formatCheck, type Lang } from './format.js';
import { CliError, decodeUtf8, readStdin, todayInShanghai } from './io.js';

export interface CheckOptions {
  number?: string;
  date?: string;
  lang: Lang;
  json: boolean;
}

export async function runCheck(textArg: string | undefined, opts: CheckOptions): Promise<string> {
  let text: string;
  if (textArg === undefined || textArg === '-') {
    if (textArg === undefined && process.stdin.isTTY) {
      throw new CliError('NO_INPUT', '请提供要检查的内容，或用 - 从标准输入读取。', 'Give the text to check, or - to read it from standard input.');
    }
    text = decodeUtf8(await readStdin(), '输入');
  } else {
    text = textArg;
  }
  const engine = await loadEngine(undefined, { phoneNumbers: opts.number !== undefined });
  try {
    const result = check(engine, { text, number: opts.number, date: opts.date ?? todayInShanghai() });
    return opts.json ? JSON.stringify(result, null, 2) + '\n' : formatCheck(result, opts.lang, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.code, e.zh, e.en);
    throw e;
  }
}
