/**
 * A request body or query checked against the HTTP API's schema (src/server/schemas.ts) where
 * no server does it: the offline app's worker answers the same routes, and refuses bad input
 * with the same Chinese error as the server's error handler.
 */
import type { z } from 'zod';
import { UserError } from './errors.js';

/** Zod issue codes in words a person reads (the English message is kept beside it). */
export const ZH_ISSUE: Record<string, string> = {
  invalid_type: '类型不对或缺少这一项',
  too_big: '太长或太大',
  too_small: '太短、为空或太小',
  invalid_format: '格式不对',
  invalid_value: '不是允许的取值',
  unrecognized_keys: '有不认识的字段',
  invalid_union: '格式不对',
  custom: '取值无效',
};

/** `value` parsed by `schema`, or a BAD_INPUT error naming the first problem ("body lender: …"). */
export function requestOf<S extends z.ZodType>(schema: S, value: unknown, context: 'body' | 'querystring' | 'params' = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = [context, (first?.path ?? []).map(String).join('.')].filter(Boolean).join(' ');
  const msg = (first?.message ?? 'invalid').replace(/^Invalid input: /, '');
  throw new UserError('BAD_INPUT', `输入有误：${where}：${ZH_ISSUE[String(first?.code)] ?? msg}`, `Invalid input: ${where}: ${msg}`);
}
