/** Acting on the record: routing and letters as a user gets them (the Act issue's "done when", without PDF). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dunguard } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dunguard-act-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function caseHome(year: string): Record<string, string> {
  const env = { DUNGUARD_HOME: join(tmp, `h${++n}`) };
  const ok = (args: string[]) => assert.equal(dunguard(args, { env }).code, 0);
  ok(['profile', '--name', '张三', '--id-tail', '123X']);
  ok(['debt', 'add', '--lender', '某某消费金融', '--kind', 'consumer_finance', '--principal', '20000', '--date', `${year}-01-05`, '--instalments', '12', '--amount', '1900']);
  ok(['log', 'add', '--kind', 'call_incoming', '--at', `${year}-03-02 23:20`, '-n', '17012345678', '--platform', '某某消费金融', '--role', '外包催收', '--text', '你再不还款我们就打电话给你单位领导<script>alert(1)</script>']);
  ok(['log', 'add', '--kind', 'third_party', '--at', `${year}-03-03 10:00`, '-n', '17012345678', '--platform', '某某消费金融', '--contacted', 'employer', '--disclosed']);
  return env;
}

describe('dunguard route and letter', () => {
  it('recommends the lender first, then 12378, with reasons, for a consumer-finance agency calling at night and the employer', () => {
    const env = caseHome('2026');
    const routes = JSON.parse(dunguard(['route', '--json'], { env }).out) as { channel: { id: string }; reasons: { zh: string }[] }[];
    assert.deepEqual(routes.slice(0, 2).map((r) => r.channel.id), ['lender', 'nfra']);
    assert.ok(routes[1]!.reasons[0]!.zh.includes('12378'));
  });

  it('writes a complaint in Chinese with the events, findings, 治安管理处罚法 art. 50 for 2026 and art. 42 before', () => {
    const env = caseHome('2026');
    const md = dunguard(['letter', 'regulator-complaint'], { env }).out;
    assert.match(md, /关于某某消费金融违规催收的投诉/);
    assert.match(md, /张三（身份证号后四位 123X）/);
    assert.match(md, /夜间联系 1 次/);
    assert.match(md, /联系第三人 1 次，其中 1 次透露了欠款/);
    assert.match(md, /第五十条（2025年修订版）/);
    assert.doesNotMatch(md, /第四十二条/);
    assert.match(md, /据报道，非法律原文/); // the 2026 industry guideline is cited, never quoted as law
    const old = dunguard(['letter', 'regulator-complaint'], { env: caseHome('2025') }).out;
    assert.match(old, /第四十二条（2012年修正版）/);
    assert.doesNotMatch(old, /银行业协会/); // published 2026-01-30: not cited for 2025 incidents
  });

  it('prints each event at the clock time where it happened (Beijing), whatever offset it was written with, and shows a hostile text\'s control characters as codes', () => {
    const env = caseHome('2026');
    // 15:15 UTC is 23:15 in Beijing; 15:20 at -05:00 is 04:20 the next day there
    assert.equal(dunguard(['log', 'add', '--kind', 'sms', '--at', '2026-03-05T15:15:00Z', '-n', '17012345679', '--platform', '某某\u202e金融\u001b[31m', '--text', '\u202e再不还钱就爆你通讯录\u0007'], { env }).code, 0);
    assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', '2026-03-05T15:20:00-05:00', '-n', '17012345679'], { env }).code, 0);
    const md = dunguard(['letter', 'police-report'], { env }).out;
    assert.match(md, /\| 2026-03-05 23:15 \|/);
    assert.match(md, /\| 2026-03-06 04:20 \|/);
    assert.doesNotMatch(md, /2026-03-05 15:1|2026-03-05 15:2/);
    assert.ok(!md.includes('\u202e') && !md.includes('\u0007') && !md.includes('\u001b'), 'no raw bidi override, bell or escape in the letter');
    const lenderLetter = dunguard(['letter', 'cease-harassment', '--lender', '某某\u202e金融\u001b[31m'], { env }).out;
    assert.ok(!lenderLetter.includes('\u202e') && !lenderLetter.includes('\u001b'), 'nor in the lender named at its head');
    assert.match(md, /\\u\{202e\}再不还钱/);
  });

  it('labels a time kept in another zone with that zone\'s offset, under a table headed Beijing time', () => {
    const env = caseHome('2026');
    assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', '2026-03-07 09:30', '--tz', 'Asia/Tokyo', '-n', '17012345670'], { env }).code, 0);
    assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', '2026-03-07 09:30', '--tz', 'Asia/Kolkata', '-n', '17012345670'], { env }).code, 0);
    const md = dunguard(['letter', 'police-report'], { env }).out;
    assert.match(md, /\| 时间（北京时间） \|/);
    assert.match(md, /\| 2026-03-07 09:30（当地时间 UTC\+9） \|/);
    assert.match(md, /\| 2026-03-07 09:30（当地时间 UTC\+5:30） \|/);
    assert.match(md, /\| 2026-03-02 23:20 \|/, 'Beijing times carry no label');
  });

  it('refuses an --out that would overwrite another kind of file or is a folder, before writing anything, and leaves that file as it was', () => {
    const env = caseHome('2026');
    const zip = join(tmp, 'case.zip');
    assert.equal(dunguard(['export', '--out', zip], { env }).code, 0);
    const before = readFileSync(zip);
    const asReport = dunguard(['report', '--out', zip], { env });
    assert.equal(asReport.code, 2);
    assert.match(asReport.err, /报告要保存成以 \.pdf \.html \.htm 结尾的文件/);
    const asLetter = dunguard(['letter', 'police-report', '--out', zip], { env });
    assert.equal(asLetter.code, 2);
    assert.match(asLetter.err, /信函要保存成/);
    assert.deepEqual(readFileSync(zip), before);
    const letter = join(tmp, 'L.html');
    assert.equal(dunguard(['letter', 'police-report', '--out', letter], { env }).code, 0);
    const exportOverLetter = dunguard(['export', '--out', letter], { env });
    assert.equal(exportOverLetter.code, 2);
    assert.match(exportOverLetter.err, /证据包要保存成以 \.zip 结尾的文件/);
    assert.match(readFileSync(letter, 'utf8'), /<html/i);
    const pdfAsHtml = dunguard(['letter', 'police-report', '--format', 'pdf', '--out', letter], { env });
    assert.equal(pdfAsHtml.code, 2);
    const tagsOverZip = dunguard(['tags', 'export', '--csv', '--out', zip], { env });
    assert.equal(tagsOverZip.code, 2);
    assert.deepEqual(readFileSync(zip), before);
    const slash = dunguard(['export', '--out', join(tmp, 'new.zip') + '/'], { env });
    assert.equal(slash.code, 2);
    assert.match(slash.err, /名字以斜杠结尾，是文件夹的写法/);
    const folder = join(tmp, 'out.zip');
    mkdirSync(folder);
    const intoFolder = dunguard(['export', '--out', folder], { env });
    assert.equal(intoFolder.code, 2);
    assert.match(intoFolder.err, /这是一个文件夹，请给出文件名/);
    assert.doesNotMatch(intoFolder.err, /内部错误|EISDIR/);
  });

  it('cites each provision in the version in force on each incident\'s date: a record across the 2026 revision cites art. 42 and art. 50, the report too', () => {
    const env = caseHome('2026');
    assert.equal(dunguard(['log', 'add', '--kind', 'call_incoming', '--at', '2025-11-02 23:30', '-n', '17012345678', '--platform', '某某消费金融'], { env }).code, 0);
    const md = dunguard(['letter', 'regulator-complaint'], { env }).out;
    assert.match(md, /第四十二条（2012年修正版）/);
    assert.match(md, /第五十条（2025年修订版）/);
    assert.ok(md.indexOf('第四十二条') < md.indexOf('第五十条'), 'the older version first');
    const report = JSON.parse(dunguard(['report', '--json'], { env }).out) as { findings: { id: string; law: { article: { zh: string } }[] }[] };
    const night = report.findings.find((f) => f.id === 'NIGHT_CONTACT')!;
    const articles = night.law.map((c) => c.article.zh).join(' ');
    assert.match(articles, /第四十二条/);
    assert.match(articles, /第五十条/);
    const only2025 = JSON.parse(dunguard(['report', '--json', '--to', '2025-12-31'], { env }).out) as typeof report;
    assert.doesNotMatch(only2025.findings.find((f) => f.id === 'NIGHT_CONTACT')!.law.map((c) => c.article.zh).join(' '), /第五十条/);
  });

  it('does not drop what the person gave: --monthly with no loan in the ledger is refused, and a credit objection with no loan leaves a line to fill in', () => {
    const env = caseHome('2026');
    const r = dunguard(['letter', 'negotiation-request', '--lender', '某某花', '--monthly', '1500'], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /账本里没有“某某花”的借款，无法按每月 1500 元算出分期方案/);
    const planned = dunguard(['letter', 'negotiation-request', '--monthly', '1500'], { env });
    assert.equal(planned.code, 0, planned.err);
    assert.match(planned.out, /按每月1,500\.00元/);
    const objection = dunguard(['letter', 'credit-objection', '--lender', '某某花'], { env }).out;
    assert.match(objection, /存在错误或遗漏：(\\?_)+（请写明是哪一条记录、错在哪里）/); // Markdown escapes the underscores
  });

  it('writes HTML with the recorded text escaped', () => {
    const env = caseHome('2026');
    const file = join(tmp, 'letter.html');
    assert.equal(dunguard(['letter', 'police-report', '--out', file], { env }).code, 0);
    const html = readFileSync(file, 'utf8');
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.match(html, /&#60;script&#62;/);
  });

  const hasPdfTools = spawnSync('pdftotext', ['-v']).status === 0 && existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  it('writes a PDF whose text is the Chinese letter with its citations and evidence hashes, in an embedded CJK font', { skip: !hasPdfTools && 'needs poppler-utils and fonts-noto-cjk (installed by .ci/run)' }, () => {
    const env = caseHome('2026');
    const events = JSON.parse(dunguard(['log', 'list', '--json'], { env }).out) as { id: string }[];
    const rec = join(tmp, 'call.amr');
    writeFileSync(rec, 'recording');
    assert.equal(dunguard(['evidence', 'add', rec, '--event', events[0]!.id], { env }).code, 0);
    const pdf = join(tmp, 'complaint.pdf');
    const r = dunguard(['letter', 'regulator-complaint', '--out', pdf], { env });
    assert.equal(r.code, 0, r.err);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    assert.match(text, /关于某某消费金融违规催收的投诉/);
    assert.match(text, /第五十条（2025年修订版）/);
    assert.match(text, /联系第三人1次，其中1次透露了欠款/);
    const sha = createHash('sha256').update('recording').digest('hex');
    assert.ok(text.includes(sha), 'the evidence hash is in the letter');
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
    assert.match(fonts, /NotoSansCJKsc-Regular.*yes\s+yes/); // embedded subset: the glyphs travel with the file
    // The first page rasterised: a real page of text, not an empty or failed render.
    const png = join(tmp, 'page');
    assert.equal(spawnSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, png]).status, 0);
    assert.ok(readFileSync(png + '.png').length > 5000);
  });

  it('writes the harassment report as a PDF with its findings', { skip: !hasPdfTools && 'needs poppler-utils and fonts-noto-cjk' }, () => {
    const env = caseHome('2026');
    const pdf = join(tmp, 'report.pdf');
    assert.equal(dunguard(['report', '--out', pdf], { env }).code, 0);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    assert.match(text, /骚扰情况报告/);
    assert.match(text, /每日联系次数/);
    assert.match(text, /按小时的联系次数/);
    assert.match(text, /夜间联系1次/);
    const html = join(tmp, 'report.html');
    assert.equal(dunguard(['report', '--out', html], { env }).code, 0);
    const page = readFileSync(html, 'utf8');
    assert.ok(!page.includes('<script>'));
    // one language: Chinese unless asked, no zone id, no English beside it
    assert.match(page, /<h1>骚扰情况报告<\/h1>/);
    assert.match(page, /（北京时间）/);
    assert.doesNotMatch(page, /Harassment report|Findings|Asia\/Shanghai|Contacts between/);
    assert.equal(dunguard(['report', '--out', html, '--lang', 'en'], { env }).code, 0);
    const en = readFileSync(html, 'utf8');
    assert.match(en, /<h1>Harassment report<\/h1>/);
    assert.doesNotMatch(en, /骚扰情况报告|涉及的记录/);
  });

  /**
   * What a person sends to an authority carries no internal references and no English: no
   * notes' section numbers (law.md §5.3), no strengths ("secondary"), no repository paths
   * ("@2f4c5c2"), no raw timestamps, no English words (names the Chinese use — App, SHA-256,
   * GB/T — aside), and no English names for the people contacted.
   */
  function assertFitToSend(text: string, what: string): void {
    const flat = text.replace(/[0-9a-f]{64}/g, '').replace(/<script>alert\(1\)<\/script>/g, ''); // evidence hashes; the collector's own recorded words
    assert.doesNotMatch(flat, /law\.md/, `${what}: law.md`);
    assert.doesNotMatch(flat, /§/, `${what}: §`);
    assert.doesNotMatch(flat, /secondary|corroborated|verified/i, `${what}: a strength`);
    assert.doesNotMatch(flat, /@/, `${what}: @`);
    assert.doesNotMatch(flat, /\d{4}-\d{2}-\d{2}T/, `${what}: an ISO timestamp`);
    assert.doesNotMatch(flat, /→/, `${what}: an arrow`);
    const english = (flat.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !['App', 'SHA', 'GB'].includes(w));
    assert.deepEqual(english, [], `${what}: English words`);
  }
  const pdfText = (file: string): string => spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;

  it('writes every letter and the report as PDFs fit to send: Chinese names, a signed close, local dates, no internal references', { skip: !hasPdfTools && 'needs poppler-utils and fonts-noto-cjk' }, () => {
    const env = caseHome('2026');
    // Night calls, unanswered calls over the daily limit and a third party: every finding with a reference point.
    for (let i = 0; i < 8; i++) assert.equal(dunguard(['log', 'add', '--kind', 'call_missed', '--at', `2026-03-05 ${String(10 + i).padStart(2, '0')}:00`, '-n', '17012345678', '--platform', '某某消费金融'], { env }).code, 0);
    assert.equal(dunguard(['log', 'add', '--kind', 'third_party', '--at', '2026-03-06 09:00', '-n', '17012345679', '--contacted', 'family'], { env }).code, 0);
    const rec = join(tmp, '通话录音'); // no extension: a file name is the person's own text
    writeFileSync(rec, 'recording 2');
    const events = JSON.parse(dunguard(['log', 'list', '--json'], { env }).out) as { id: string }[];
    assert.equal(dunguard(['evidence', 'add', rec, '--event', events[0]!.id], { env }).code, 0);
    const types = (JSON.parse(dunguard(['letter', 'list', '--json'], { env }).out) as { id: string }[]).map((l) => l.id);
    assert.ok(types.length >= 7, types.join());
    for (const type of types) {
      const pdf = join(tmp, `fit-${type}.pdf`);
      const r = dunguard(['letter', type, '--out', pdf, '--monthly', '1000'], { env });
      assert.equal(r.code, 0, r.err);
      const text = pdfText(pdf);
      assertFitToSend(text, type);
      const flat = text.replace(/\s+/g, '');
      assert.match(flat, /此致敬礼张三签名：_+\d{4}年\d{1,2}月\d{1,2}日$/, `${type}: the close 此致 / 敬礼 / name / signature line / date`);
      if (['police-report', 'regulator-complaint', 'cease-harassment'].includes(type)) {
        assert.match(flat, /时间（北京时间）方式号码自称内容摘要/, `${type}: the events table has its headers`);
        assert.match(flat, /联系第三人：单位/, `${type}: the employer named in Chinese`);
        assert.match(flat, /联系第三人：家人/, `${type}: the family named in Chinese`);
        assert.match(flat, /自2026年3月2日至2026年3月6日/, `${type}: dates in the text in Chinese form`);
      }
    }
    const report = join(tmp, 'fit-report.pdf');
    assert.equal(dunguard(['report', '--out', report], { env }).code, 0);
    const text = pdfText(report);
    assertFitToSend(text, 'report');
    const flat = text.replace(/\s+/g, '');
    assert.match(flat, /生成时间\d{4}年\d{1,2}月\d{1,2}日\d{2}:\d{2}/, 'the time it was made, local and in Chinese form');
    assert.match(flat, /北京时间/);
    assert.match(flat, /参考：中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》/, 'the reference named as a reader knows it');
    assert.match(flat, /最多\d+次/);
    // The same report asked in English is in English: none of the PDF's own words stay Chinese.
    const en = join(tmp, 'fit-report-en.pdf');
    assert.equal(dunguard(['report', '--out', en, '--lang', 'en'], { env }).code, 0);
    const enText = pdfText(en);
    assert.match(enText, /Harassment report/);
    assert.match(enText, /Contacts per day/);
    assert.match(enText, /Findings/);
    assert.match(enText, /at most \d+/);
    assert.doesNotMatch(enText, /骚扰情况报告|每日联系次数|发现|参考：|依据：|生成时间/);
  });

  it('asks for the profile before writing, and names the letter types', () => {
    const env = { DUNGUARD_HOME: join(tmp, 'empty') };
    const r = dunguard(['letter', 'cease-harassment'], { env });
    assert.equal(r.code, 2);
    assert.match(r.err, /profile set|profile/);
    assert.match(dunguard(['letter', 'list'], { env }).out, /negotiation-request/);
  });
});
