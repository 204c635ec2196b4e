/** Writing a PDF: a missing Chinese font becomes an error a person can act on. Shared by the CLI and the server. */
import { UserError } from './errors.js';

export async function withCjkFont<T>(f: () => Promise<T>): Promise<T> {
  const { FontMissingError } = await import('../act/pdf.js');
  try {
    return await f();
  } catch (e) {
    if (e instanceof FontMissingError) throw new UserError('NO_FONT', `找不到中文字体，无法生成PDF：${e.message}`, `Cannot write the PDF: ${e.message}`);
    throw e;
  }
}
