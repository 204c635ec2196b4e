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

/** Where a request's problem is, in words: the part of the request, and the field by a name a person knows. */
const PART_ZH: Record<string, string> = { body: '提交的内容', querystring: '网址参数', params: '网址' };
const FIELD_ZH: Record<string, string> = {
  text: '要检查的内容',
  date: '日期',
  number: '号码',
  n: '号码',
  at: '时间',
  kind: '类型',
  lender: '借款方',
  principal: '本金',
  received: '实际到手金额',
  amount: '金额',
  from: '开始日期',
  to: '结束日期',
  name: '姓名',
  content: '内容',
  reason: '原因',
};

/** A request's first problem as BAD_INPUT's two messages: "提交的内容中“要检查的内容”（text）：类型不对或缺少这一项". */
export function inputProblem(context: string | undefined, path: readonly string[], code: string, message: string): { zh: string; en: string } {
  const field = path[path.length - 1];
  const named = field === undefined ? '' : `“${FIELD_ZH[field] ?? field}”${FIELD_ZH[field] ? `（${field}）` : ''}`;
  const part = context === undefined ? '' : (PART_ZH[context] ?? context);
  const zhWhere = part && named ? `${part}中${named}` : part || named;
  const enWhere = [context, path.join('.')].filter(Boolean).join(' ');
  const msg = message.replace(/^Invalid input: /, '');
  return { zh: `输入有误：${zhWhere}：${ZH_ISSUE[code] ?? '取值无效'}`, en: `Invalid input: ${enWhere}: ${msg}` };
}

/** `value` parsed by `schema`, or a BAD_INPUT error naming the first problem. */
export function requestOf<S extends z.ZodType>(schema: S, value: unknown, context: 'body' | 'querystring' | 'params' = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const m = inputProblem(context, (first?.path ?? []).map(String), String(first?.code), first?.message ?? 'invalid');
  throw new UserError('BAD_INPUT', m.zh, m.en);
}
