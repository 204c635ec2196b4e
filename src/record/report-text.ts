/**
 * The harassment report as plain text and as a self-contained HTML page (for the evidence
 * package). Every piece of recorded text is escaped; nothing in it becomes a link.
 */
import type { Bilingual } from '../engine/schemas/common.js';
import { escapeHtml } from '../present/safe-text.js';
import { EventList, streamedReport, type Finding, type HarassmentReport, type StreamedFinding, type StreamedReport } from './harassment.js';
import { continuousDays, localDateTime } from './labels.js';

const CBA_GUIDELINE: Bilingual = {
  zh: '中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》（2026年1月30日发布；据媒体报道，不是法律原文）',
  en: 'China Banking Association, guideline on the collection of personal consumer loans (trial), published 30 January 2026 (as reported in the press; not the text of a law)',
};

/**
 * The reference point behind a finding, as a reader needs it: who set it and how firm it is.
 * The settings' own `source` (repository notes, URLs, section numbers of the project's law
 * notes) stays in the JSON for developers.
 */
const REFERENCE: Record<string, Bilingual> = {
  NIGHT_CONTACT: CBA_GUIDELINE,
  UNANSWERED_OVER_LIMIT: CBA_GUIDELINE,
  THIRD_PARTY_CONTACT: CBA_GUIDELINE,
  CONNECTED_OVER_LIMIT: {
    zh: '国家标准 GB/T 45251—2025（据报道，不是法律原文，把握较弱）',
    en: 'National standard GB/T 45251—2025 (as reported; not the text of a law; a weaker source)',
  },
  US_REG_F_7_IN_7: {
    zh: '美国联邦债务催收规则（仅作比较，美国法律不适用于中国）',
    en: 'US Regulation F, 12 CFR 1006.14(b)(2) (a comparison only: US law does not apply in China)',
  },
};

export function referenceOf(f: Pick<Finding, 'id' | 'reference'>, lang: 'zh' | 'en'): string | undefined {
  if (!f.reference) return undefined;
  const known = REFERENCE[f.id];
  if (known) return known[lang];
  return f.reference.strength === 'secondary'
    ? lang === 'zh' ? '行业规范（据报道，不是法律原文）' : 'industry rule (as reported; not the text of a law)'
    : lang === 'zh' ? '参考标准' : 'reference point';
}

/** A finding's detail in the language asked for (the US comparison's notes are built in English: "N calls from DATE"). */
export function detailOf(f: Pick<Finding, 'detail'>, lang: 'zh' | 'en'): string {
  const d = f.detail[lang];
  return lang === 'zh' ? d.replace(/(\d+) calls from (\d{4}-\d{2}-\d{2})/g, '自$2起$1次来电') : d;
}

/** A time zone as people name it: Asia/Shanghai is 北京时间 in Chinese. */
export function zoneName(tz: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh' && (tz === 'Asia/Shanghai' || tz === 'Asia/Chongqing' || tz === 'PRC')) return '北京时间';
  return tz;
}

/** Contacts per day over every day from the first to the last, days without contact as zero. */
export function everyDay(r: Pick<HarassmentReport, 'perDay'>): HarassmentReport['perDay'] {
  return continuousDays(r.perDay, (date) => ({ date, count: 0, night: 0 }));
}

export function reportText(r: HarassmentReport, lang: 'zh' | 'en'): string {
  const L = lang === 'zh';
  const lines = [
    L ? `骚扰情况报告（${r.totals.events} 条记录，${r.totals.numbers} 个号码，${r.totals.lenders} 个自称机构）` : `Harassment report (${r.totals.events} events, ${r.totals.numbers} numbers, ${r.totals.lenders} claimed lenders)`,
    L ? `夜间时段：${r.settings.night_window}（${zoneName(r.settings.timezone, 'zh')}）` : `Night window: ${r.settings.night_window} (${r.settings.timezone})`,
    '',
  ];
  if (r.findings.length === 0) lines.push(L ? '没有发现骚扰特征。' : 'No harassment pattern found.');
  for (const f of r.findings) {
    lines.push(`• ${f.title[lang]}`, `  ${detailOf(f, lang)}`, L ? `  涉及记录：${f.events.length} 条` : `  events: ${f.events.length}`);
    const ref = referenceOf(f, lang);
    if (ref) lines.push(L ? `  参考：${ref}` : `  reference: ${ref}`);
    for (const c of f.law) lines.push(`  ${L ? '依据：' : 'basis: '}${c.law[lang]} ${c.article[lang]} — ${c.summary[lang]}${c.quoted ? '' : L ? '（据报道，非法律原文）' : ' (as reported, not the text of a law)'}`);
  }
  if (r.byNumber.length > 0) {
    lines.push('', L ? '按号码：' : 'By number:');
    for (const n of r.byNumber.slice(0, 20)) lines.push(L ? `  ${n.number}：${n.count} 次（${n.days} 天，单日最多 ${n.maxPerDay} 次）` : `  ${n.number}: ${n.count} (max/day ${n.maxPerDay}, ${n.days} days)`);
  }
  if (r.byLender.length > 0) {
    lines.push('', L ? '按自称机构：' : 'By claimed lender:');
    for (const n of r.byLender.slice(0, 20)) lines.push(L ? `  ${n.lender}：${n.count} 次（单日最多 ${n.maxPerDay} 次）` : `  ${n.lender}: ${n.count} (max/day ${n.maxPerDay})`);
  }
  return lines.join('\n');
}

export function reportHtml(r: HarassmentReport, generatedAt: string, lang: 'zh' | 'en' = 'zh'): string {
  return [...reportHtmlParts(streamedReport(r), generatedAt, lang)].join('');
}

/** Strings of about 64 KiB: each id through `f`, `sep` between them. */
function* batched(ids: Iterable<string>, f: (id: string) => string, sep: string): Generator<string> {
  let parts: string[] = [];
  let len = 0;
  let first = true;
  for (const id of ids) {
    const t = (first ? '' : sep) + f(id);
    first = false;
    parts.push(t);
    len += t.length;
    if (len >= 65536) {
      yield parts.join('');
      parts = [];
      len = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/**
 * report.html in pieces, each finding's events as they are read (see StreamedReport), so a
 * report listing a million events is written and hashed without being held: the pieces
 * joined are reportHtml's text.
 */
export function* reportHtmlParts(r: StreamedReport, generatedAt: string, lang: 'zh' | 'en' = 'zh'): Generator<string> {
  const e = escapeHtml;
  const w = (zh: string, en: string): string => (lang === 'zh' ? zh : en);
  const days = everyDay(r);
  const max = Math.max(1, ...days.map((d) => d.count));
  const bars = days
    .map((d, i) => `<rect x="${i * 12}" y="${120 - (d.count / max) * 110}" width="10" height="${(d.count / max) * 110}" fill="#888"><title>${e(d.date)}: ${d.count}</title></rect><rect x="${i * 12}" y="${120 - (d.night / max) * 110}" width="10" height="${(d.night / max) * 110}" fill="#c33"/>`)
    .join('');
  // One language (Chinese unless asked): a report for a regulator or a court reads as one document.
  yield `<!doctype html><html lang="${w('zh-CN', 'en')}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${w('骚扰情况报告', 'Harassment report')}</title><style>body{font-family:sans-serif;max-width:50em;margin:2em auto}code{font-size:.8em}.ref,.law{color:#444}</style></head><body>
<h1>${w('骚扰情况报告', 'Harassment report')}</h1>
<p>${w('生成时间：', 'Generated: ')}${e(localDateTime(generatedAt, r.settings.timezone, lang))} · ${w(`记录 ${r.totals.events} 条`, `${r.totals.events} events`)} · ${w('夜间时段：', 'night window: ')}${e(r.settings.night_window)}（${e(zoneName(r.settings.timezone, lang))}）</p>
<h2>${w('每日联系次数（红色为夜间）', 'Contacts per day (red: at night)')}</h2>
<svg width="${Math.max(200, days.length * 12)}" height="125" role="img" aria-label="${w('每日联系次数', 'contacts per day')}">${bars}</svg>
<h2>${w('发现', 'Findings')}</h2>
`;
  if (r.findings.length === 0) yield w('<p>没有发现骚扰特征。</p>', '<p>No harassment pattern found.</p>');
  let first = true;
  for (const f of r.findings) {
    yield `${first ? '' : '\n'}<section><h3>${e(f.title[lang])}</h3><p>${e(detailOf(f, lang))}</p>
<p>${w('涉及的记录（编号，与记录表和证据包里的编号相同）：', 'The events (their numbers, as in the record and the evidence package): ')}`;
    first = false;
    yield* batched(f.events.ids(), (id) => `<code>${e(id)}</code>`, ' ');
    yield `</p>
${f.reference ? `<p class="ref">${w('参考：', 'Reference: ')}${e(referenceOf(f, lang)!)}</p>` : ''}
${f.law.map((c) => `<p class="law">${lang === 'zh' ? `${e(c.law.zh)} ${e(c.article.zh)}：${c.quoted && c.text ? `<q>${e(c.text)}</q>` : `${e(c.summary.zh)}（据报道，非法律原文）`}` : `${e(c.law.en)} ${e(c.article.en)}: ${c.quoted && c.text ? `<q>${e(c.text)}</q>` : `${e(c.summary.en)} (as reported, not the law's text)`}`}</p>`).join('')}</section>`;
  }
  yield `
</body></html>
`;
}

/**
 * report.json (JSON.stringify(report, null, 2) and a newline) in pieces, each finding's
 * events as they are read: the pieces joined are that text.
 */
export function* reportJsonParts(r: StreamedReport): Generator<string> {
  const value = (v: unknown, pad: string): string => JSON.stringify(v, null, 2).replace(/\n/g, '\n' + pad);
  yield '{';
  let firstKey = true;
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined || typeof v === 'function') continue;
    yield `${firstKey ? '' : ','}\n  ${JSON.stringify(k)}: `;
    firstKey = false;
    if (k !== 'findings') {
      yield value(v, '  ');
      continue;
    }
    const findings = v as StreamedFinding[];
    if (findings.length === 0) {
      yield '[]';
      continue;
    }
    yield '[';
    for (let i = 0; i < findings.length; i++) {
      yield `${i === 0 ? '' : ','}\n    {`;
      let firstField = true;
      for (const [fk, fv] of Object.entries(findings[i]!)) {
        if (fv === undefined || typeof fv === 'function') continue;
        yield `${firstField ? '' : ','}\n      ${JSON.stringify(fk)}: `;
        firstField = false;
        if (fv instanceof EventList) {
          yield '[';
          let any = false;
          yield* batched(fv.ids(), (id) => {
            any = true;
            return '\n        ' + JSON.stringify(id);
          }, ',');
          yield any ? '\n      ]' : ']';
        } else yield value(fv, '      ');
      }
      yield firstField ? '}' : '\n    }';
    }
    yield '\n  ]';
  }
  yield firstKey ? '}\n' : '\n}\n';
}
