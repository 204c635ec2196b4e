/** `dunguard verify`: walk the audit chain, compare the tables with it, re-hash every evidence file. */
import { verifyAll } from '../service/verify.js';
import { out, type Common } from './output.js';
import { openRecord, requireRecordNotRemoved } from '../service/record-context.js';
import { say, type Lang } from '../present/words.js';
import { findingText } from '../present/findings.js';
import type { Bilingual } from '../engine/schemas/common.js';

/** What each kind of finding means, for a person. */
const FINDING: Record<string, Bilingual> = {
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
  file_changed: { zh: '一个证据文件的内容被改动过（指纹对不上）', en: 'an evidence file was changed (its hash differs)' },
  file_size_changed: { zh: '一个证据文件的大小变了', en: 'an evidence file changed size' },
};

function finding(f: { kind: string; detail: string }, lang: Lang, verbose: boolean): string {
  const name = FINDING[f.kind]?.[lang] ?? f.kind;
  const text = findingText(f, lang);
  const line = `  ${name}${text ? say(lang, `：${text}`, `: ${text}`) : ''}`;
  // --verbose: the problem's code and the verifier's own (technical, English) detail.
  return verbose ? `${line}\n    [${f.kind}] ${f.detail}` : line;
}

function note(n: string, lang: Lang): string {
  if (lang === 'en') return `note: ${n}`;
  let m: RegExpExecArray | null;
  if ((m = /^vault file (\S+) is not part of the record/.exec(n))) return `说明：证据库里的文件 ${m[1]} 不属于任何记录（上次添加证据时被中断留下的，无害）`;
  if ((m = /^removed (\d+) temporary file/.exec(n))) return `说明：清理了 ${m[1]} 个上次添加证据被中断时留下的临时文件`;
  if ((m = /^(\d+) temporary file\(s\) in the vault are being written/.exec(n))) return `说明：有 ${m[1]} 个临时文件正在被另一个运行中的 dunguard 写入，已保留`;
  return '说明：证据库里有一个无关紧要的情况（加 --lang en 可看详情）';
}

export async function runVerify(opts: Common): Promise<{ text: string; intact: boolean }> {
  requireRecordNotRemoved(opts.dataDir);
  const ctx = await openRecord(opts.dataDir, { existing: true });
  try {
    const report = await verifyAll(ctx);
    const findings = report.findings;
    const lang = opts.lang ?? 'zh';
    const text = out(opts, report, () =>
      report.intact
        ? say(
            lang,
            `记录完整，没有被改动：审计日志 ${report.entries} 条，来电和短信记录 ${report.events} 条，证据文件 ${report.evidence} 个，全部核对无误。\n审计链末端指纹：${report.head?.hash ?? '（空记录）'}\n（可以把这个指纹抄在别处保存；以后核对时一致，就说明记录没有被改过。）`,
            `intact: ${report.entries} audit entries, ${report.events} events, ${report.evidence} evidence files; head ${report.head?.hash ?? '-'}`,
          ) + (report.notes.length ? '\n' + report.notes.map((n) => note(n, lang)).join('\n') : '')
        : say(lang, `记录不完整：发现 ${findings.length} 个问题：`, `NOT INTACT — ${findings.length} problem(s):`) +
          '\n' +
          findings.map((f) => finding(f, lang, opts.verbose === true)).join('\n'),
    );
    return { text, intact: report.intact };
  } finally {
    await ctx.close();
  }
}
