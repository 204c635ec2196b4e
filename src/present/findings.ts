/**
 * What a problem the verifier found is about, in the person's language: which audit entry,
 * record, debt or evidence file, and which fields changed — for `dunguard verify` and
 * `dunguard verify-package` alike.
 */
import type { Bilingual } from '../engine/schemas/common.js';
import { FIELD_NAME, say, type Lang } from './words.js';

const ACTION: Record<string, Bilingual> = {
  create: { zh: '新建', en: 'creating' },
  update: { zh: '修改', en: 'changing' },
  delete: { zh: '删除', en: 'deleting' },
  evidence_add: { zh: '添加证据', en: 'adding' },
  evidence_link: { zh: '关联证据', en: 'linking' },
  reanalyse: { zh: '重新判断', en: 'reanalysing' },
};

/** Names of the logged fields a changed row may differ in (others are "other content"). */
const FIELD: Record<string, Bilingual> = {
  ...Object.fromEntries(Object.entries(FIELD_NAME).map(([k, v]) => [k, { zh: v.zh.replace(/（--[^）]*）$/, '').replace(/（--[a-z-]+，/, '（'), en: v.en.replace(/ \(--[^)]*\)$/, '').replace(/\(--[a-z-]+, /, '(') }])),
  analysis: { zh: '判断结果', en: 'analysis' },
  source: { zh: '来源', en: 'source' },
  evidence: { zh: '证据', en: 'evidence' },
  created_at: { zh: '创建时间', en: 'creation time' },
  updated_at: { zh: '修改时间', en: 'change time' },
  deleted_at: { zh: '删除标记', en: 'deletion' },
  lender: { zh: '放贷方', en: 'lender' },
  principal_fen: { zh: '本金', en: 'principal' },
  received_fen: { zh: '到手金额', en: 'amount received' },
  schedule: { zh: '还款计划', en: 'schedule' },
  payments: { zh: '还款', en: 'payments' },
  status: { zh: '状态', en: 'status' },
  rate: { zh: '利率', en: 'rate' },
  name: { zh: '名称', en: 'name' },
  platform: { zh: '平台', en: 'platform' },
  note: { zh: '备注', en: 'note' },
  tagged_at: { zh: '标记时间', en: 'time tagged' },
  removed_at: { zh: '取消标记', en: 'tag removed' },
  size: { zh: '大小', en: 'size' },
};

/** "记录 <id>", "借款 <id>", "本人信息"…: a row of the record as a person knows it, from its entity and id. */
function rowName(entity: string, id: string, lang: Lang): string {
  const w = (zh: string, en: string): string => say(lang, zh, en);
  if (entity === 'event') return w(`记录 ${id}`, `event ${id}`);
  if (entity === 'debt') return w(`借款 ${id}`, `debt ${id}`);
  if (entity === 'lpr') return w(`${id} 的 LPR 数值`, `the LPR value for ${id}`);
  if (entity === 'profile') return w('本人信息', 'your details');
  if (entity === 'tag') return w(`号码 ${id} 的标记`, `the tag on number ${id}`);
  if (entity === 'evidence') return w(`证据文件 ${id} 的登记`, `the entry of evidence file ${id}`);
  if (entity === 'link') {
    const [event, sha] = id.split('/');
    return w(`证据文件 ${sha} 与记录 ${event} 的关联`, `the link of evidence file ${sha} to event ${event}`);
  }
  return w('一条记录', 'a row');
}

function fieldList(list: string, lang: Lang): string {
  const names = new Set(list.split(', ').map((k) => FIELD[k]?.[lang] ?? say(lang, '其他内容', 'other content')));
  return [...names].join(say(lang, '、', ', '));
}

/**
 * What a finding is about, in the person's language: which audit entry, record, debt or
 * evidence file, without the names of columns or codes. Read from the verifier's technical
 * detail (src/record/verify.ts, src/store/vault.ts); a detail of another form gives only
 * the entry numbers and ids in it.
 */
export function findingText(f: { kind: string; detail: string }, lang: Lang): string {
  const w = (zh: string, en: string): string => say(lang, zh, en);
  const d = f.detail;
  const ID = '([^\\s:]+)';
  const m = (re: string): RegExpExecArray | null => new RegExp(`^${re}$`).exec(d);
  let r: RegExpExecArray | null;
  if ((r = m('entry (\\d+) appears after entry (\\d+)'))) return w(`第 ${r[1]} 条排在第 ${r[2]} 条之后`, `entry ${r[1]} comes after entry ${r[2]}`);
  if ((r = m('entries (\\d+)–(\\d+) are missing'))) return r[1] === r[2] ? w(`缺第 ${r[1]} 条`, `entry ${r[1]}`) : w(`缺第 ${r[1]}–${r[2]} 条`, `entries ${r[1]}–${r[2]}`);
  if ((r = m(`entry (\\d+) \\((\\w+) (\\w+) ${ID}\\) was changed after it was written`))) {
    const action = ACTION[r[2]!]?.[lang];
    return w(`第 ${r[1]} 条（${action ? `${action}：` : ''}${rowName(r[3]!, r[4]!, lang)}）`, `entry ${r[1]} (${action ? `${action} ` : ''}${rowName(r[3]!, r[4]!, lang)})`);
  }
  if ((r = m('entry (\\d+) (?:does not follow the entry before it|has an unreadable payload)'))) return w(`第 ${r[1]} 条`, `entry ${r[1]}`);
  if ((r = m('the chain ends at entry (\\d+) but the recorded head is entry (\\d+).*')))
    return w(`审计日志现在到第 ${r[1]} 条为止，但记下的末端是第 ${r[2]} 条`, `the log now ends at entry ${r[1]}, but its recorded end is entry ${r[2]}`);
  if ((r = m(`event ${ID}: its UTC time .*`))) return w(`记录 ${r[1]} 用来按日期查找的时间与它记下的时间对不上`, `the time event ${r[1]} is found by does not match its recorded time`);
  if ((r = m(`event ${ID}: its import key \\(import_key\\) was removed`))) return w(`记录 ${r[1]} 的导入标记被删除了`, `the import mark of event ${r[1]} was removed`);
  if ((r = m(`event ${ID}: has an import key .*`))) return w(`记录 ${r[1]} 带有导入标记，但它不是导入的`, `event ${r[1]} has an import mark but was not imported`);
  if ((r = m(`event ${ID}: its import key .*`))) return w(`记录 ${r[1]} 的导入标记与导入的内容对不上`, `the import mark of event ${r[1]} does not match what was imported`);
  if ((r = m(`evidence ${ID} is linked to event ${ID} but the link was never logged`))) return rowName('link', `${r[2]}/${r[1]}`, lang);
  if ((r = m(`(event|debt|lpr|profile|tag|evidence) ${ID} is in the table but was never logged`))) return rowName(r[1]!, r[2]!, lang);
  if ((r = m(`(event|debt|lpr|profile|tag|evidence(?: record)?) ${ID} differs from its (?:last )?logged state \\((.*)\\)`))) {
    const what = rowName(r[1]!.replace(' record', ''), r[2]!, lang);
    return r[3] === 'fields differ' || r[3] === '' ? what : w(`${what}（改动的内容：${fieldList(r[3]!, 'zh')}）`, `${what} (changed: ${fieldList(r[3]!, 'en')})`);
  }
  if ((r = m(`the link ${ID} \\(event/evidence\\) was logged but .*`))) return rowName('link', r[1]!, lang);
  if ((r = m(`(event|debt|lpr|profile|tag|evidence) ${ID} was logged but .*`))) return rowName(r[1]!, r[2]!, lang);
  if ((r = m(`evidence file ${ID} is missing from the vault`))) return w(`证据文件 ${r[1]}`, `evidence file ${r[1]}`);
  if ((r = m(`evidence file ${ID} was modified \\(its content now hashes to ${ID}\\)`))) return w(`证据文件 ${r[1]}（现在的指纹是 ${r[2]}）`, `evidence file ${r[1]} (its fingerprint is now ${r[2]})`);
  if ((r = m(`evidence file ${ID} has size (\\d+), recorded (\\d+)`))) return w(`证据文件 ${r[1]}（现在 ${r[2]} 字节，登记的是 ${r[3]} 字节）`, `evidence file ${r[1]} (${r[2]} bytes now, ${r[3]} recorded)`);
  if ((r = m('the record was seen with (\\d+) audit entries and now ends at (\\d+): entries were removed')))
    return w(`之前见到审计日志有 ${r[1]} 条，现在只到第 ${r[2]} 条`, `the log was seen with ${r[1]} entries and now ends at entry ${r[2]}`);
  if (d === "the record's database was removed or replaced after it was opened") return w('打开之后，数据库文件被删除或替换了', 'its database file was removed or replaced after it was opened');
  // Another form: the entry numbers and ids in it, names rather than words.
  const ids = new Set<string>();
  for (const x of d.matchAll(/\bentry (\d+)\b/g)) ids.add(w(`第 ${x[1]} 条`, `entry ${x[1]}`));
  for (const x of d.matchAll(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{64}\b/g)) ids.add(x[0]);
  return [...ids].join(w('、', ', '));
}

/** What each kind of finding means, for a person. */
export const FINDING: Record<string, Bilingual> = {
  hash_mismatch: { zh: '审计日志中的一条在写入后被改动过', en: 'an audit entry was changed after it was written' },
  broken_link: { zh: '审计日志的前后条目接不上（中间有条目被删除或替换）', en: 'an audit entry does not follow the one before it' },
  missing_entry: { zh: '审计日志缺了条目（编号不连续）', en: 'audit entries are missing (numbers skip)' },
  out_of_order: { zh: '审计日志的条目顺序被打乱', en: 'audit entries are out of order' },
  bad_payload: { zh: '审计日志中的一条内容无法读取', en: 'an audit entry cannot be read' },
  head_mismatch: { zh: '审计日志末尾的条目被删除或替换过', en: 'entries at the end of the audit log were removed or replaced' },
  row_changed: { zh: '一条记录与审计日志里的不一致（被直接改动过）', en: 'a row differs from its logged state' },
  row_missing: { zh: '一条记录在审计日志里有，但在记录里不见了', en: 'a logged row is gone from the record' },
  row_unlogged: { zh: '一条记录没有经过审计日志就出现了', en: 'a row was never logged' },
  file_missing: { zh: '一个证据文件不见了', en: 'an evidence file is missing' },
  record_missing: { zh: '记录的数据库被删除、替换或清空过（审计日志比之前见到的短）', en: 'the record\'s database was removed, replaced or emptied (the audit log is shorter than it was seen)' },
  file_changed: { zh: '一个证据文件的内容被改动过（指纹对不上）', en: 'an evidence file was changed (its hash differs)' },
  file_size_changed: { zh: '一个证据文件的大小变了', en: 'an evidence file changed size' },
};

/** A finding as `verify` prints it: what it means, then which entry or file; `verbose` adds its code and the verifier's technical detail. */
export function findingLine(f: { kind: string; detail: string }, lang: Lang, verbose = false): string {
  const name = FINDING[f.kind]?.[lang] ?? f.kind;
  const text = findingText(f, lang);
  const line = `  ${name}${text ? say(lang, `：${text}`, `: ${text}`) : ''}`;
  // --verbose: the problem's code and the verifier's own (technical, English) detail.
  return verbose ? `${line}\n    [${f.kind}] ${f.detail}` : line;
}
