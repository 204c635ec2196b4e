/**
 * The person's tagged numbers as a block list a phone can import: a vCard 3.0 file (one
 * contact per number, named "⚠ 诈骗 17012345678", so the phone's own blocker or caller ID can
 * use it — Android and iOS contacts both import 3.0) and a CSV table. Pure: tags in, text out.
 *
 * vCard text follows RFC 2426 (3.0) and RFC 6350: lines end in CRLF; a text value escapes
 * backslash, comma, semicolon and newline; a content line longer than 75 octets is folded
 * (CRLF and one space), never inside a UTF-8 character.
 */
import { isWarning, tagLabel, type NumberTag } from '../record/tags.js';
import { shownTime } from '../record/time.js';

/** A text value escaped as RFC 2426 §4 / RFC 6350 §3.4 ask (a newline as \n, never a raw one). */
export function vcardEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** The UTF-8 octets of one code point (a lone surrogate: 3, written as U+FFFD). Node-free: the offline app folds lines too. */
const utf8Length = (cp: number): number => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** One content line folded at 75 octets (RFC 6350 §3.2), continuation lines starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** "⚠ 诈骗 17012345678" (a warning), "✓ 官方-招商银行 95555" (official). */
export function contactName(t: NumberTag, lang: 'zh' | 'en' = 'zh'): string {
  return `${isWarning(t) ? '⚠' : '✓'} ${tagLabel(t, lang)} ${t.number}`;
}

// eslint-disable-next-line no-control-regex -- control and bidi characters never go into a contact
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function tagsVcard(tags: readonly NumberTag[], lang: 'zh' | 'en' = 'zh'): string {
  const lines: string[] = [];
  for (const t of tags) {
    if (t.removed_at !== undefined) continue;
    const name = vcardEscape(contactName(t, lang).replace(UNSAFE, ' '));
    const note = [lang === 'zh' ? `dunguard 标记：${tagLabel(t, 'zh')}（${shownTime(t.tagged_at, 'Asia/Shanghai').slice(0, 10)}）` : `dunguard tag: ${tagLabel(t, 'en')} (${shownTime(t.tagged_at, 'Asia/Shanghai').slice(0, 10)})`, t.note ?? '']
      .filter((s) => s !== '')
      .join('\n')
      .replace(UNSAFE, ' ');
    lines.push(
      'BEGIN:VCARD',
      'VERSION:3.0',
      // The whole name as the family name: phones show it as is, whatever their name order.
      foldLine(`N:${name};;;;`),
      foldLine(`FN:${name}`),
      `TEL;TYPE=VOICE:${t.number}`,
      foldLine(`NOTE:${vcardEscape(note)}`),
      foldLine(`CATEGORIES:dunguard,${vcardEscape(tagLabel(t, lang).replace(UNSAFE, ' '))}`),
      `UID:dunguard-tag-${t.number}`,
      'END:VCARD',
    );
  }
  return lines.length === 0 ? '' : lines.join('\r\n') + '\r\n';
}

/** A CSV cell (RFC 4180): quoted; a leading = + - @ (a spreadsheet formula) gets a ' before it. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(UNSAFE, ' ').replace(/"/g, '""')}"`;
}

/** The tags as CSV with a header, UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese). */
export function tagsCsv(tags: readonly NumberTag[], lang: 'zh' | 'en' = 'zh'): string {
  const header = lang === 'zh' ? ['号码', '标记', '联系人名称', '平台', '备注', '标记时间（北京时间）'] : ['number', 'tag', 'contact name', 'platform', 'note', 'tagged at (Beijing time)'];
  // The time as a person reads it and a spreadsheet sorts it ("2026-12-01 08:03"), not the stored UTC instant.
  const rows = tags.filter((t) => t.removed_at === undefined).map((t) => [t.number, tagLabel(t, lang), contactName(t, lang), t.platform ?? '', t.note ?? '', shownTime(t.tagged_at, 'Asia/Shanghai')]);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
