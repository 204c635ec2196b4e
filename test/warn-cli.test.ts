/**
 * The CLI does what the page does: `card` writes a phone-sized PNG, `tag` tags the number,
 * `check` and `report` show the tag, `tags export` writes the vCard (parsed back), `report-scam`
 * prints the 12321 SMS (--body-only: exactly number*message) — Chinese by default, English
 * with --lang en, no internal references — and `verify` stays intact.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { dunguard } from './helpers/cli.js';

const home = mkdtempSync(join(tmpdir(), 'dunguard-warn-cli-'));
after(() => rmSync(home, { recursive: true, force: true }));
const env = { DUNGUARD_HOME: home };
const SCAM = '【某某金融】您的网贷已逾期，需先缴纳500元手续费消除逾期记录，请点击 http://pay-fix.example.com/a?id=1 处理';
const noInternals = (s: string): void => assert.doesNotMatch(s, /\bsrc\/|\.ts\b|§|data\/act|[a-z]+_[a-z]+\b/);

describe('warn, block, report from the CLI', () => {
  it('makes the card, tags the number, shows the tag, exports the vCard and prepares the 12321 report', () => {
    const out = join(home, 'card.png');
    const card = dunguard(['card', SCAM, '--number', '17012345678', '--out', out], { env });
    assert.equal(card.code, 0, card.err);
    assert.match(card.out, /已生成提醒卡片/);
    const png = readFileSync(out);
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.equal(png.readUInt32BE(16), 1080);

    const tag = dunguard(['tag', '+86 170 1234 5678', '诈骗'], { env });
    assert.equal(tag.code, 0, tag.err);
    assert.equal(tag.out, '已标记号码 17012345678：诈骗。\n');
    assert.match(dunguard(['check', SCAM, '--number', '17012345678'], { env }).out, /你给号码 17012345678 的标记：诈骗/);
    assert.match(dunguard(['report'], { env }).out, /你标记过的号码：\n {2}17012345678 {2}诈骗/);

    const vcf = join(home, 'block.vcf');
    const exp = dunguard(['tags', 'export', '--out', vcf], { env });
    assert.equal(exp.code, 0, exp.err);
    assert.match(exp.out, /“⚠ 诈骗 17012345678”/);
    const c = new ICAL.Component(ICAL.parse(readFileSync(vcf, 'utf8')) as unknown[]);
    assert.equal(c.getFirstPropertyValue('fn'), '⚠ 诈骗 17012345678');

    const rep = dunguard(['report-scam', SCAM, '--number', '17012345678'], { env });
    assert.equal(rep.code, 0, rep.err);
    assert.match(rep.out, /发短信到 12321/);
    assert.match(rep.out, /hxxp:\/\/pay-fix\[\.\]example\[\.\]com/, 'links defanged when shown');
    assert.match(rep.out, /非官方文章/, 'the unconfirmed format says so');
    noInternals(rep.out);
    const body = dunguard(['report-scam', SCAM, '--number', '17012345678', '--body-only'], { env });
    assert.equal(body.out, `17012345678*${SCAM}`);
    assert.doesNotMatch(rep.out, /一般不需要举报/);
    // an everyday message: said to need no report before the ways are shown
    const family = dunguard(['report-scam', '妈我到家了', '--number', '17012345670'], { env });
    assert.equal(family.code, 0, family.err);
    assert.match(family.out, /^判断：其他\n这条看起来不是诈骗、垃圾短信或违规催收，一般不需要举报/);

    const en = dunguard(['report-scam', SCAM, '--number', '17012345678', '--lang', 'en'], { env });
    assert.match(en.out, /Send an SMS to 12321/);
    // English throughout, apart from the message itself and the names of Chinese services.
    const lines = en.out.split('\n').filter((l) => !l.includes('某某金融'));
    for (const l of lines) assert.doesNotMatch(l.replace(/“[^”]*”|国家反诈中心/g, ''), /[\u4e00-\u9fa5]/u, l);

    const v = dunguard(['verify'], { env });
    assert.equal(v.code, 0, v.out + v.err);
  });

  it('sends rule-breaking collection to the lender letter, and refuses a tag it does not know', () => {
    const r = dunguard(['report-scam', '你再不还钱我们就爆你通讯录，明天派人去你单位', '--number', '13800001111'], { env });
    assert.match(r.out, /dunguard letter cease-harassment/);
    assert.doesNotMatch(r.out, /发短信到 12321/);
    const bad = dunguard(['tag', '13800001111', '好人'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /标记只能是/);
  });
});
