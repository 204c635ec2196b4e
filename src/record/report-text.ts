/**
 * The harassment report as plain text and as a self-contained HTML page (for the evidence
 * package). Every piece of recorded text is escaped; nothing in it becomes a link.
 */
import { escapeHtml } from '../present/safe-text.js';
import type { HarassmentReport } from './harassment.js';

export function reportText(r: HarassmentReport, lang: 'zh' | 'en'): string {
  const L = lang === 'zh';
  const lines = [
    L ? `骚扰情况报告（${r.totals.events} 条记录，${r.totals.numbers} 个号码，${r.totals.lenders} 个自称机构）` : `Harassment report (${r.totals.events} events, ${r.totals.numbers} numbers, ${r.totals.lenders} claimed lenders)`,
    L ? `夜间时段：${r.settings.night_window}（${r.settings.timezone}）` : `Night window: ${r.settings.night_window} (${r.settings.timezone})`,
    '',
  ];
  if (r.findings.length === 0) lines.push(L ? '没有发现骚扰特征。' : 'No harassment pattern found.');
  for (const f of r.findings) {
    lines.push(`• ${f.title[lang]}`, `  ${f.detail[lang]}`, `  ${L ? '涉及记录' : 'events'}: ${f.events.length}`);
    if (f.reference) lines.push(`  ${L ? '参考' : 'reference'}: ${f.reference.source} (${f.reference.strength})`);
    for (const c of f.law) lines.push(`  ${L ? '依据' : 'basis'}: ${c.law[lang]} ${c.article[lang]} — ${c.summary[lang]}${c.quoted ? '' : L ? '（据报道，非法律原文）' : ' (as reported, not the text of a law)'}`);
  }
  if (r.byNumber.length > 0) {
    lines.push('', L ? '按号码：' : 'By number:');
    for (const n of r.byNumber.slice(0, 20)) lines.push(`  ${n.number}: ${n.count} (${L ? '单日最多' : 'max/day'} ${n.maxPerDay}, ${n.days} ${L ? '天' : 'days'})`);
  }
  if (r.byLender.length > 0) {
    lines.push('', L ? '按自称机构：' : 'By claimed lender:');
    for (const n of r.byLender.slice(0, 20)) lines.push(`  ${n.lender}: ${n.count} (${L ? '单日最多' : 'max/day'} ${n.maxPerDay})`);
  }
  return lines.join('\n');
}

export function reportHtml(r: HarassmentReport, generatedAt: string): string {
  const e = escapeHtml;
  const max = Math.max(1, ...r.perDay.map((d) => d.count));
  const bars = r.perDay
    .map((d, i) => `<rect x="${i * 12}" y="${120 - (d.count / max) * 110}" width="10" height="${(d.count / max) * 110}" fill="#888"><title>${e(d.date)}: ${d.count}</title></rect><rect x="${i * 12}" y="${120 - (d.night / max) * 110}" width="10" height="${(d.night / max) * 110}" fill="#c33"/>`)
    .join('');
  const findings = r.findings
    .map(
      (f) => `<section><h3>${e(f.title.zh)} / ${e(f.title.en)}</h3><p>${e(f.detail.zh)}</p><p>${e(f.detail.en)}</p>
<p>Events: ${f.events.map((id) => `<code>${e(id)}</code>`).join(' ')}</p>
${f.reference ? `<p class="ref">参考 / Reference: ${e(f.reference.source)} (${e(f.reference.strength)})</p>` : ''}
${f.law.map((c) => `<p class="law">${e(c.law.zh)} ${e(c.article.zh)}：${c.quoted && c.text ? `<q>${e(c.text)}</q>` : `${e(c.summary.zh)}（据报道，非法律原文）`}</p>`).join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>骚扰情况报告 / Harassment report</title><style>body{font-family:sans-serif;max-width:50em;margin:2em auto}code{font-size:.8em}.ref,.law{color:#444}</style></head><body>
<h1>骚扰情况报告 / Harassment report</h1>
<p>生成时间 / Generated: ${e(generatedAt)} · 记录 / events: ${r.totals.events} · 夜间时段 / night window: ${e(r.settings.night_window)} (${e(r.settings.timezone)})</p>
<h2>每日联系次数（红色为夜间）/ Contacts per day (red: at night)</h2>
<svg width="${Math.max(200, r.perDay.length * 12)}" height="125" role="img" aria-label="contacts per day">${bars}</svg>
<h2>发现 / Findings</h2>
${findings || '<p>没有发现骚扰特征 / No harassment pattern found.</p>'}
</body></html>
`;
}
