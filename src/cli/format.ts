/**
 * Human-readable output of a check and of a number inspection, in Chinese or English.
 * Untrusted message text goes through safeForTerminal: controls made visible, links defanged.
 */
import type { CheckResult, NumberInfo } from '../engine/schemas/result.js';
import { safeForTerminal } from '../present/safe-text.js';

import { NUMBER_FLAG_NAME, type Lang } from '../present/words.js';

export type { Lang };

export interface Style {
  readonly color: boolean;
  /** Also show internal references (signal ids and weights, data sources): --verbose. */
  readonly verbose?: boolean;
}

const ansi = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

const VERDICT_COLOUR: Record<CheckResult['verdict'], string> = {
  scam: '1;31',
  collection_violation: '1;33',
  collection: '1;32',
  other: '1',
};

const T = {
  zh: {
    verdict: '判定',
    confidence: '把握',
    text: '原文（⟦⟧ 内为匹配到的词句，编号对应下面的原因）',
    reasons: '原因',
    law: '法律依据',
    reported: '（行业规范，据媒体报道，非法律原文）',
    quotedFrom: '原文',
    next: '下一步',
    ask: '可以这样问对方',
    never: '千万不要',
    number: '来电号码',
    notes: '说明',
    weight: '权重',
    strength: { verified: '已核实', corroborated: '已互相印证', secondary: '二手来源' },
  },
  en: {
    verdict: 'Verdict',
    confidence: 'confidence',
    text: 'Text (⟦⟧ marks what matched; numbers point to the reasons below)',
    reasons: 'Why',
    law: 'Legal basis',
    reported: '(industry rule as reported in the news, not the text of a law)',
    quotedFrom: 'Text',
    next: 'What to do next',
    ask: 'Questions to ask the caller',
    never: 'Never',
    number: 'Caller number',
    notes: 'Notes',
    weight: 'weight',
    strength: { verified: 'verified', corroborated: 'corroborated', secondary: 'secondary source' },
  },
} as const;

/** The message with every matched span marked and numbered by its reason. */
export function markSpans(result: CheckResult, style: Style): string {
  const reasonNo = new Map(result.reasons.map((r, i) => [r.signal, i + 1]));
  const marks: { start: number; end: number; no: Set<number> }[] = [];
  for (const s of result.signals) {
    const no = reasonNo.get(s.id);
    for (const sp of s.spans) marks.push({ start: sp.start, end: sp.end, no: new Set(no ? [no] : []) });
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlapping marks so each region is marked once.
  const merged: typeof marks = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last !== undefined && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      m.no.forEach((n) => last.no.add(n));
    } else merged.push({ ...m, no: new Set(m.no) });
  }
  const text = result.text;
  let out = '';
  let pos = 0;
  for (const m of merged) {
    out += safeForTerminal(text.slice(pos, m.start));
    const inner = safeForTerminal(text.slice(m.start, m.end));
    const tag = [...m.no].sort((a, b) => a - b).join(',');
    out += style.color ? ansi(true, '1;4;31', inner) + ansi(true, '2', tag ? `(${tag})` : '') : `⟦${inner}⟧${tag ? `(${tag})` : ''}`;
    pos = m.end;
  }
  return out + safeForTerminal(text.slice(pos));
}

const MAX_SHOWN_TEXT = 4000;

export function formatCheck(result: CheckResult, lang: Lang, style: Style): string {
  const t = T[lang];
  const lines: string[] = [];
  // Never print certainty: 100 % would claim more than any check can know.
  const pct = Math.min(99, Math.max(1, Math.round(result.confidence * 100)));
  lines.push(`${t.verdict}: ${ansi(style.color, VERDICT_COLOUR[result.verdict], result.label[lang])}  (${t.confidence} ${pct}%)`);
  lines.push(result.summary[lang]);
  lines.push('');
  lines.push(`${t.text}:`);
  let marked = markSpans(result, style);
  if (result.text.length > MAX_SHOWN_TEXT) marked = marked.slice(0, MAX_SHOWN_TEXT) + ' …';
  lines.push('  ' + marked.replace(/\n/g, '\n  '));
  if (result.reasons.length > 0) {
    lines.push('', `${t.reasons}:`);
    result.reasons.forEach((r, i) => {
      const sig = result.signals.find((s) => s.id === r.signal);
      const w = sig && style.verbose ? ` [${r.signal} ${t.weight} ${sig.weight > 0 ? '+' : ''}${sig.weight}]` : '';
      lines.push(` ${i + 1}. ${r.title[lang]}${ansi(style.color, '2', w)}`);
      lines.push(`    ${r.explain[lang]}`);
      for (const a of r.advice?.[lang] ?? []) lines.push(`    → ${a}`);
    });
  }
  if (result.law.length > 0) {
    lines.push('', `${t.law}:`);
    for (const c of result.law) {
      const head = `${c.law[lang]} ${c.article[lang]}（${t.strength[c.strength]}）`;
      lines.push(` • ${head}`);
      lines.push(`   ${c.summary[lang]}${c.quoted ? '' : ' ' + t.reported}`);
      if (c.quoted && c.text !== undefined && lang === 'zh') {
        const first = c.text.split('\n').slice(0, 3).join(' ');
        lines.push(`   ${t.quotedFrom}：“${first.length > 160 ? first.slice(0, 160) + '……' : first}”`);
      }
    }
  }
  if (result.number !== undefined) lines.push('', formatNumber(result.number, lang, style));
  lines.push('', `${t.next}:`);
  result.next_steps[lang].forEach((s, i) => lines.push(` ${i + 1}. ${s}`));
  if (result.verdict !== 'other') {
    lines.push('', `${t.ask}:`);
    result.caller_questions[lang].forEach((s, i) => lines.push(` ${i + 1}. ${s}`));
  }
  lines.push('', `${t.never}:`);
  result.never_do[lang].forEach((s) => lines.push(` ✗ ${s}`));
  if (result.notes.length > 0) {
    lines.push('', `${t.notes}:`);
    result.notes.forEach((n) => lines.push(` • ${n[lang]}`));
  }
  return lines.join('\n') + '\n';
}

const KIND = {
  zh: {
    mobile: '手机号码',
    fixed_line: '固定电话',
    toll_free: '400/800 热线',
    service: '95/96 服务号码',
    government: '12xxx 政府服务热线',
    sms_port: '106 短信端口',
    short: '短号码',
    international: '境外号码',
    malformed: '无效或可疑的号码',
  },
  en: {
    mobile: 'mobile number',
    fixed_line: 'fixed line',
    toll_free: '400/800 hotline',
    service: '95/96 service number',
    government: '12xxx government hotline',
    sms_port: '106 SMS port',
    short: 'short number',
    international: 'international number',
    malformed: 'malformed or suspicious number',
  },
} as const;

export function formatNumber(info: NumberInfo, lang: Lang, style: Style): string {
  const t = T[lang];
  const lines = [`${t.number}${lang === 'zh' ? '：' : ': '}${safeForTerminal(info.normalised)} — ${KIND[lang][info.kind]}`];
  if (info.area_code) lines.push(lang === 'zh' ? `  区号：${info.area_code}` : `  area code: ${info.area_code}`);
  if (info.country) lines.push(lang === 'zh' ? `  国家或地区代码：${info.country}` : `  country: ${info.country}`);
  if (info.official) {
    lines.push(`  ${info.official.name[lang]}${lang === 'zh' ? '：' : ': '}${info.official.purpose[lang]}`);
    lines.push(
      style.verbose
        ? `  (${lang === 'zh' ? '来源' : 'source'}: ${info.official.source}; ${t.strength[info.official.strength]})`
        : `  ${lang === 'zh' ? `（公开资料，${t.strength[info.official.strength]}）` : `(public sources, ${t.strength[info.official.strength]})`}`,
    );
  }
  for (const n of info.notes[lang]) lines.push(`  • ${n}`);
  if (info.flags.length > 0) {
    const names = info.flags.map((f) => NUMBER_FLAG_NAME[f]?.[lang] ?? f);
    lines.push(lang === 'zh' ? `  特征：${names.join('、')}` : `  flags: ${names.join(', ')}`);
  }
  return lines.join('\n');
}
