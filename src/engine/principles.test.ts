/**
 * The principles of docs/scoring.md ("no ask, no scam", "a number never excuses an ask",
 * "threats are threats", "warnings are not scams", "genuine must be earned", "words follow
 * confidence") on whole messages through the whole check, and the messages issue 11 quotes
 * as wrongly judged before. Call transcripts: only the other party's turns count.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testEngine } from '../../test/helpers/engine.js';
import { check } from './check.js';
import { readTranscript } from './transcript.js';

const engine = await testEngine();
const run = (text: string, number?: string) => check(engine, { text, number, date: '2026-11-28' });
/** Each text gets this verdict. */
const each = (verdict: string, texts: readonly string[]): void => {
  for (const t of texts) assert.equal(run(t).verdict, verdict, t);
};

describe('the messages issue 11 found wrongly judged', () => {
  it('"请把钱转入安全账户" from 96110 is a scam, and the answer says 96110 never asks for money', () => {
    const r = run('请把钱转入安全账户', '96110');
    assert.equal(r.verdict, 'scam');
    assert.equal(r.assessment, 'scam');
    assert.ok(r.notes.some((n) => n.zh.includes('96110') && n.zh.includes('从不要求转账')), JSON.stringify(r.notes));
  });

  it('a threat to visit the family home is rule-breaking collection, not "other"', () => {
    assert.equal(run('我们明天就去你老家找你父母').verdict, 'collection_violation');
    assert.equal(run('你再拖着，我们就派人上门，到时候全村都知道').verdict, 'collection_violation');
  });

  it('"告诉你儿子，再不还钱我们就上门" is rule-breaking, never genuine', () => {
    const r = run('告诉你儿子，再不还钱我们就上门');
    assert.equal(r.verdict, 'collection_violation');
  });

  it('a repayment link to an unknown site in an "overdue" SMS is not genuine collection', () => {
    const r = run('【某某借】您的借款已逾期2天，请点击 http://hk-pay88.top/r 完成还款，以免影响征信。');
    assert.notEqual(r.assessment, 'collection');
    assert.equal(r.verdict, 'scam');
  });

  it('texts between family members with no ask are not scams, and cite no criminal law', () => {
    assert.equal(run('妈，我周末回家吃饭，给我留点饺子').assessment, 'other');
    for (const t of ['妈，我周末回家吃饭，给我留点饺子', '儿子，你上次说想买车，妈这边可以借你十万，你考虑一下']) {
      const r = run(t);
      assert.notEqual(r.verdict, 'scam', t);
      assert.notEqual(r.assessment, 'scam', t);
      assert.ok(!r.law.some((c) => c.signals.includes('VERDICT.SCAM')), t);
      assert.ok(!r.next_steps.zh.some((s) => s.includes('拨打110')), t);
    }
  });

  it('a genuine reminder whose caller will not name the company is not called a scam', () => {
    const text = '您好，这里是某某消费金融，您的借款已逾期3天，请尽快在官方App还款。';
    const r = check(engine, { text, date: '2026-11-28', answers: { company: null } });
    assert.notEqual(r.verdict, 'scam');
    assert.equal(r.assessment, 'uncertain');
  });
});

describe('words follow confidence', () => {
  it('never says "very likely a scam" below the high band, nor gives a firm answer below the lowest band', () => {
    const texts = [
      '请把钱转入安全账户',
      '您的快递丢失，请加我微信办理理赔',
      '点击 http://a.cn 领取积分',
      '您好，请问您需要贷款吗',
      '妈，给我转两千，急用',
      '【某银行】您尾号1234的卡消费200元',
    ];
    for (const t of texts) {
      const r = run(t);
      const firm = r.summary.zh.includes('很可能');
      if (firm) assert.ok(r.confidence >= engine.rules.meta.scoring.bands.high, `${t}: ${r.confidence}`);
      if (r.confidence < engine.rules.meta.scoring.bands.medium && r.assessment !== 'suspicious') assert.equal(r.assessment, 'uncertain', t);
    }
  });

  it('a scam resting only on a plain ask and wording hedges: a friend may write the same words', () => {
    for (const t of ['兄弟，我最近手头紧，能不能借我3000，下个月发工资还你', '妈，给我转两千，急用']) {
      const r = run(t);
      assert.equal(r.verdict, 'scam', t);
      assert.equal(r.certainty, 'medium', t);
      assert.ok(!r.summary.zh.includes('很可能'), t);
    }
    // a scam pattern that is itself an ask may still be firm
    assert.equal(run('请把钱转入安全账户，这是国家监管账户').certainty, 'high');
  });

  it('a friendly visit names no threat: no violation reason and no law for an "other" text', () => {
    for (const t of ['周末我到你家吃饭', '快递我帮你寄到你老家了']) {
      const r = run(t);
      assert.equal(r.verdict, 'other', t);
      assert.ok(!r.signals.some((s) => s.category === 'violation'), JSON.stringify(r.signals.map((s) => s.id)));
      assert.deepEqual(r.law, [], t);
    }
    assert.ok(run('我们明天就去你老家找你父母').signals.some((s) => s.category === 'violation'));
  });

  it('an A-not-A question asks: "能不能借我" is no negation of the ask', () => {
    const r = run('能不能赶快帮忙汇点钱过来');
    assert.ok(r.signals.some((s) => s.id === 'ASK.MONEY'), JSON.stringify(r.signals.map((s) => s.id)));
    assert.ok(!run('千万不能汇钱过去').signals.some((s) => s.id === 'ASK.MONEY'));
  });

  it('answers "can\'t tell" with the questions that settle it', () => {
    const r = check(engine, { text: '您好，这里是某某消费金融，您的借款已逾期3天，请尽快在官方App还款。', date: '2026-11-28', answers: { company: null, employee_no: null } });
    assert.equal(r.assessment, 'uncertain');
    assert.equal(r.label.zh, '无法确定');
    assert.ok(r.caller_questions.zh.length >= 3);
  });
});

describe('warnings are not scams', () => {
  it('a police officer calling to say the last call was a scam is "other"; a caller who wraps an ask in warnings is a scam', () => {
    assert.equal(run('您好，我是某某派出所民警，您刚才接到的电话是诈骗电话，对方说的安全账户都是假的，千万不要转账').verdict, 'other');
    assert.equal(run('我是反诈中心的，你的账户被不法分子盯上了，为了安全请把钱转到我们提供的安全账户').verdict, 'scam');
  });

  it('an order to move money or to open an unknown site is no warning, even wrapped in two warnings (it warns and calls the rest fraud)', () => {
    const wrapped = run('之前给你打电话的都是诈骗分子，我们是反诈中心，请把钱转到安全账户');
    assert.equal(wrapped.verdict, 'scam');
    assert.ok(wrapped.signals.some((s) => s.id === 'ASK.ORDER_TRANSFER'));
    // the order is told before the warning words it hides behind
    const at = (id: string) => wrapped.reasons.findIndex((r) => r.signal === id);
    assert.ok(at('ASK.ORDER_TRANSFER') >= 0 && at('ASK.ORDER_TRANSFER') < at('OFFICIAL.ANTI_FRAUD_WARNING'));
    assert.equal(run('反诈中心提醒：您的账户存在风险，请立即点击链接 http://fz-96110.cc 核验身份').verdict, 'scam');
    // the same words told of, or forbidden, stay a warning
    assert.equal(run('民警提醒：凡是自称反诈中心让你把钱转到安全账户的，都是诈骗').verdict, 'other');
    assert.equal(run('反诈中心提示：不要把钱转到所谓的安全账户，公安机关没有安全账户').verdict, 'other');
  });

  it('an order wrapped in warning words to call an overseas number or add a WeChat "to register" is a scam; the same order quoted in a warning is not', () => {
    assert.equal(run('【反诈预警】您的银行卡被他人盗刷，请立即拨打客服热线 0085-2316-8842 办理止付').verdict, 'scam');
    assert.equal(run('96110提醒：你已被诈骗团伙盯上，速添加民警微信 fzzx9611 进行登记').verdict, 'scam');
    const quoted = run('警方公布的话术：“我是反诈中心民警，请立即添加民警微信 fz110 进行登记”，凡是这样说的都是诈骗');
    assert.equal(quoted.verdict, 'other');
    assert.ok(!quoted.signals.some((s) => s.id === 'ASK.ORDER_CALL_OR_ADD'));
  });
  it('a quoted ask or threat in a text that judges it is the warning\'s example; outside the quotes an ask still counts', () => {
    for (const t of [
      '【行政部】近期有“税务局”短信称“您的个税退税已到账，点击链接领取”，此为诈骗，请勿点击。',
      '陌生人让你共享屏幕，马上挂电话！',
      '您好，这里是反诈中心，请问刚才是不是有人让您下载会议软件？如果对方说要把钱转到“安全账户”，那就是骗子，请不要操作。',
    ]) {
      const r = run(t);
      assert.equal(r.verdict, 'other', t);
    }
    // A quoted threat that the text calls empty is no threat of the sender's.
    assert.notEqual(run('催收的说“再不还就去你单位闹”“让你坐牢”，这些都是吓唬人的，属于违法，别怕，留好录音。').verdict, 'collection_violation');
    // The same judging words do not excuse an ask in the sender's own voice.
    for (const t of [
      '【反诈中心】近期“冒充客服”诈骗高发，谨防上当。为保护您的资金，请把余额转到我们给您的安全账户。',
      '【银行安全提醒】请勿向他人透露验证码，谨防诈骗。如需开启安全保护，请回复身份证号码和银行卡号。',
    ]) {
      assert.equal(run(t).verdict, 'scam', t);
    }
  });

});

describe('a threat that laughs, with no debt word, is banter', () => {
  it('is no rule-breaking collection and says why; with a debt word, or without the laughter, it stays a threat', () => {
    const joke = run('再弄丢我的伞我就打断你的腿哈哈哈');
    assert.equal(joke.verdict, 'other');
    assert.equal(joke.scores.banter, true);
    assert.ok(joke.notes.some((n) => n.zh.includes('玩笑')));
    assert.equal(run('再弄丢我的伞我就打断你的腿😂').verdict, 'other');
    assert.equal(run('再弄丢我的伞我就打断你的腿').verdict, 'collection_violation');
    const debt = run('钱再不还我们就去你家，哈哈');
    assert.equal(debt.verdict, 'collection_violation');
    assert.equal(debt.scores.banter, false);
    // a collector's mockery names the debtor as one (老赖), and stays a threat
    assert.equal(run('😂😂老赖还在躲？你那点事你们单位群里都传开了').verdict, 'collection_violation');
    // sneering is no laughter
    assert.equal(run('再弄丢我的伞我就打断你的腿，呵呵').verdict, 'collection_violation');
  });
});

describe('warnings and reminders told apart', () => {
  it('a lender\'s overdue reminder that sends the reader to the official app and adds a fraud disclaimer is genuine collection', () => {
    assert.equal(run('【某某银行】您的信用卡账户已逾期，请尽快还款，可登录手机银行或拨打本行客服热线办理分期。本行不会要求您向任何个人账户转账。').verdict, 'collection');
  });

  it('a lender\'s bill or failed-debit notice with amount, date and app, ending in "we never ask for screen sharing", is collection', () => {
    assert.equal(run('【某某】您的月付账单2,180.50元将于12月15日到期，请在官方App中还款，按时还款可保持良好信用。我们不会通过电话要求您开启屏幕共享。').verdict, 'collection');
  });

  it('a bank\'s anti-fraud notice that names no debt of the reader\'s stays a warning', () => {
    assert.equal(run('某某银行温馨提示：本行工作人员不会要求您提供验证码或向个人账户转账，谨防冒充银行催收诈骗。').verdict, 'other');
  });

  it('a police warning that names fake collectors as fraud and says "repay only in the official app" stays a warning: two warning signals make a warning whoever speaks', () => {
    const r = run('某某派出所提醒：近期有人冒充网贷催收，谎称欠款已转交给他们、扫码可以减免，请大家一律通过官方APP还款，不要扫陌生收款码。');
    assert.equal(r.verdict, 'other');
    assert.equal(r.scores.official_warning, true);
  });

  it('a person telling of a call they received, or asking whether it was a scam, is no scam and no collection', () => {
    assert.equal(run('我奶奶昨天接到一个电话，对方自称医保局的，说她的卡要升级，让她把卡号报过去。').verdict, 'other');
    assert.equal(run('刚才有人打电话说我京东学生账户要注销，不然影响征信，这是不是骗子？').verdict, 'other');
    assert.equal(run('我承认逾期了，你们别再打我家里电话，下个月开始我每月还一千。').verdict, 'other');
    // the writer's own debt told in the first person, addressing nobody, is no lender's notice, instalment plan or lender named
    assert.equal(run('我以前逾期的时候，跟平台协商了个还款计划，现在每个月按时还').verdict, 'other');
    assert.equal(run('我这个月花呗还不上了，最低还款也要一千多').verdict, 'other');
  });

  it('words about collection — what collectors may do, advice, a complaint — are no collection; a collector who denies being one still collects', () => {
    assert.equal(run('律师提醒：催收人员不得向借款人的同事和亲友透露欠款情况，遇到可以投诉').verdict, 'other');
    assert.equal(run('专家建议，还款有困难时先和银行协商分期，逾期了也别换号失联').verdict, 'other');
    assert.equal(run('我们不是暴力催收，只是提醒您今天还款，您的借款已逾期三天').verdict, 'collection');
    // a threat in such words is still a threat (principle 3)
    assert.equal(run('专家建议你今天就还钱，不然我们明天去你单位找你领导').verdict, 'collection_violation');
  });

  it('a threat with no debt word is rule-breaking collection (children, partners, the workplace, menace)', () => {
    for (const t of ['你女儿在实验小学三年级吧，你自己想清楚。', '再不接电话我们就打给你老婆。', '已经给你们单位领导打过电话了。', '等着蹲号子吧。', '我会让你生不如死', '你全家都别想好过']) {
      assert.equal(run(t).verdict, 'collection_violation', t);
    }
  });
});

describe('call transcripts', () => {
  const dialogue = '对方：您好，这里是某某消费金融，您的分期已经逾期十天了，应还920元\n我：我不会把钱转到什么安全账户的，你们要我转账我就报警\n对方：不需要转到别的账户，请您在官方App里还款就行';

  it('reads the person\'s own turns as theirs and sets them aside, keeping every offset', () => {
    const t = readTranscript(dialogue);
    assert.equal(t.dialogue, true);
    assert.equal(t.analysed.length, dialogue.length);
    assert.ok(!t.analysed.includes('安全账户'));
    assert.ok(t.analysed.includes('逾期十天'));
  });

  it('never lets the person\'s words fire against them', () => {
    const r = run(dialogue);
    assert.ok(!r.signals.some((s) => s.id === 'SCAM.SAFE_ACCOUNT'), r.signals.map((s) => s.id).join(' '));
    assert.equal(r.verdict, 'collection');
    assert.ok(r.notes.some((n) => n.zh.includes('对话')));
    // spans point into the original text
    for (const s of r.signals) for (const sp of s.spans) assert.equal(dialogue.slice(sp.start, sp.end), sp.text);
  });

  it('accepts timestamps and other labels, and still judges what the caller said', () => {
    const t = '[00:03] 催收员：你欠的钱今天必须还\n[00:10] 我：我这个月没钱\n[00:15] 催收员：没钱？那我们就打给你单位领导和你爸妈';
    assert.equal(readTranscript(t).dialogue, true);
    assert.equal(run(t).verdict, 'collection_violation');
    // a time with its date, as phones' call notes write it: the person's own words are set aside
    const dated = '[10-18 11:02] 某某贷客服：您好，您的借款已逾期，目前欠款5,192元，请在官方App还款。\n[10-18 11:04] 我：我现在没钱，能不能只还本金？\n[2026/10/18 11:05] 某某贷客服：可以提交困难证明申请减免，我帮您登记。';
    const d = readTranscript(dated);
    assert.equal(d.dialogue, true);
    assert.ok(!d.analysed.includes('只还本金'));
    assert.equal(run(dated).verdict, 'collection');
  });

  it('reads a dialogue pasted on one line, turn labels after spaces, and sets the person\'s turns aside', () => {
    const one = '对方：您好，我是某某平台的，您的借款逾期45天了。 我：你们是不是要上门？要报警抓我？ 对方：不会的，逾期信息会报送征信，您可以在App里还款。';
    const t = readTranscript(one);
    assert.equal(t.dialogue, true);
    assert.equal(t.analysed.length, one.length);
    assert.ok(!t.analysed.includes('上门'));
    assert.ok(t.analysed.includes('报送征信'));
    assert.equal(run(one).verdict, 'collection');
    // a colon after a word that is no speaker label is no turn
    assert.equal(readTranscript('注意：本月账单已出 时间：12月1日').dialogue, false);
  });

  it('leaves text that is no dialogue unchanged', () => {
    const plain = '第一行：说明\n第二行没有冒号';
    assert.equal(readTranscript(plain).analysed, plain);
    assert.equal(readTranscript('单行文字').dialogue, false);
  });

  it('reads a 30-minute transcript (~10,000 characters) whole', () => {
    const turns: string[] = [];
    for (let i = 0; turns.join('\n').length < 10_000; i++) turns.push(i % 2 === 0 ? `对方：第${i}句，你的借款已经逾期，请尽快在官方App还款。` : `我：第${i}句，我知道了，我会安排。`);
    const text = turns.join('\n');
    const r = run(text);
    assert.equal(r.text, text);
    assert.equal(r.verdict, 'collection');
  });
});

describe('genuine collection is written to the borrower', () => {
  it('talk about a debt that addresses nobody (a question, a saying, news) is "other"; a lender\'s reminder is collection', () => {
    for (const t of ['网贷逾期三个月会怎么样？会被起诉吗', '朋友欠款三年不还，起诉有用吗', '逾期记录保留五年，结清欠款后五年自动消除']) {
      assert.equal(run(t).verdict, 'other', t);
    }
    for (const t of ['请尽快还款，逾期将影响征信', '您的借款已逾期，请尽快处理', '尊敬的${name}，您的借款${amount}元已逾期${days}天，请尽快还款。']) {
      assert.equal(run(t).verdict, 'collection', t);
    }
  });
  it('a question that names a lender but addresses nobody is the person\'s own; the lender\'s terse notice still is collection', () => {
    for (const t of ['花呗逾期两天怎么办', '微粒贷提前还款有手续费吗', '花呗逾期了还能不能用？']) assert.equal(run(t).verdict, 'other', t);
    assert.equal(run('【借呗】本期应还1,052.33元，还款日5月15日，逾期将影响征信').verdict, 'collection');
    assert.equal(run('借呗逾期了，你打算什么时候还？').verdict, 'collection');
  });
  it('collector\'s idioms with no pronoun address the reader; a future debit and an order to settle are no receipts', () => {
    for (const t of ['后天中午之前能不能把欠款结清？给个准话。', '周四前把逾期那一期补上，别让我们再打电话。', '【某某分期】您本期应还812元，请于5日前存入尾号0921银行卡，以便自动扣款成功。', '最后期限：明天。请把欠款全部结清，逾期不候。']) {
      assert.equal(run(t).verdict, 'collection', t);
    }
    assert.equal(run('您好，您的借款已于上周全部结清了，感谢您的使用。').verdict, 'other');
  });
  it('an order to open an unknown web address in a text about a debt is the fraud\'s move (principle 5), not a reminder', () => {
    const r = run('您的网贷已逾期3天，请于今日18点前登录 hk-repay.top 完成还款，逾期将上报征信。');
    assert.equal(r.verdict, 'scam');
    assert.equal(run('您的借款已逾期3天，请尽快登录官方App还款，逾期将上报征信。').verdict, 'collection');
  });
});

describe("an adversarial review of the ninth session's rules (2026-12-01)", () => {
  it('a bank\'s or the traffic police\'s own notice naming its official site is no phishing lure; a lure with a masked link is', () => {
    each('other', ['【工商银行】恭喜您获得信用卡提额资格，可登录工行手机银行或 icbc.com.cn 申请', '【交管12123】您的车辆苏A12345有违章记录未处理，请通过交管12123App或登录 gab.122.gov.cn 查询处理']);
    assert.equal(run('尊敬的客户，您的信用卡可办理永久提额，请点击链接 t.cn/A6xxk 办理').verdict, 'scam');
  });
  it('"为什么还不…" presses for an ask; "为什么要输入…" asks about one', () => {
    assert.equal(run('我是你领导，为什么还不把钱转给我').verdict, 'scam');
    assert.notEqual(run('为什么要输入支付密码来验证').verdict, 'scam');
  });
  it('a look-alike of a carrier\'s or 12306\'s site is no official site', () => {
    assert.equal(run('【12306】您购买的G123次车票因系统故障已取消，请登录 www.12306tp.cc 办理退票赔付').verdict, 'scam');
  });
  it('"出去卖" of a person is coercion whatever the count; of goods it is not', () => {
    each('collection_violation', ['没钱就叫你媳妇出去卖个几次', '还不上就出去卖两天，一晚能挣一千']);
    each('other', ['我妈每天早上出去卖豆浆油条', '他毕业后出去卖了两年保险']);
  });
  it('a collector\'s demand stays collection though it asks ("还不还？", "要么…要么", "你不急我们急")', () => {
    each('collection', ['王磊，借呗逾期60天了，还不还？不还我们只能走法律程序了', '借呗逾期90天，欠款8000元，要么今天还清，要么等着法院传票']);
    assert.equal(run('你不急我们急！逾期90天了，去别的平台借也得今天把钱还上').verdict, 'collection_violation');
    assert.equal(run('有什么可以帮你的？帮你想想办法借钱还我们吧，去别的平台借出来先还上').verdict, 'collection_violation');
  });
  it('a carrier\'s own auto-charge notice with its opt-out is no scam', () => {
    assert.notEqual(run('【中国移动】您订购的视频彩铃将于下月自动扣费10元，本公司已尽告知义务，退订请回复TD').verdict, 'scam');
  });
});

describe('read by shape (2026-11-30, fifth session)', () => {
  it('a warning that quotes a caller ("骗子常说：“我是…客服…”") is a warning: the quoted voice is not the writer\'s', () => {
    const w = run('【小区反诈课堂】骗子最近常说：“您好，我是某某支付的客服，您的会员服务马上要扣费，我教您下载一个会议软件关闭它。”接到这种电话请直接挂断。');
    assert.equal(w.verdict, 'other');
    assert.ok(!w.signals.some((s) => s.id === 'CONTEXT.CALLER_VOICE'));
  });

  it('"don\'t make us come" is a threat to visit; friends\' "别让我们去你家吃饭了" is not', () => {
    each('collection_violation', ['别逼我们亲自去你公司找你', '唔好迫我哋上你屋企', '别让我们去你老家，到时候谁都不好看']);
    each('other', ['别让我们去你家吃饭了，太打扰', '别让我去你家了，路太远']);
  });

  it('repayment steered away from the platform, or into a named account, is a scam; the lender\'s own "not to a personal account" is not', () => {
    assert.equal(run('您在原平台的欠款已由我方接手，请勿再还至平台，剩余欠款统一还入以下账户，户名王某').verdict, 'scam');
    assert.equal(run('您的债权已转让给我司，还款金额与期限不变，请继续在原平台App还款，我司不会要求您向任何个人账户转账。').verdict, 'collection');
  });

  it('a freeze or litigation costs stated as the lawful consequence of default ask for no fee', () => {
    for (const t of ['逾期后将产生罚息，您的借款额度也将被冻结，请按时还款。', '如到期仍未付款，我司将依法起诉，届时您还将承担诉讼费、保全费等费用。']) {
      assert.notEqual(run(t).verdict, 'scam', t);
    }
    assert.equal(run('法院已受理你的案子，你先交3000元诉讼费到我发你的卡号，可以帮你撤案').verdict, 'scam');
  });

  it('a threat taken back as a joke is banter, laughter alone is not; a deposit returned asks for nothing', () => {
    assert.notEqual(run('你再不还我那两百块，我就去你宿舍堵你，开玩笑的，别当真').verdict, 'collection_violation');
    assert.equal(run('你的钱再还不上的话，就陪我们开心开心，你懂的哈哈哈').verdict, 'collection_violation');
    assert.notEqual(run('押金房东退了，你那份八百我已经转你了').verdict, 'scam');
    assert.equal(run('先交800元押金，押金交了马上放款').verdict, 'scam');
  });

  it('a purpose clause negates nothing: "为防止冻结，请登录 <unknown site>" still sends the reader to it', () => {
    assert.equal(run('您的额度即将失效，为防止冻结请登录 https://quota-fix.top 完成校验').verdict, 'scam');
    assert.equal(run('为防止上当，请不要点击陌生链接').verdict, 'other');
  });

  it('care for one\'s own family is not menace; "be careful" said of the reader\'s family about a debt is', () => {
    each('other', ['老公你开车小心点，下雨路滑', '妈，你出门小心一点，别摔着', '老公你看我新买的裙子好看吗']);
    each('collection_violation', ['钱再拖着不还，你孩子上学路上小心点', '欠钱不还，你出门小心点']);
  });

  it('a court or arbitration notice is collection; a fake one asking a deposit, a WeChat or an unknown link is a scam', () => {
    assert.equal(run('【某区人民法院】李某：原告某小额贷款公司诉你借款合同纠纷一案已立案，请登录人民法院在线服务平台查看起诉状。').verdict, 'collection');
    assert.equal(run('【某区人民法院】你有一份传票未签收，请点击 court-notice.top 查看，逾期将被拘留').verdict, 'scam');
    assert.equal(run('你的借款纠纷已由仲裁庭受理，仲裁员要求你今天添加微信号 zc8866 提交材料').verdict, 'scam');
  });

  it('a dialogue pasted on one line with no spaces ("…您好。我：…") is read as one: the person\'s report of threats is no threat', () => {
    const r = run('对方：这里是派出所。我：我要报警，催收说今晚就带人去我家砸门。对方：好的，请到所里做笔录。');
    assert.equal(r.verdict, 'other');
  });
});

describe('read by shape (2026-11-30, sixth session)', () => {
  it('a police SMS saying the call just taken was fraud is a warning; the same words with an order to transfer are a scam', () => {
    assert.equal(run('【某某公安】您好，您刚才接听的号码为诈骗电话，对方可能以“注销网贷账户”“降低利率”为由要求您转账，请立即挂断，切勿转账。').verdict, 'other');
    assert.equal(run('您刚才接听的号码为诈骗电话，您的资金有风险，请立即把钱转到安全账户').verdict, 'scam');
  });

  it("a court's own WeChat mini-program is the official channel; a judge's WeChat is not", () => {
    assert.equal(run('【某某区人民法院】您好，您有一份法律文书已送达，请通过“人民法院在线服务”微信小程序查收。').verdict, 'other');
    assert.equal(run('您的网贷逾期已被起诉，请加法官微信abc123处理').verdict, 'scam');
  });

  it('money to "my" WeChat for taking an overdue record down is a scam; a friend who paid such an agent and was blocked is telling', () => {
    assert.equal(run('我是你表姐的朋友，在银行上班，能帮你把网贷逾期从征信上撤下来，就是要打点一下，先转3000到我微信。').verdict, 'scam');
    assert.equal(run('你别理那些说能帮你停息挂账的，我表哥交了三千块钱，人直接把他拉黑了。').verdict, 'other');
  });

  it("a bank's own due reminder is collection, not an anti-fraud warning; a lender's advert is no collection", () => {
    assert.equal(run('【平安银行】温馨提示：您的新一贷本期还款日为06月25日，应还金额3,456.21元，请提前存入尾号2209账户。若已还款请忽略本短信。').verdict, 'collection');
    assert.equal(run('【招联金融】好消息！您的借款额度已提升至50,000元，日利率低至0.02%，打开招联金融APP即可借款。拒收请回复R').verdict, 'other');
  });

  it('a letter posted to the registered address is no visit; a debt told to all staff is disclosure; threats to the whole family, in dialect too, are threats', () => {
    assert.equal(run('受某某消费金融委托，就您借款逾期一事，我所已向您户籍地址邮寄律师函。如对欠款金额有异议，可致电委托方官方客服核实。').verdict, 'collection');
    each('collection_violation', [
      '请某某科技有限公司全体员工注意：贵司员工刘某长期拖欠我平台借款拒不归还，望各位远离此人。',
      '再不回电话，你全家都别想过安生日子。',
      '你莫以为躲起来就冇得事哒，我们晓得你屋在哪里，你爷娘也跑不脱。',
    ]);
  });

  it('in chat: a spinning video is no transfer, money sent back asks for nothing, and people telling of collectors are telling', () => {
    each('other', ['闺女你给我发的那个视频怎么打不开一点就转圈圈是不是我手机坏了', '妈你把钱转错了 多转了两百 我给你退回去了 你看看', '我被网贷催收爆通讯录了怎么办 好多同事都收到短信了 好丢人']);
    assert.equal(run('不好意思，我刚才误转了2000元到您账户，请将款项退回至以下账户：6222xxxx').verdict, 'scam');
  });

  it('a bank\'s or the police\'s check-in call about a transfer or a call just had is a warning; a fake one that orders a transfer is a scam', () => {
    const bank = '对方：您好，我是农业银行客服中心，请问是刘女士吗？\n我：是我。\n对方：我行系统监测到您刚才向一个陌生个人账户发起了一笔3万元转账，交易暂时被拦截了。这笔转账是您本人的真实意愿吗？有没有人让您转钱去还网贷或者解冻？\n我：有个人说是网贷公司的，要交解冻金。\n对方：这是典型的贷款诈骗。正规贷款机构不会收取任何解冻金。建议您取消这笔交易，并拨打110报警。';
    assert.equal(run(bank).verdict, 'other');
    assert.equal(run('对方：我是反诈中心的，系统预警显示您的账户有风险。\n我：啊？\n对方：请您立即把钱转到安全账户，我们帮您保管。').verdict, 'scam');
  });

  it('"other" that tells of a scam says what it describes is the fraud, never "nothing found"; an ordinary text still says nothing was found', () => {
    const told = run('刚才有人打电话说是银保监会的，让我把钱转到安全账户，说不转就冻结我的卡');
    assert.equal(told.verdict, 'other');
    assert.ok(told.summary.zh.includes('那就是诈骗') && !told.summary.zh.includes('没有发现'), told.summary.zh);
    assert.ok(run('妈，我周末回家吃饭，给我留点饺子').summary.zh.includes('没有发现'));
  });

  it('a fake anti-fraud call or SMS that gives a number, a QQ group, an account or asks for the code is a scam; the real one is a warning', () => {
    each('scam', [
      '【市公安局】您正在接听的号码涉嫌诈骗，请立即挂断，并回拨办案民警17082316645配合调查。',
      '【反诈预警】不要添加陌生人微信，不要下载陌生App。请立即加入官方反诈QQ群 683205971，群内民警将为您进行账户风险排查。',
      '【兴业银行】您有一笔转账已被拦截。如有人要求您把钱转到“安全账户”，均为诈骗。解除拦截请回复收到的验证码。',
      '对方：这里是96110，刚才给您打电话的是诈骗电话，请您不要转账。您手机马上会收到一条6位验证码，麻烦把6位数字报给我，我们帮您止付。',
    ]);
    each('other', [
      '【市公安局】您正在接听的号码涉嫌诈骗，请立即挂断，如有疑问请拨打110或96110。',
      '【兴业银行】您有一笔转账已被拦截。如有人要求您把钱转到“安全账户”，均为诈骗。请勿向任何人透露验证码。',
    ]);
  });
});

describe("a person's own short question is no scam, whatever offer its words name (principle 1)", () => {
  it('"怎么消除逾期记录" and "能不能只还本金不还利息" are the person asking; the same words with a contact, for the speaker, or in an advert stay a scam', () => {
    for (const own of ['怎么消除逾期记录', '能不能只还本金不还利息', '花呗怎么能从一个账号转到另一个账号']) {
      const r = run(own);
      assert.notEqual(r.verdict, 'scam', own);
      assert.notEqual(r.assessment, 'suspicious', own);
    }
    // …and an advert asking what the reader wants, speaking as "we", naming a price, or listing offers (second adversarial review)
    for (const scam of ['想消除逾期记录吗？加微信abc123', '能借我一点钱吗?急用!', '逾期了没钱还？停息挂账 延期2-3年再还！', '您需要消除逾期记录吗', '需要消除逾期记录吗', '如何快速消除逾期记录找我们', '征信修复只需500元要吗', '怎么消除逾期记录、停息挂账、只还本金']) {
      assert.equal(run(scam).verdict, 'scam', scam);
    }
  });
  it('a question whose only "ask" is what a scam pattern implies is the person\'s own too; one that gives a channel or a link is not (fourteenth session)', () => {
    for (const own of ['注销校园贷会影响征信吗', '征信修复是真的吗', '反催收联盟是真的吗？']) assert.notEqual(run(own).verdict, 'scam', own);
    for (const scam of ['注销校园贷请加微信abc123', '您的校园贷账户未注销，请点击链接 http://x-zx.cn 注销']) assert.equal(run(scam).verdict, 'scam', scam);
  });
});

describe('read by shape (2026-12-01, eleventh session), each narrowed after an adversarial review', () => {
  it('a loan paid out to the card or a purchase notice is no collection; a due reminder that names the card or the payout is', () => {
    each('other', ['【某某金融】您的18000.00元借款已发放到尾号1234的银行卡，请注意查收。', '您尾号1234信用卡12日10:11消费人民币38.50元，交易商户:超市。']);
    each('collection', ['【某某银行】您的个人贷款本金5000元已到期，请于今日将款项存入尾号6789账户，以免影响您的征信记录。', '【某呗】您本期账单应支付1580.00元，还款日为12月10日，请按时还款，避免影响信用。']);
    assert.equal(run('您的借款已到账，但银行卡号填写错误，资金已被冻结，需缴纳2000元解冻费到指定账户').verdict, 'scam');
  });
  it('a card charge "not yours" with a mobile or a local number to call is a scam; a shop\'s or hotel\'s receipt with its front desk is not', () => {
    each('scam', ['您尾号1234卡消费9800元，如非本人操作请联系银联安全中心 13912345678。', '您的建行卡于今日在某商场消费人民币8,600元，如有疑问请拨打 8520 1234 查询。']);
    for (const t of ['【某某大酒店】尊敬的会员，您12月1日在本店消费680元，积分已累计，如有疑问请致电前台 87654321。', '【XX银行】您尾号8823的信用卡消费2360元，如有疑问请联系客服（服务时间8:00-22:00）。']) assert.notEqual(run(t).verdict, 'scam', t);
  });
  it('an account "abnormal" with an unknown link is phishing; the same words sending people to the branch, the app or the official site are not', () => {
    assert.equal(run('工行通知：您的账号出现异常，请立即登入我行手机网 http://icbc-e.vip 进行实名补录').verdict, 'scam');
    for (const t of ['【工商银行】您尾号1234的账户出现异常交易，已暂停非柜面交易，请本人携带身份证到网点核实，详情可访问www.icbc.com.cn。', '我的QQ账号异常登不上了，谁知道怎么在网站上申诉？']) assert.notEqual(run(t).verdict, 'scam', t);
  });
  it("a company asking a contact only to have the borrower call back is genuine collection; with the debt told or money asked it is not", () => {
    assert.equal(run('您好，请问您是李某某的母亲吗？我们是某某消费金融的，有事想找他本人，他电话一直打不通，麻烦您转告他回个电话。').verdict, 'collection');
    assert.equal(run('您好，我是某某公司的，李某某欠款已经逾期三个月，请您转告他尽快还钱，不然就去你们家').verdict, 'collection_violation');
    assert.notEqual(run('阿姨您好，我是某某公司的，您儿子出车祸了在医院，麻烦您转告家里人先转五千块手术费到这个卡上').verdict, 'collection');
  });
});
