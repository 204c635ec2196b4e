/**
 * A period's bound (`--from`/`--to` on the command line, `from`/`to` in the API) read one way
 * everywhere: a date or a local time in the person's zone, or a clear error. An unreadable bound
 * is never passed on as text nor dropped (the API once answered 500 for one, or the whole record).
 */
import { DATE_FORMATS, periodBound } from '../record/time.js';
import { UserError } from './errors.js';

export function readBound(text: string | undefined, end: 'start' | 'end', name: string, tz = 'Asia/Shanghai'): string | undefined {
  if (text === undefined || text === '') return undefined;
  const b = periodBound(text, end, tz);
  if (b === undefined) {
    throw new UserError(
      'BAD_DATE',
      `看不懂 ${name} 的日期“${text}”：请写成 ${DATE_FORMATS.zh}，也可以加上时间，如 2025-11-02 23:15。`,
      `Cannot read the date "${text}" of ${name}: use ${DATE_FORMATS.en}, optionally with a time such as 2025-11-02 23:15.`,
    );
  }
  return b;
}

/**
 * A period's two bounds, read as readBound reads each; a start after the end is refused (it
 * matched nothing, and the answer was an empty list or report with no word why).
 */
export function readPeriod(from: string | undefined, to: string | undefined, names: readonly [string, string], tz = 'Asia/Shanghai'): { from: string | undefined; to: string | undefined } {
  const a = readBound(from, 'start', names[0], tz);
  const b = readBound(to, 'end', names[1], tz);
  if (a !== undefined && b !== undefined && Date.parse(a) > Date.parse(b)) {
    throw new UserError('BAD_PERIOD', `开始日期“${from}”在结束日期“${to}”之后：请对调一下。`, `The start "${from}" is after the end "${to}": swap them.`);
  }
  return { from: a, to: b };
}
