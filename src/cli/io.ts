/** Reading input for the CLI: stdin or a file, as strict UTF-8, with errors a person understands. */
import { readFile } from 'node:fs/promises';
import { UserError } from '../service/errors.js';

export { UserError };
export { todayInShanghai } from '../record/time.js';


const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes strict UTF-8 (a leading BOM is dropped); throws UserError on invalid bytes. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new UserError(
      'INVALID_UTF8',
      `${what}不是有效的 UTF-8 文本（可能是 GBK 等其他编码）：请先转换为 UTF-8。`,
      `${what === '输入' ? 'The input' : what} is not valid UTF-8 (perhaps GBK or another encoding): convert it to UTF-8 first.`,
    );
  }
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UserError(
      'CANNOT_READ',
      `无法读取文件 ${JSON.stringify(path)}：${err.code ?? err.message}`,
      `Cannot read file ${JSON.stringify(path)}: ${err.code ?? err.message}`,
    );
  }
}

