/** Reading input for the CLI: stdin or a file, as strict UTF-8, with errors a person understands. */
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../service/errors.js';

export { UserError };
export { todayInShanghai } from '../record/time.js';


const decoder = new TextDecoder('utf-8', { fatal: true });

/** The English for the Chinese names of what is read. */
const EN: Record<string, string> = { 输入: 'The input', 导入文件: 'The import file', 文件: 'The file' };
const en = (what: string): string => EN[what] ?? what;

/** Decodes strict UTF-8 (a leading BOM is dropped); throws UserError on invalid bytes. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch (e) {
    // Valid UTF-8 that would make a string longer than V8 allows (about 512 Mi characters) is not an encoding problem.
    if ((e as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') throw tooLarge(what, bytes.length);
    throw new UserError(
      'INVALID_UTF8',
      `${what}不是有效的 UTF-8 文本（可能是 GBK 等其他编码）：请先转换为 UTF-8。`,
      `${en(what)} is not valid UTF-8 (perhaps GBK or another encoding): convert it to UTF-8 first.`,
    );
  }
}

/** Input too large to read at once: say so, and that it can be split. */
export function tooLarge(what: string, bytes: number, limit?: number): UserError {
  const mb = (n: number): string => (n / 1048576).toFixed(0);
  const most = limit === undefined ? '' : `，最多 ${mb(limit)} MB`;
  const mostEn = limit === undefined ? '' : `; at most ${mb(limit)} MB`;
  return new UserError(
    'TOO_LARGE',
    `${what}太大（${mb(bytes)} MB${most}）：请拆分成几个较小的文件分别处理。`,
    `${en(what)} is too large (${mb(bytes)} MB${mostEn}): split it into several smaller files.`,
  );
}

/** All of stdin; with `limit`, refuses (TOO_LARGE) once more bytes than that have arrived. */
export async function readStdin(limit = Infinity, what = '输入'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(what, size, limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A whole file; with `limit`, a larger file is refused (TOO_LARGE) before it is read. */
export async function readFileBytes(path: string, limit = Infinity, what = '文件'): Promise<Buffer> {
  try {
    if (limit !== Infinity) {
      const size = (await stat(path)).size;
      if (size > limit) throw tooLarge(what, size, limit);
    }
    return await readFile(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why: Record<string, [string, string]> = {
      ENOENT: ['文件不存在，请检查文件名和所在的文件夹', 'it does not exist (ENOENT)'],
      EACCES: ['没有权限读取', 'permission denied (EACCES)'],
      EPERM: ['没有权限读取', 'permission denied (EPERM)'],
      EISDIR: ['这是一个文件夹，请给出文件名', 'it is a folder (EISDIR)'],
    };
    const [zh, en] = why[err.code ?? ''] ?? ['读取失败', err.code ?? err.message];
    throw new UserError('CANNOT_READ', `无法读取文件 ${JSON.stringify(path)}：${zh}`, `Cannot read file ${JSON.stringify(path)}: ${en}`);
  }
}


/**
 * A message given as an argument that is the name of a file here (`dunguard check 短信.txt`): the
 * file's text was meant, and judging its name would give a verdict on nothing. Refused with how
 * to pass the file.
 */
export async function refuseFileName(arg: string, command: string): Promise<void> {
  if (arg.length > 1024 || /[\n\r]/.test(arg)) return;
  if (!(await stat(arg).catch(() => undefined))?.isFile()) return;
  const quoted = /^[\w./-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
  throw new UserError(
    'FILE_NAME_GIVEN',
    `“${arg}”是这台电脑上的一个文件名，不是短信内容。要检查文件里的文字，请用：dunguard ${command} - < ${quoted}`,
    `"${arg}" is the name of a file here, not a message. To check the text in it, use: dunguard ${command} - < ${quoted}`,
  );
}

/** Refuses, clearly, an --out path whose folder does not exist (instead of an internal ENOENT later). */
export async function requireOutFolder(path: string): Promise<void> {
  const { dirname, resolve } = await import('node:path');
  const folder = await stat(dirname(resolve(path))).catch(() => undefined);
  if (folder === undefined || !folder.isDirectory()) {
    throw new UserError(
      'NO_SUCH_FOLDER',
      `无法保存到 ${path}：文件夹 ${dirname(path)} 不存在。请先建好这个文件夹，或换一个已有的文件夹。`,
      `Cannot write ${path}: the folder ${dirname(path)} does not exist. Create it first or choose another folder.`,
    );
  }
}

/**
 * Refuses, clearly and before any work, an --out path that would lose something or be
 * misread: a name whose ending is not one of the kinds the command writes (`report --out
 * case.zip` once wrote a report over an evidence package), an existing folder, or a folder
 * that does not exist. A file of the same kind is replaced, as a save does.
 */
export async function requireOutFile(path: string, endings: readonly string[], what: { zh: string; en: string }): Promise<void> {
  const { extname } = await import('node:path');
  if (/[\\/]$/.test(path)) {
    throw new UserError('BAD_OUT', `无法保存到 ${JSON.stringify(path)}：名字以斜杠结尾，是文件夹的写法，请给出文件名。`, `Cannot write ${JSON.stringify(path)}: it ends in a slash, as a folder does: give a file name.`);
  }
  const ending = extname(path).toLowerCase();
  if (!endings.includes(ending)) {
    const list = endings.join(' ');
    throw new UserError('BAD_OUT', `无法保存到 ${JSON.stringify(path)}：${what.zh}要保存成以 ${list} 结尾的文件，例如 --out 文件名${endings[0]}。`, `Cannot write ${JSON.stringify(path)}: ${what.en} is written as a file ending in ${list}, e.g. --out name${endings[0]}.`);
  }
  await requireOutFolder(path);
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new UserError('BAD_OUT', `无法保存到 ${path}：这是一个文件夹，请给出文件名。`, `Cannot write ${path}: it is a folder: give a file name.`);
  }
}

/**
 * Writes a file the person named with --out; a missing folder or a refused write becomes a
 * clear error instead of an internal ENOENT.
 */
export async function writeOutFile(path: string, data: string | Uint8Array): Promise<void> {
  const { writeFile: write } = await import('node:fs/promises');
  await requireOutFolder(path);
  try {
    await write(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why: Record<string, [string, string]> = {
      EACCES: ['没有权限写入这里', 'permission denied'],
      EPERM: ['没有权限写入这里', 'permission denied'],
      EISDIR: ['这是一个文件夹，请给出文件名', 'it is a folder: give a file name'],
      ENOSPC: ['磁盘已满', 'the disk is full'],
      EROFS: ['这里是只读的', 'read-only file system'],
    };
    const [zh, en] = why[code ?? ''] ?? ['写入失败', (e as Error).message];
    throw new UserError('CANNOT_WRITE', `无法保存到 ${path}：${zh}。`, `Cannot write ${path}: ${en}.`);
  }
}
