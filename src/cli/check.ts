/** `dunguard check "TEXT"`: one message or transcript, optionally with the caller's number. */
import { check, InputError } from '../engine/check.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirPath } from '../store/data-dir.js';
import { loadEngine } from '../data/load.js';
import type { Ledger } from '../ledger/claims.js';
import { formatCheck, type Lang } from './format.js';
import { UserError, decodeUtf8, readStdin, refuseFileName, todayInShanghai } from './io.js';

export interface CheckOptions {
  number?: string;
  dataDir?: string;
  /** False with --no-ledger. */
  ledger?: boolean;
  date?: string;
  lang: Lang;
  json: boolean;
  /** Also show internal references (signal ids and weights). */
  verbose?: boolean;
  /** A screenshot whose text (by OCR) is checked instead of TEXT. */
  image?: string;
}

/**
 * The user's ledger, if a record exists in the data folder (a check never creates one).
 * SQLite and the ledger code load only then, so a first-time check stays fast.
 */
async function existingLedger(dataDir: string | undefined): Promise<Ledger | undefined> {
  const dir = dataDirPath(dataDir);
  if (!existsSync(join(dir, 'dunguard.sqlite'))) return undefined;
  const { openRecord } = await import('../service/record-context.js');
  const ctx = await openRecord(dir);
  try {
    const ledger = await ctx.ledger();
    return ledger.debts.length > 0 ? ledger : undefined;
  } finally {
    await ctx.close();
  }
}

export async function runCheck(textArg: string | undefined, opts: CheckOptions): Promise<string> {
  let text: string;
  if (opts.image !== undefined) {
    if (textArg !== undefined) throw new UserError('BAD_INPUT', '请只给出文字或 --image 截图中的一个。', 'Give either the text or --image, not both.');
    const { readScreenshot, describeRecognised } = await import('./image.js');
    const shot = await readScreenshot(opts.image);
    text = shot.ocr.text;
    // The text first, so the person sees what the verdict below was made on.
    if (!opts.json) process.stdout.write(describeRecognised(shot.ocr, opts.lang));
  } else if (textArg === undefined || textArg === '-') {
    if (textArg === undefined && process.stdin.isTTY) {
      throw new UserError('NO_INPUT', '请提供要检查的内容，或用 - 从标准输入读取。', 'Give the text to check, or - to read it from standard input.');
    }
    text = decodeUtf8(await readStdin(), '输入');
  } else {
    await refuseFileName(textArg, 'check');
    text = textArg;
  }
  const engine = await loadEngine(undefined, { phoneNumbers: opts.number !== undefined });
  const ledger = opts.ledger === false ? undefined : await existingLedger(opts.dataDir);
  try {
    const result = check(engine, { text, number: opts.number, date: opts.date ?? todayInShanghai(), ledger });
    if (opts.json) return JSON.stringify(result, null, 2) + '\n';
    const shown = formatCheck(result, opts.lang, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, verbose: opts.verbose });
    if (opts.number === undefined) return shown;
    // The person's own tag on this number, if a record exists (a check never creates one).
    const { existingTag, tagLine } = await import('./warn.js');
    return shown + tagLine(await existingTag(opts.dataDir, opts.number), opts.lang);
  } catch (e) {
    if (e instanceof InputError) throw new UserError(e.code, e.zh, e.en);
    throw e;
  }
}
