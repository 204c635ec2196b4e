/**
 * Warn the family, block the number, report it: the warning card (its text read back from the
 * SVG it is drawn from, the PNG's size and validity, hostile text inert), the block list
 * (vCard parsed back by an independent reader, folding and escaping; CSV), and the one-step
 * report (the 12321 text exactly the sender's number, "*", the message unedited; the sms:
 * link to 12321 only; rule-breaking collection goes to the lender's letter).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { anonymise, cardFromCheck, inertText, warningCardSvg, wrap } from '../src/act/warning-card.js';
import { contactName, foldLine, tagsCsv, tagsVcard, vcardEscape } from '../src/act/block-list.js';
import { linksIn, scamReport, smsUri } from '../src/act/scam-report.js';
import { loadReportFormats } from '../src/data/report-formats.js';
import { loadEngine } from '../src/data/load.js';
import { check } from '../src/engine/check.js';
import type { NumberTag } from '../src/record/tags.js';

const SCAM = '【某某金融】尊敬的王小明先生，您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请点击 http://pay-fix.example.com/a?id=1 或联系 17098765432，身份证尾号1234';
const HOSTILE = '<script>alert(1)</script><a href="javascript:alert(2)">点我</a> <img src=x onerror=alert(3)> \u202Eevil\u202C &amp; ]]> \u0000\u0007 \uD800 مرحبا ' + '很长的内容'.repeat(400);

/** The element names of an SVG text (what a renderer would build). */
const elements = (svg: string): Set<string> => new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]!));

/** The text content of the SVG's <text> elements, unescaped as an XML parser would. */
const svgTexts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&#(\d+);/g, (_x, d: string) => String.fromCharCode(Number(d))));

describe('the warning card', () => {
  it('removes the person and defangs links and numbers in the message', () => {
    const t = anonymise(SCAM, { names: ['王小明'] });
    assert.ok(!t.includes('王小明') && t.includes('某某先生'));
    assert.ok(t.includes('hxxp://pay-fix[.]example[.]com/a?id=1'));
    assert.ok(t.includes('170****5432') && !t.includes('17098765432'));
    assert.ok(t.includes('身份证尾号****') && !t.includes('1234'));
    assert.ok(t.includes('500元'), 'amounts stay unless asked');
    assert.ok(anonymise(SCAM, { amounts: true }).includes('**元'));
    assert.equal(anonymise('身份证 110101199003071234 已登记'), '身份证 ****************** 已登记');
    assert.equal(anonymise('本人电话 13912345678 张三', { phone: '139-1234-5678', names: ['张三'] }), '本人电话 [本人号码] 某某');
  });

  it('draws the verdict, the message, the reason and what never to do, Chinese first', async () => {
    const engine = await loadEngine();
    const r = check(engine, { text: SCAM, number: '17012345678', date: '2026-11-20' });
    const card = warningCardSvg(cardFromCheck(r), 'zh', { names: ['王小明'] });
    const texts = svgTexts(card.svg);
    assert.deepEqual(texts, card.texts, 'what is drawn is what the card says');
    assert.ok(texts.includes('诈骗'), 'the verdict in large type');
    assert.ok(texts.some((x) => x.startsWith('这很可能是诈骗')), 'the one-line reason');
    assert.ok(texts.some((x) => x.startsWith('× 不要')), 'what never to do');
    assert.ok(!card.svg.includes('王小明') && !texts.join('').includes('http://') && !card.svg.includes('17098765432'));
    assert.equal(card.width, 1080);
    const en = warningCardSvg(cardFromCheck(r, 'en'), 'en');
    assert.ok(en.texts.includes('Scam') && en.texts.some((x) => x.startsWith('Never')));
  });

  it('keeps hostile text inert: only rectangles and text, escaped, no controls', () => {
    const card = warningCardSvg({ assessment: 'scam', label: '<b>诈骗</b>', reason: 'javascript:alert(1)', neverDo: ['<script>x</script>'], text: HOSTILE, date: '2026-11-20' });
    assert.deepEqual([...elements(card.svg)].sort(), ['rect', 'svg', 'text']);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    assert.ok(!/[\u0000-\u0008\u202A-\u202E\uD800-\uDFFF]/.test(card.svg.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')), 'no control, bidi-override or lone surrogate characters');
    assert.ok(!card.svg.includes('<script') && !card.svg.includes('<a ') && !card.svg.includes('<img'));
    const texts = svgTexts(card.svg);
    assert.ok(texts.some((x) => x.includes('<script>alert(1)</script>')), 'shown as text, not markup');
    assert.ok(texts.some((x) => x.includes('（后面的内容已省略）')), 'very long text is cut');
    assert.ok(card.height < 3000, 'the card stays phone-sized');
    assert.equal(inertText('a\u202Eb\u200Fc\u0007d'), 'abcd');
  });

  it('wraps by width, CJK counted wide', () => {
    const { lines } = wrap('一二三四五六七八九十', 4, 10);
    assert.deepEqual(lines, ['一二三四', '五六七八', '九十']);
    assert.equal(wrap('ab'.repeat(100), 10, 2).lines.length, 2);
  });

  it('is rasterised on this machine to a phone-sized PNG', async (t) => {
    const { cardPng } = await import('../src/act/card-png.js');
    const { findCjkFont } = await import('../src/act/pdf.js');
    try {
      findCjkFont();
    } catch {
      t.skip('no CJK font here (apt-get install fonts-noto-cjk)');
      return;
    }
    const card = warningCardSvg({ assessment: 'scam', label: '诈骗', reason: '要钱的几乎都是骗子。', neverDo: ['不要转账'], text: HOSTILE.slice(0, 300), date: '2026-11-20' });
    const png = await cardPng(card);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), 1080);
    assert.equal(png.readUInt32BE(20), card.height);
    assert.equal(png.toString('latin1', png.length - 8, png.length - 4), 'IEND');
    assert.ok(png.length > 20_000, 'text was drawn (not a blank page)');
  });
});

const tag = (number: string, kind: NumberTag['kind'], extra: Partial<NumberTag> = {}): NumberTag => ({ number, kind, source: 'manual', tagged_at: '2026-11-20T15:00:00.000Z', ...extra });

describe('the block list', () => {
  const tags = [
    tag('17012345678', 'scam', { note: '冒充催收; 要求转账, 见短信\n第二行 \\ 反斜杠' + '很长'.repeat(40) }),
    tag('4001234567', 'collection', { platform: '某某金融' }),
    tag('95588', 'official', { platform: '工商银行' }),
    tag('13800000000', 'scam', { removed_at: '2026-11-21T00:00:00.000Z' }),
  ];

  it('names each contact "⚠ 诈骗 17012345678"', () => {
    assert.equal(contactName(tags[0]!), '⚠ 诈骗 17012345678');
    assert.equal(contactName(tags[1]!), '⚠ 催收-某某金融 4001234567');
    assert.equal(contactName(tags[2]!, 'en'), '✓ Official-工商银行 95588');
  });

  it('writes vCard 3.0 that an independent parser reads back, one contact per live tag', () => {
    const vcf = tagsVcard(tags);
    assert.ok(vcf.endsWith('\r\n') && !/[^\r]\n/.test(vcf), 'CRLF line ends only');
    for (const line of vcf.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `folded at 75 octets: ${line}`);
    const parsed = ICAL.parse(vcf) as unknown;
    const cards = (Array.isArray((parsed as unknown[])[0]) ? (parsed as unknown[]) : [parsed]).map((c) => new ICAL.Component(c as unknown[]));
    assert.equal(cards.length, 3, 'the removed tag is left out');
    const first = cards[0]!;
    assert.equal(first.getFirstPropertyValue('version'), '3.0');
    assert.equal(first.getFirstPropertyValue('fn'), '⚠ 诈骗 17012345678');
    assert.equal(first.getFirstPropertyValue('tel'), '17012345678');
    // ical.js reads NOTE as RFC 6350 text, where a semicolon needs no escape, and leaves 3.0's "\;" as it is.
    const note = String(first.getFirstPropertyValue('note')).replace(/\\;/g, ';');
    assert.ok(note.includes('冒充催收; 要求转账, 见短信\n第二行 \\ 反斜杠' + '很长'.repeat(40)), 'escaping and folding undone exactly');
    assert.equal(cards[2]!.getFirstPropertyValue('fn'), '✓ 官方-工商银行 95588');
  });

  it('escapes and folds as RFC 6350 asks, never inside a character', () => {
    assert.equal(vcardEscape('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
    const long = 'NOTE:' + '诈'.repeat(60);
    const folded = foldLine(long);
    assert.equal(folded.replace(/\r\n /g, ''), long);
    for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l, 'utf8') <= 75 && !l.includes('\uFFFD'));
  });

  it('writes CSV with a BOM, quoted, formulas defused', () => {
    const csv = tagsCsv([tag('17012345678', 'scam', { note: '=HYPERLINK("http://x")' })]);
    assert.ok(csv.startsWith('\uFEFF"号码","标记"'));
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x"")"`));
    // the time tagged as Beijing's clock read it (15:00 UTC is 23:00 there), never the stored instant
    assert.ok(csv.includes('"2026-11-20 23:00"'), csv);
    assert.ok(!csv.includes('2026-11-20T15:00:00.000Z'));
  });
});

describe('the one-step report', () => {
  const formats = loadReportFormats();

  it('prepares the 12321 SMS as number, "*", the message unedited, and an sms: link to 12321', () => {
    const r = scamReport(formats, { text: SCAM, number: '170 1234 5678', verdict: 'scam', assessment: 'scam' });
    assert.equal(r.kind, 'spam');
    const sms = r.channels.find((c) => c.sms)!;
    assert.equal(sms.status, 'unconfirmed', 'the SMS format is not confirmed, and says so');
    assert.ok(sms.note.zh.includes('非官方'));
    assert.equal(sms.sms!.body, `17012345678*${SCAM}`);
    assert.ok(sms.sms!.uri.startsWith('sms:12321?body='));
    assert.equal(decodeURIComponent(sms.sms!.uri.slice('sms:12321?body='.length)), sms.sms!.body);
    assert.ok(/^sms:12321\?body=[A-Za-z0-9\-._~%]*$/.test(sms.sms!.uri), 'only unreserved and percent-encoded characters (RFC 5724)');
    const app = r.channels.find((c) => c.id === 'app-antifraud')!;
    assert.deepEqual(app.fields!.find((f) => f.id === 'links')!.value, 'http://pay-fix.example.com/a?id=1');
    for (const c of r.channels) assert.ok(c.sources.length > 0 && c.sources.every((s) => /^https?:\/\//.test(s.url)));
  });

  it('asks for the number rather than guess, and builds links only to a number', () => {
    const r = scamReport(formats, { text: SCAM, verdict: 'scam', assessment: 'scam' });
    assert.ok(r.channels.find((c) => c.id === 'sms-12321')!.smsMissing);
    assert.throws(() => smsUri('12321&body=x', 'y'));
    assert.deepEqual(linksIn('访问 www.a.cn/x 或 b.example.com'), ['www.a.cn/x', 'b.example.com']);
  });

  it('sends rule-breaking collection to the lender complaint letter, and genuine collection nowhere', () => {
    const v = scamReport(formats, { text: '再不还钱就爆你通讯录', number: '17012345678', verdict: 'collection_violation', assessment: 'collection_violation' });
    assert.equal(v.kind, 'lender');
    assert.deepEqual(v.channels.map((c) => c.letter), ['cease-harassment']);
    assert.ok(v.channels.every((c) => c.sms === undefined));
    assert.deepEqual(scamReport(formats, { text: '您的借款已逾期3天，请登录App还款', verdict: 'collection', assessment: 'collection' }).channels, []);
  });
});
