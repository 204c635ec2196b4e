/**
 * The CLI's words in the person's language: debt statuses, limitation events, number
 * flags, field names and the text of validation errors (names of verdicts, event kinds,
 * contacted parties and lender kinds are in src/record/labels.ts, shared with the page). Human output
 * follows `--lang` (Chinese by default); `--json` keeps the stable codes.
 */
import type { Bilingual } from '../engine/schemas/common.js';
import { CONTACTED_LABEL, EVENT_KIND_LABEL, LENDER_KIND_LABEL } from '../record/labels.js';

export type Lang = 'zh' | 'en';

/** The one of two texts for the language. */
export const say = (lang: Lang | undefined, zh: string, en: string): string => (lang === 'en' ? en : zh);

/** The language of human output: `--lang en` (or `--lang=en`) anywhere on the command line, else Chinese. */
export function langOf(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang' && argv[i + 1] === 'en') return 'en';
    if (a === '--lang=en') return 'en';
  }
  return 'zh';
}

export const DEBT_STATUS_NAME: Record<string, Bilingual> = {
  active: { zh: '正常还款中', en: 'active' },
  overdue: { zh: '已逾期', en: 'overdue' },
  settled: { zh: '已结清', en: 'settled' },
  disputed: { zh: '有争议', en: 'disputed' },
};

export const LIMITATION_EVENT_NAME: Record<string, Bilingual> = {
  demand: { zh: '对方催讨', en: 'a demand' },
  acknowledgement: { zh: '本人承认欠款', en: 'an acknowledgement' },
  part_payment: { zh: '部分还款', en: 'a part payment' },
  lawsuit: { zh: '起诉', en: 'a lawsuit' },
};

export const NUMBER_FLAG_NAME: Record<string, Bilingual> = {
  not_a_number: { zh: '不是电话号码', en: 'not a phone number' },
  odd_prefix: { zh: '异常前缀', en: 'odd prefix' },
  international: { zh: '境外号码', en: 'international number' },
  invalid: { zh: '无效号码', en: 'invalid number' },
  official_anti_fraud: { zh: '官方反诈号码', en: 'official anti-fraud number' },
  virtual_operator: { zh: '虚拟运营商号段', en: 'virtual-operator range' },
  too_long: { zh: '位数过长', en: 'too long' },
};

/** The names of the fields a person types, by their key in the record. */
export const FIELD_NAME: Record<string, Bilingual> = {
  kind: { zh: '类型（--kind）', en: 'kind (--kind)' },
  occurred_at: { zh: '时间（--at）', en: 'time (--at)' },
  time_zone: { zh: '时区（--tz）', en: 'time zone (--tz)' },
  number: { zh: '号码', en: 'number' },
  contacted: { zh: '联系对象（--contacted）', en: 'who was contacted (--contacted)' },
  debt_disclosed: { zh: '是否透露欠款', en: 'debt disclosed' },
  duration_s: { zh: '通话时长（--duration，秒）', en: 'duration (--duration, seconds)' },
  content: { zh: '内容（--text）', en: 'text (--text)' },
  notes: { zh: '备注（--notes）', en: 'notes (--notes)' },
  claimed: { zh: '对方自称的身份', en: 'claimed identity' },
  company: { zh: '公司（--company）', en: 'company (--company)' },
  platform: { zh: '平台（--platform）', en: 'platform (--platform)' },
  employee_no: { zh: '工号（--employee-no）', en: 'employee number (--employee-no)' },
  role: { zh: '身份（--role）', en: 'role (--role)' },
};

/** Names of the allowed values of a field, for "must be one of" messages. */
const VALUE_NAMES: Record<string, Record<string, Bilingual>> = {
  kind: EVENT_KIND_LABEL,
  contacted: CONTACTED_LABEL,
};

/** "sms（短信）、visit（上门）…": the values a person may type, with their names. */
export function allowedValues(field: string, values: readonly string[], lang: Lang): string {
  const names = VALUE_NAMES[field];
  return values.map((v) => (names?.[v] ? (lang === 'zh' ? `${v} ${names[v].zh}` : `${v} (${names[v].en})`) : v)).join(lang === 'zh' ? '、' : ', ');
}

/** A validation problem of one field (a zod issue) in plain words, allowed values named. */
export function issueText(issue: { path: readonly PropertyKey[]; code: string; values?: readonly unknown[]; message: string; maximum?: unknown; minimum?: unknown }, lang: Lang): string {
  const key = String(issue.path[issue.path.length - 1] ?? '');
  const field = FIELD_NAME[key]?.[lang] ?? key;
  if (issue.code === 'invalid_value' && issue.values !== undefined) {
    const values = issue.values.map(String);
    return say(lang, `${field}只能是以下之一：${allowedValues(key, values, 'zh')}`, `${field} must be one of: ${allowedValues(key, values, 'en')}`);
  }
  if (issue.code === 'too_big') return say(lang, `${field}太大或太长（最多 ${String(issue.maximum)}）`, `${field} is too large or too long (at most ${String(issue.maximum)})`);
  if (issue.code === 'too_small') return say(lang, `${field}太小或太短（至少 ${String(issue.minimum)}）`, `${field} is too small or too short (at least ${String(issue.minimum)})`);
  if (issue.code === 'invalid_type') return say(lang, `${field}无效：${key === 'duration_s' ? '请填写整数秒数' : '缺少或格式不对'}`, `${field} is invalid: ${key === 'duration_s' ? 'give whole seconds' : 'missing or of the wrong type'}`);
  if (issue.code === 'unrecognized_keys') return say(lang, '有不认识的字段', 'there are unknown fields');
  return say(lang, `${field}无效`, `${field} is invalid: ${issue.message}`);
}

/** The headings commander prints in `--help`. */
export const HELP_HEADING: Record<string, Bilingual> = {
  'Usage:': { zh: '用法：', en: 'Usage:' },
  'Arguments:': { zh: '参数：', en: 'Arguments:' },
  'Options:': { zh: '选项：', en: 'Options:' },
  'Global Options:': { zh: '通用选项：', en: 'Global Options:' },
  'Commands:': { zh: '命令：', en: 'Commands:' },
};

/** What goes in the `<…>` and `[…]` of a usage line or an option in `--help`, by its name there. */
export const PLACEHOLDER_NAME: Record<string, Bilingual> = {
  options: { zh: '选项', en: 'options' },
  command: { zh: '命令', en: 'command' },
  text: { zh: '内容', en: 'text' },
  number: { zh: '号码', en: 'number' },
  date: { zh: '日期', en: 'date' },
  time: { zh: '时间', en: 'time' },
  zone: { zh: '时区', en: 'zone' },
  window: { zh: '时段', en: 'window' },
  lang: { zh: '语言', en: 'lang' },
  dir: { zh: '文件夹', en: 'dir' },
  file: { zh: '文件', en: 'file' },
  port: { zh: '端口', en: 'port' },
  address: { zh: '地址', en: 'address' },
  kind: { zh: '类型', en: 'kind' },
  tag: { zh: '标记', en: 'tag' },
  type: { zh: '类型', en: 'type' },
  format: { zh: '格式', en: 'format' },
  status: { zh: '状态', en: 'status' },
  name: { zh: '名称', en: 'name' },
  no: { zh: '编号', en: 'no' },
  id: { zh: '编号', en: 'id' },
  role: { zh: '身份', en: 'role' },
  who: { zh: '联系对象', en: 'who' },
  seconds: { zh: '秒数', en: 'seconds' },
  notes: { zh: '备注', en: 'notes' },
  reason: { zh: '原因', en: 'reason' },
  source: { zh: '出处', en: 'source' },
  yuan: { zh: '金额', en: 'yuan' },
  n: { zh: '期数', en: 'n' },
  month: { zh: '月份', en: 'month' },
  rate: { zh: '利率', en: 'rate' },
  phone: { zh: '电话', en: 'phone' },
  '4 chars': { zh: '后四位', en: '4 chars' },
};

/** Names a person may type for a choice (`--kind bank`, `--lang en`…), with what they mean. */
const CHOICE_NAME: Record<string, Bilingual> = {
  ...LENDER_KIND_LABEL,
  ...DEBT_STATUS_NAME,
  zh: { zh: '中文', en: 'Chinese' },
  en: { zh: '英文', en: 'English' },
  csv: { zh: 'CSV 表格', en: 'CSV' },
  json: { zh: 'JSON', en: 'JSON' },
  md: { zh: 'Markdown 文本', en: 'Markdown' },
  html: { zh: '网页', en: 'HTML' },
  pdf: { zh: 'PDF', en: 'PDF' },
};

/** "bank 银行、consumer_finance 消费金融公司…" (zh) or "bank (Bank), …" (en): the choices of an option, named. */
export const choiceNames = (choices: readonly string[], lang: Lang): string =>
  choices.map((c) => (CHOICE_NAME[c] ? say(lang, `${c} ${CHOICE_NAME[c].zh}`, `${c} (${CHOICE_NAME[c].en})`) : c)).join(say(lang, '、', ', '));
