import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngine } from '../../test/helpers/engine.js';
import { fixDigitHomoglyphs, Normaliser } from './normalise.js';

const { normaliser } = await testEngine();
const fold = (s: string): string => normaliser.normalise(s).text;

describe('normalise', () => {
  it('turns traditional characters into simplified ones', () => {
    assert.equal(fold('您的貸款已逾期，請儘快還款'), '您的贷款已逾期请尽快还款');
    assert.equal(fold('徵信'), '征信');
  });

  it('folds every CJK character the same way in one pass as in two (traditional and simplified texts fold alike)', () => {
    // 麼 → 么 → 幺 in two steps once left "怎麼" as 怎么 and "怎么" as 怎幺: rules written 怎幺 missed traditional text.
    const twice: string[] = [];
    for (let cp = 0x3400; cp <= 0x9fff; cp++) {
      const once = fold(String.fromCodePoint(cp));
      if (once !== '' && fold(once) !== once) twice.push(String.fromCodePoint(cp));
    }
    assert.deepEqual(twice, []);
    assert.equal(fold('怎麼辦'), fold('怎么办'));
  });

  it('folds full-width letters and digits and lower-cases Latin', () => {
    assert.equal(fold('ＡＰＰ下載１２３'), 'app下载123');
  });

  it('drops spaces and symbols used to split keywords', () => {
    assert.equal(fold('消 除 记 录'), '消除记录');
    assert.equal(fold('征*信'), '征信');
    assert.equal(fold('安-全.账_户'), '安全账户');
    assert.equal(fold('逾\u200b期'), '逾期'); // zero-width space
  });

  it('reads a space between phrases as a clause break, and letter-spacing as none', () => {
    const clauseOf = (s: string, ch: string): number => {
      const n = normaliser.normalise(s);
      return n.clauses[n.text.indexOf(ch)]!;
    };
    // "无需" must not reach across the gap to "需交": the fee is asked for.
    assert.notEqual(clauseOf('无需抵押 放款前需交工本费', '押'), clauseOf('无需抵押 放款前需交工本费', '放'));
    assert.equal(clauseOf('消 除 记 录', '消'), clauseOf('消 除 记 录', '录'));
    assert.equal(clauseOf('请 转 账 到 安全账户', '请'), clauseOf('请 转 账 到 安全账户', '全'));
  });

  it('reads text split word by word (a corpus\'s segmentation) as one clause, and still breaks at its punctuation', () => {
    const clausesOf = (s: string): Set<number> => new Set(normaliser.normalise(s).clauses);
    // four or more single spaces between short runs: words, not phrases
    assert.equal(clausesOf('尊敬 的 用户 您 的 手机 银行 将 于 今日 失效').size, 1);
    assert.equal(clausesOf('尊敬 的 用户 您 的 手机 银行 将 于 今日 失效 ， 请 登录 我行 网址').size, 2);
    // a few spaces between phrases are still breaks
    assert.equal(clausesOf('无需抵押 放款前需交工本费').size, 2);
    assert.equal(clausesOf('您好 您的借款已逾期 请尽快处理 谢谢配合').size, 4);
  });

  it('drops emoji and control characters', () => {
    assert.equal(fold('逾期😡\u0007还款\u001b[31m'), '逾期还款31m');
  });

  it('reads homoglyph and other-script digits as digits', () => {
    assert.equal(fold('缴纳5OO元'), '缴纳500元');
    assert.equal(fold('𝟓𝟎𝟎元'), '500元'); // mathematical digits
    assert.equal(fold('٥٠٠元'), '500元'); // Arabic-Indic digits
    assert.equal(fold('①②③'), '123');
    assert.equal(fixDigitHomoglyphs('no1'), 'no1');
  });

  it('ignores lone surrogates instead of failing', () => {
    assert.equal(fold('逾\ud800期'), '逾期');
  });

  it('maps every character of the matching form back into the original text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normaliser.normalise(s);
        assert.equal(n.starts.length, n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          assert.ok(n.starts[i]! >= 0 && n.starts[i]! < n.ends[i]! && n.ends[i]! <= s.length);
          if (i > 0) assert.ok(n.starts[i]! >= n.starts[i - 1]!);
        }
      }),
    );
  });

  it('folds Taiwan and Hong Kong words to the mainland words the rules use, spans still on the original', () => {
    assert.equal(fold('請點擊以下連結，驗證您的帳戶'), '请点击以下链接验证您的账户');
    assert.equal(fold('您的簡訊'), '您的短信');
    assert.equal(fold('身分證'), '身份证');
    assert.equal(fold('我哋上你屋企'), '我们上你家里');
    // a phrase is not folded where it is not one: 接收数据 keeps its 收数
    assert.equal(fold('接收数据'), '接收数据');
    const original = '點 擊「連結」';
    const n = normaliser.normalise(original);
    assert.equal(n.text, '点击链接');
    const at = n.text.indexOf('链接');
    assert.equal(original.slice(n.starts[at]!, n.ends[at + 1]!), '連結');
  });

  it('refuses a regional phrase whose fold is of another length (spans would drift)', () => {
    assert.throws(() => new Normaliser(new Map(), undefined, [['连结', '超链接']]), /lengths differ/);
  });
});
