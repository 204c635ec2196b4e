/**
 * The warning card a person sends to family: a phone-sized picture, Chinese first, with the
 * verdict in large type, the message made harmless and anonymous (links and numbers defanged,
 * the person's own name, ID tail and phone removed, amounts optionally), the one-line reason
 * and what never to do. Pure, and the same code in the CLI (rasterised by resvg) and on the page
 * (drawn to a canvas): a check result in, an SVG text out. Nothing here leaves the device.
 *
 * Untrusted text stays inert: every text is XML-escaped, control and bidi-override characters
 * and characters XML cannot carry are dropped, and the SVG has no links, scripts, styles,
 * images or foreign objects — only rectangles and text.
 */
import { defangLinks } from '../present/safe-text.js';
import type { Bilingual } from '../engine/schemas/common.js';
import { VERDICT_LABEL } from '../record/labels.js';

export type CardLang = 'zh' | 'en';

/** What the card shows, taken from a check result (see cardFromCheck). */
export interface CardInput {
  /** The assessment (scam, suspicious, collection_violation, collection, other, uncertain). */
  assessment: string;
  /** Its name as a person reads it ("诈骗"). */
  label: string;
  /** The one-line reason. */
  reason: string;
  /** What never to do (the first few are shown). */
  neverDo: readonly string[];
  /** The message as received (untrusted). */
  text: string;
  /** The date it was checked, YYYY-MM-DD. */
  date: string;
}

export interface Redaction {
  /** The person's own name(s), e.g. from the profile: replaced wherever they occur. */
  names?: readonly string[];
  /** The last digits of the person's ID number. */
  idTail?: string;
  /** The person's own phone number. */
  phone?: string;
  /** Also hide amounts of money (default false: the amount often shows the scam). */
  amounts?: boolean;
}

/** Fixed wording of the card (the verdict names and reasons come from the check). */
export const CARD_WORDS = {
  title: { zh: '提醒家人', en: 'A warning for the family' },
  verdict: { zh: 'dunguard 判断这条消息是', en: 'dunguard judged this message to be' },
  message: { zh: '消息原文（链接和号码已失效处理，个人信息已隐去）', en: 'The message (links and numbers made harmless, personal details removed)' },
  why: { zh: '为什么', en: 'Why' },
  never: { zh: '千万不要', en: 'Never' },
  footer: { zh: '收到类似消息：不回复、不点链接、不转账；拿不准就挂断，用官方App或官方电话核实。', en: 'If you get one like it: do not reply, do not tap links, do not pay; if unsure, hang up and check through the official app or number.' },
  made: { zh: '在本机生成，未上传任何内容', en: 'Made on this device; nothing was uploaded' },
  cut: { zh: '（后面的内容已省略）', en: '(the rest is left out)' },
} satisfies Record<string, Bilingual>;

const COLOURS: Record<string, string> = {
  scam: '#b71c1c',
  suspicious: '#e65100',
  collection_violation: '#d84315',
  collection: '#2e7d32',
  other: '#455a64',
  uncertain: '#455a64',
};

// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control, bidi and invisible characters dropped (a newline kept), lone surrogates made U+FFFD. */
export function inertText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, (c) => (c === '\n' ? c : c === '\t' ? ' ' : ''));
}

/** Digits partly masked: 17012345678 → 170****5678; 4–6 digit runs keep their first and last. */
function maskDigits(run: string): string {
  const d = run.length;
  if (d >= 7) return run.slice(0, 3) + '*'.repeat(d - 7) + run.slice(-4);
  if (d >= 5) return run[0] + '*'.repeat(d - 2) + run.slice(-1);
  return run;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The message made safe to show and to pass on: the person's own details removed, ID numbers
 * and ID tails hidden, long digit runs (phone and card numbers) partly masked, links and
 * domains defanged (hxxp, example[.]com), control characters dropped.
 */
export function anonymise(text: string, r: Redaction = {}): string {
  let t = inertText(text).normalize('NFC');
  for (const name of r.names ?? []) {
    const n = name.trim();
    if (n.length >= 2) t = t.replace(new RegExp(escapeRe(n), 'g'), '某某');
    // "张先生" / "张女士" from the family name alone
    if (n.length >= 2) t = t.replace(new RegExp(`${escapeRe(n[0]!)}(先生|女士|小姐)`, 'g'), '某$1');
  }
  if (r.phone) {
    const digits = r.phone.replace(/\D/g, '');
    if (digits.length >= 5) t = t.replace(new RegExp(digits.split('').join('[\\s-]?'), 'g'), '[本人号码]');
  }
  // Salutations that name the person: 尊敬的王小明（先生）, 王小明您好, 客户张三.
  t = t.replace(/(尊敬的|亲爱的|借款人|客户|用户)([\u4e00-\u9fa5]{2,4}?)(先生|女士|小姐|您好|你好|[,，:：])/g, '$1某某$3');
  t = t.replace(/^([\u4e00-\u9fa5]{2,3})(先生|女士|小姐)?(您好|你好)/gm, '某某$2$3');
  // Whole ID numbers, then ID tails (身份证尾号1234 / 后四位 123X).
  t = t.replace(/\b\d{17}[\dXx]\b/g, '******************');
  t = t.replace(/(身份证(?:号码?)?(?:尾号|后[四4六6]位|末[四4]位)?[为是:：\s]*)(\d{3,5}[\dXx]?)/g, (_m, p: string) => `${p}****`);
  if (r.idTail) {
    const tail = r.idTail.trim();
    if (tail.length >= 3) t = t.replace(new RegExp(escapeRe(tail), 'gi'), '****');
  }
  if (r.amounts) t = t.replace(/(\d[\d,，]*(?:\.\d+)?)(\s*)(元|块|万元|万)/g, '**$3');
  t = t.replace(/\d{5,}/g, maskDigits);
  return defangLinks(t);
}

/** Width of a character in ems, roughly: CJK and full-width 1, others about 0.6. */
function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x1f300)) return 1;
  if (c === 0x26a0) return 1;
  return 0.6;
}

/** Lines no wider than `maxEm` ems, breaking anywhere (CJK has no spaces), at most `maxLines` (the last ends in …). */
export function wrap(text: string, maxEm: number, maxLines: number): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  let cut = false;
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of para) {
      const cw = charWidth(ch);
      if (w + cw > maxEm) {
        lines.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += cw;
    }
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = [...lines[maxLines - 1]!].slice(0, -1).join('') + '…';
    cut = true;
  }
  return { lines, cut };
}

/** XML text content: & < > " ' escaped. */
export function xmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const CARD_WIDTH = 1080;
export const CARD_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";

export interface CardSvg {
  svg: string;
  width: number;
  height: number;
  /** Every text shown, in order (what a test reads back). */
  texts: string[];
}

/**
 * The card as SVG. `lang` picks the fixed wording (the verdict name, reason and never-do
 * lines come in the caller's language). The message is shown anonymised, at most 14 lines.
 */
export function warningCardSvg(input: CardInput, lang: CardLang = 'zh', redaction: Redaction = {}): CardSvg {
  const W = CARD_WIDTH;
  const pad = 64;
  const inner = W - 2 * pad;
  const colour = COLOURS[input.assessment] ?? COLOURS.other!;
  const parts: string[] = [];
  const texts: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, size: number, s: string, o: { weight?: number; fill?: string; anchor?: 'middle' } = {}): void => {
    texts.push(s);
    parts.push(
      `<text x="${x}" y="${yy}" font-size="${size}"${o.weight ? ` font-weight="${o.weight}"` : ''} fill="${o.fill ?? '#1a1a1a'}"${o.anchor ? ` text-anchor="${o.anchor}"` : ''} xml:space="preserve">${xmlText(s)}</text>`,
    );
  };
  const block = (s: string, size: number, maxLines: number, o: { fill?: string; weight?: number; x?: number; width?: number } = {}): void => {
    const { lines } = wrap(inertText(s), (o.width ?? inner) / size, maxLines);
    for (const line of lines) {
      y += Math.round(size * 1.45);
      text(o.x ?? pad, y, size, line, o);
    }
  };

  // Header band: the title and the verdict in large type.
  const band: string[] = [];
  y = 96;
  text(pad, y, 44, `⚠ ${CARD_WORDS.title[lang]}`, { fill: '#ffffff', weight: 700 });
  y += 70;
  text(pad, y, 34, CARD_WORDS.verdict[lang], { fill: '#ffffff' });
  const label = wrap(inertText(input.label), inner / 150, 2).lines;
  for (const l of label) {
    y += 175;
    text(pad, y, 150, l, { fill: '#ffffff', weight: 700 });
  }
  y += 60;
  band.push(`<rect x="0" y="0" width="${W}" height="${y}" fill="${colour}"/>`);

  // The message, anonymised, in a light box.
  y += 40;
  text(pad, (y += 40), 32, CARD_WORDS.message[lang], { fill: '#555555' });
  const boxTop = y + 20;
  const message = anonymise(input.text, redaction);
  const wrapped = wrap(message, (inner - 48) / 38, 14);
  y = boxTop + 10;
  for (const line of wrapped.lines) {
    y += 55;
    text(pad + 24, y, 38, line);
  }
  if (wrapped.cut) {
    y += 50;
    text(pad + 24, y, 30, CARD_WORDS.cut[lang], { fill: '#777777' });
  }
  y += 30;
  const box = `<rect x="${pad}" y="${boxTop}" width="${inner}" height="${y - boxTop}" rx="18" fill="#f3f3f3" stroke="#cccccc" stroke-width="2"/>`;

  // Why, and what never to do.
  y += 40;
  text(pad, (y += 50), 40, CARD_WORDS.why[lang], { weight: 700, fill: colour });
  block(input.reason, 38, 4);
  const never = input.neverDo.slice(0, 3);
  if (never.length > 0) {
    y += 30;
    text(pad, (y += 50), 40, CARD_WORDS.never[lang], { weight: 700, fill: colour });
    for (const n of never) block(`× ${n}`, 36, 3);
  }

  // Footer.
  y += 40;
  parts.push(`<rect x="${pad}" y="${y}" width="${inner}" height="3" fill="#dddddd"/>`);
  block(CARD_WORDS.footer[lang], 32, 4, { fill: '#333333' });
  y += 20;
  block(`dunguard · ${input.date} · ${CARD_WORDS.made[lang]}`, 26, 2, { fill: '#888888' });
  const height = Math.max(y + 60, 1350);

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="${CARD_FONT.replace(/"/g, '')}">` +
    `<rect x="0" y="0" width="${W}" height="${height}" fill="#ffffff"/>` +
    band.join('') +
    box +
    parts.join('') +
    `</svg>`;
  return { svg, width: W, height, texts };
}

/** The card's input from a check result in the person's language. */
export function cardFromCheck(
  r: { assessment: string; label: Bilingual; summary: Bilingual; reasons?: readonly { title: Bilingual }[]; never_do: { zh: string[]; en: string[] }; text: string; incident_date: string },
  lang: CardLang = 'zh',
): CardInput {
  const summary = r.summary[lang];
  // The one-line reason: the summary's first sentence and the strongest reason's name.
  const first = (/^[^。！？!?]*/u.exec(summary)?.[0] ?? summary).trim() || summary;
  const top = r.reasons?.[0]?.title[lang];
  const reason = top ? `${first}${lang === 'zh' ? '——' : ' — '}${top}${lang === 'zh' ? '。' : '.'}` : summary;
  return { assessment: r.assessment, label: VERDICT_LABEL[r.assessment]?.[lang] ?? r.label[lang], reason, neverDo: r.never_do[lang], text: r.text, date: r.incident_date };
}
