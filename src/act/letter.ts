/**
 * Letters: a template (data/act/letters) filled from the record — the user's profile, the
 * events, the harassment findings, the debt, the evidence hashes — with its legal basis in
 * the version in force on the incident dates. Rendered as Markdown or as HTML (every value
 * escaped, nothing clickable). Pure.
 */
import Mustache from 'mustache';
import type { LawTable } from '../engine/law.js';
import type { Citation } from '../engine/schemas/result.js';
import { escapeHtml } from '../present/safe-text.js';
import { zhDate } from '../record/labels.js';
import type { LetterTemplate } from './schemas.js';

export interface LetterFacts {
  name: string;
  id_tail?: string;
  phone?: string;
  lender?: string;
  contract_no?: string;
  police_station?: string;
  loss?: boolean;
  first_date: string;
  last_date: string;
  event_count: number;
  numbers: string[];
  events: { when: string; kind: string; number: string; who: string; summary: string }[];
  findings: { title: string; events: number }[];
  evidence: { sha256: string; name: string; size: number }[];
  debt?: { principal: string; received: string; outstanding: string; settled_on?: string };
  plan?: { monthly: string; months: number };
}

export interface Letter {
  id: string;
  version: string;
  recipient: string;
  title: string;
  paragraphs: string[];
  events?: LetterFacts['events'];
  findings?: LetterFacts['findings'];
  law?: Citation[];
  evidence?: LetterFacts['evidence'];
  /** The person who signs: their name, printed above a line for the handwritten signature. */
  signer: string;
  /** The date of writing, as a letter gives it: "2026年11月29日". */
  date: string;
}

/** The close of a Chinese letter, in order: 此致 / 敬礼 / name / signature line / date. */
export const SIGNATURE_LINE = '签名：____________';
/** The events table's columns, in every rendering of a letter (times in another zone say so in the cell). */
export const EVENT_COLUMNS = ['时间（北京时间）', '方式', '号码', '自称', '内容摘要'] as const;

/** Values are inserted as text: the renderers escape for their format. */
function fill(template: string, facts: LetterFacts): string {
  return Mustache.render(template, facts, {}, { escape: (s: string) => s });
}

export function buildLetter(t: LetterTemplate, facts: LetterFacts, law: LawTable, today: string): Letter {
  // Dates in the text read as a letter writes them (2026年3月2日), not as ISO dates.
  const shown: LetterFacts = {
    ...facts,
    first_date: zhDate(facts.first_date),
    last_date: zhDate(facts.last_date),
    ...(facts.debt ? { debt: { ...facts.debt, ...(facts.debt.settled_on ? { settled_on: zhDate(facts.debt.settled_on) } : {}) } } : {}),
  };
  const letter: Letter = {
    id: t.id,
    version: t.version,
    recipient: fill(t.recipient, shown),
    title: fill(t.title, shown),
    paragraphs: t.paragraphs.map((p) => fill(p, shown)),
    signer: facts.name,
    date: zhDate(today),
  };
  if (t.sections.includes('events')) letter.events = facts.events;
  if (t.sections.includes('findings')) letter.findings = facts.findings;
  if (t.sections.includes('law')) {
    // Each provision in the version in force on each incident's date (治安管理处罚法 art. 42 before 2026, art. 50 after:
    // a record across the revision cites both, the older first; a guideline only for the incidents after it was issued).
    letter.law = law.citeOver([{ signal: t.id, refs: t.law }], facts.events.map((e) => e.when.slice(0, 10)), facts.last_date || today);
  }
  if (t.sections.includes('evidence')) letter.evidence = facts.evidence;
  return letter;
}

export function letterMarkdown(l: Letter): string {
  const md = (s: string): string => s.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\n/g, ' ');
  const lines = [`# ${md(l.title)}`, '', `${md(l.recipient)}：`, '', ...l.paragraphs.flatMap((p) => [md(p), ''])];
  if (l.events?.length) {
    lines.push('## 联系记录', '', `| ${EVENT_COLUMNS.join(' | ')} |`, `|${'---|'.repeat(EVENT_COLUMNS.length)}`);
    for (const e of l.events) lines.push(`| ${md(e.when)} | ${md(e.kind)} | ${md(e.number)} | ${md(e.who)} | ${md(e.summary)} |`);
    lines.push('');
  }
  if (l.findings?.length) lines.push('## 发现的问题', '', ...l.findings.map((f) => `- ${md(f.title)}`), '');
  if (l.law?.length) {
    lines.push('## 相关规定', '');
    for (const c of l.law) lines.push(`- **${md(c.law.zh)} ${md(c.article.zh)}**：${c.quoted && c.text ? md(c.text) : `${md(c.summary.zh)}（据报道，非法律原文）`}`);
    lines.push('');
  }
  if (l.evidence?.length) lines.push('## 证据清单（SHA-256）', '', ...l.evidence.map((e) => `- ${md(e.name)}（${e.size} 字节）：\`${e.sha256}\``), '');
  lines.push('\u3000\u3000此致', '', '敬礼', '', md(l.signer), '', md(SIGNATURE_LINE), '', l.date, '');
  return lines.join('\n');
}

export function letterHtml(l: Letter): string {
  const e = escapeHtml;
  const parts = [`<h1>${e(l.title)}</h1>`, `<p>${e(l.recipient)}：</p>`, ...l.paragraphs.map((p) => `<p>${e(p)}</p>`)];
  if (l.events?.length) {
    parts.push(`<h2>联系记录</h2><div class="scroll"><table><thead><tr>${EVENT_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`);
    for (const x of l.events) parts.push(`<tr><td class="nowrap">${e(x.when)}</td><td>${e(x.kind)}</td><td class="nowrap">${e(x.number)}</td><td>${e(x.who)}</td><td>${e(x.summary)}</td></tr>`);
    parts.push('</tbody></table></div>');
  }
  if (l.findings?.length) parts.push('<h2>发现的问题</h2><ul>', ...l.findings.map((f) => `<li>${e(f.title)}</li>`), '</ul>');
  if (l.law?.length) parts.push('<h2>相关规定</h2><ul>', ...l.law.map((c) => `<li><b>${e(c.law.zh)} ${e(c.article.zh)}</b>：${c.quoted && c.text ? e(c.text) : `${e(c.summary.zh)}（据报道，非法律原文）`}</li>`), '</ul>');
  if (l.evidence?.length) parts.push('<h2>证据清单（SHA-256）</h2><ul>', ...l.evidence.map((x) => `<li>${e(x.name)}（${x.size} 字节）：<code>${e(x.sha256)}</code></li>`), '</ul>');
  parts.push(`<p class="close">此致</p><p>敬礼</p><div class="sign"><p>${e(l.signer)}</p><p>${e(SIGNATURE_LINE)}</p><p>${e(l.date)}</p></div>`);
  const css =
    'body{font-family:sans-serif;max-width:45em;margin:2em auto;padding:0 1em;line-height:1.6}' +
    '.scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;font-size:.9em;text-align:left;vertical-align:top}' +
    'th,.nowrap{white-space:nowrap}.close{text-indent:2em}.sign{text-align:right;margin-top:2em}.sign p{margin:.3em 0}code{word-break:break-all}';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${e(l.title)}</title><style>${css}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
