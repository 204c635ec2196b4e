/** `dunguard verify`: walk the audit chain, compare the tables with it, re-hash every evidence file. */
import { verifyAll } from '../service/verify.js';
import { out, type Common } from './output.js';
import { openRecordStorage, requireRecordNotRemoved } from '../service/record-context.js';
import { say, type Lang } from '../present/words.js';
import { findingLine } from '../present/findings.js';

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
  // The store and the vault only: verify needs neither the data bundle nor the engine.
  const ctx = await openRecordStorage(opts.dataDir, { existing: true });
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
          findings.map((f) => findingLine(f, lang, opts.verbose === true)).join('\n'),
    );
    return { text, intact: report.intact };
  } finally {
    await ctx.store.close();
  }
}
