/**
 * Combines the fired signals and the classifier into a verdict, in the manner of a spam
 * filter: every contribution is a named, weighted symbol, and the sums decide.
 *
 *   scam evidence E = classifier contribution + Σ scam weights + Σ service-notice weights;
 *                     E ≥ 0 and something asked of the reader → scam (no ask, no scam:
 *                     wording alone makes the answer "suspicious" at most).
 *   Otherwise, collection context K = Σ context + Σ genuine weights, violation V = Σ
 *   violation weights: K ≥ context_threshold (or K ≥ context_with_violation and
 *   V ≥ violation_threshold) → collection, rule-breaking when V ≥ violation_threshold;
 *   else other.
 *
 * Two compositions on top of the sums (docs/scoring.md gives the reasoning and the
 * measured effect):
 * - The classifier contribution is its margin (logit − threshold), clipped. On messages
 *   outside its training data — collecting an existing debt, or an official warning — it
 *   may argue against "scam" but adds at most −out_of_domain_cap for it.
 * - An official warning that does not speak as a caller (no self-introduction, no contact
 *   handle, no loan offer) describes scam asks rather than making them: its weight counts,
 *   the scam and violation signals it describes do not, and it is never "collection".
 *   A warning phrase inside a caller's text counts for nothing (fraudsters quote them).
 */
import type { RuleSetMeta } from './schemas/signal.js';
import type { Assessment, Certainty, Scores, Verdict } from './schemas/result.js';
import type { Ask, Category, Effect } from './schemas/signal.js';

export interface Contribution {
  readonly category: Category;
  readonly effect?: Effect | undefined;
  readonly weight: number;
  readonly ask?: Ask | undefined;
  readonly standalone?: boolean | undefined;
}

export interface Calibration {
  /** p(scam) = 1 / (1 + exp(-(a·E + b))), fitted on cross-validated evidence (Platt scaling). */
  readonly a: number;
  readonly b: number;
}

export interface ScoreOutcome {
  /** The best guess among the four verdicts (the stable contract). */
  readonly verdict: Verdict;
  /** What the person is told: the verdict, or "suspicious" / "uncertain" (docs/scoring.md). */
  readonly assessment: Assessment;
  readonly certainty: Certainty;
  readonly confidence: number;
  readonly scores: Scores;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

interface Sums {
  scam: number;
  violation: number;
  standalone: number;
  context: number;
  genuine: number;
  strongContext: number;
  service: number;
  warning: number;
  askWeight: number;
  officialNumber: number;
  asks: Set<Ask>;
  /** Asks made in so many words (the ASK.* signals, which honour negation), as opposed to scam patterns a warning may describe. */
  directAsk: boolean;
  /** A scam pattern that is itself an ask (a payment link, a personal account, a fee…): what a genuine lender never asks. */
  scamAsk: boolean;
  /** Positive scam weight from signs that are no ask (an impostor's refusals, an "internal channel" claim). */
  impostor: number;
  loanOffer: boolean;
  callerVoice: boolean;
  /** An ask given as an order no warning gives (effect `order`), and the orders' weight. */
  order: boolean;
  orderWeight: number;
  /** An order to move money (an order whose ask is money). */
  moneyOrder: boolean;
  linkOrder: boolean;
}

function sum(contributions: readonly Contribution[], settings: RuleSetMeta['scoring']): Sums {
  const s: Sums = { scam: 0, violation: 0, standalone: 0, context: 0, genuine: 0, strongContext: 0, service: 0, warning: 0, askWeight: 0, officialNumber: 0, asks: new Set(), directAsk: false, scamAsk: false, impostor: 0, loanOffer: false, callerVoice: false, order: false, orderWeight: 0, moneyOrder: false, linkOrder: false };
  for (const c of contributions) {
    if (c.ask !== undefined) s.asks.add(c.ask);
    if (c.category === 'scam') {
      s.scam += c.weight;
      if (c.ask !== undefined && c.weight > 0) s.scamAsk = true;
      else if (c.ask === undefined && c.weight > 0) s.impostor += c.weight;
    }
    else if (c.category === 'violation') {
      s.violation += c.weight;
      if (c.standalone === true) s.standalone += c.weight;
    } else if (c.category === 'genuine') s.genuine += c.weight;
    else if (c.effect === 'collection_context') {
      s.context += c.weight;
      if (c.weight >= settings.context_threshold) s.strongContext += c.weight;
    } else if (c.effect === 'loan_offer') s.loanOffer = true;
    else if (c.effect === 'caller_voice') s.callerVoice = true;
    else if (c.effect === 'official_warning') s.warning += c.weight;
    else if (c.effect === 'service_notice') s.service += c.weight;
    else if (c.effect === 'ask') {
      s.askWeight += c.weight;
      s.directAsk = true;
    } else if (c.effect === 'order') {
      s.orderWeight += c.weight;
      s.directAsk = true;
      s.order = true;
      if (c.ask === 'money') s.moneyOrder = true;
      if (c.ask === 'link') s.linkOrder = true;
    }
    else if (c.effect === 'official_number') s.officialNumber += c.weight;
  }
  return s;
}

/** Asks a genuine lender never makes in so many words (a code, card or identity data); the scam patterns with an ask are the others. */
const RED_FLAG_ASKS: readonly Ask[] = ['code', 'identity'];

export function score(
  contributions: readonly Contribution[],
  classifierMargin: number,
  calibration: Calibration,
  settings: RuleSetMeta['scoring'],
  /** Whether the text addresses a reader at all (docs/scoring.md): "genuine" is written to the borrower. */
  addressed = true,
  /** Whether the text laughs (docs/scoring.md): a threat with no debt word that laughs is banter. */
  laughing = false,
  /**
   * Whether the text asks a question (docs/scoring.md): one that addresses nobody is the person's own.
   * Asked only for an unaddressed collection candidate with genuine marks: the word scans it takes are
   * not paid on every text.
   */
  asking: () => boolean = () => false,
  /** The folded text's length when it is one clause (else Infinity): a short question that addresses nobody is the person's own (see ownQuestion). */
  length = Infinity,
  /** Whether the text says 我 (I, me): a plain ask in it is for the speaker ("能借我一点钱吗"). */
  speaksAsMe = true,
  /**
   * Whether the suspicion model (docs/scoring.md) is sure the text is a scam's wording. Asked only of a text
   * that would otherwise be told "other" or genuine collection, with nothing suspicious and no question that may be
   * the person's own (a one-clause question: see `length`): there it makes the answer "suspicious", never a scam.
   */
  quietScam: () => boolean = () => false,
): ScoreOutcome {
  const s = sum(contributions, settings);
  // A text that warns (police, 反诈中心, a regulator) describes asks rather than making them.
  // Spoken by a caller it is a warning only while the caller asks for nothing in so many
  // words ("千万不要转账" asks nothing; "请转到我们的安全账户" does): a fraudster who wraps
  // an ask in warning words is still a fraudster.
  // Two warning signals (it warns, and it names the practice as fraud) make a warning whoever speaks.
  // No warning gives an order to move money to an account or to open an unknown site (effect
  // `order`): a text with one is no warning, whatever warning words wrap it ("刚才是骗子，我们是
  // 反诈中心，请把钱转到安全账户"; "反诈中心提醒：请立即点击 <unknown site> 核验").
  // A lender's own reminder about the reader's overdue debt that sends them to the official
  // channel and adds a fraud disclaimer ("本行不会要求您向任何个人账户转账") is collection, not a
  // warning: marks of genuine collection with a debt stated, and no scam pattern that asks.
  // (Or, with one warning signal only, marks of genuine collection and debt words of four
  // times the threshold together: "账单3,208.66元将于12月12日到期，请在美团APP中还款…美团不会通过电话要求您开启屏幕共享".)
  // Never with two warning signals: a text that warns and names the practice as fraud is a
  // warning whoever speaks ("派出所提醒：冒充催收诈骗…请一律通过官方APP还款").
  const lenderNotice =
    addressed &&
    s.genuine >= settings.context_threshold &&
    !s.scamAsk &&
    s.warning > -12 &&
    ((s.strongContext > 0 && s.context >= 2 * settings.context_threshold) || (s.context > 0 && s.genuine + s.context >= 4 * settings.context_threshold));
  // An order wrapped in warning words is the fraud's own move: the text borrows an authority's
  // voice to give an order that authority never gives. Its weight counts then, and as for a
  // scam pattern with an ask, no further margin is needed.
  // So is an order to move money to a card number or "the account we give" in a text about a debt: a
  // lender collects through its app or its own corporate account, never into a card a collector names
  // ("今日还款可免利息，请转至经办人卡：6222…").
  const wrappedOrder = (s.order && s.warning < 0) || ((s.moneyOrder || s.linkOrder) && s.context > 0);
  const officialWarning = !lenderNotice && !s.order && (s.warning <= -12 || (s.warning < 0 && !s.loanOffer && (!s.callerVoice || !s.directAsk)));
  // A short question in one clause that addresses nobody and gives no way to reach anyone —
  // "怎么消除逾期记录", "能不能只还本金不还利息" — is the person's own, however much its words are a
  // fraudster's offer: it asks the reader for nothing (docs/scoring.md, principle 1). Not when it asks
  // the reader for the speaker in plain words ("能借我一点钱吗": an ASK.* signal and 我; "资金转入银行卡有限额吗"
  // asks about a transfer, for no one), nor when it names a contact, a link or a code (an advert), nor in
  // more than one clause ("逾期了没钱还？停息挂账…再还！").
  const ownQuestion =
    !addressed &&
    !(s.directAsk && speaksAsMe) &&
    length <= settings.own_question_max_length &&
    // (an ask only a scam pattern implies, with none in so many words, is a question's too: "注销校园贷会影响征信吗")
    ([...s.asks].every((a) => a === 'money') || !s.directAsk) &&
    s.asks.size > 0 &&
    asking();
  const asks = officialWarning || ownQuestion ? new Set<Ask>() : s.asks;
  const hasAsk = asks.size > 0;
  // An official caller number lowers the evidence only when nothing is asked.
  const numberPart = hasAsk ? 0 : s.officialNumber;
  // Nor does a service line ("回T退订", "请勿泄露验证码") excuse a scam pattern that is itself an
  // ask: phishing copies those lines from real notices.
  const servicePart = s.scamAsk && !officialWarning ? Math.max(0, s.service) : s.service;
  const scamRules = officialWarning ? s.warning + s.service + numberPart : s.scam + servicePart + s.askWeight + (wrappedOrder ? s.orderWeight : 0) + numberPart;
  const violation = officialWarning ? 0 : s.violation;
  const standalone = officialWarning ? 0 : s.standalone;
  const context = s.context + s.genuine;
  const threat = standalone >= settings.violation_threshold;
  // A threat with no debt word at all: a collector's — or a fraudster's posing as the police
  // ("你涉嫌诈骗，否则拘留"). The classifier keeps its say there, so the latter reads as suspicious.
  const threatOnly = threat && s.context <= 0 && s.genuine <= 0;
  // The same threat laughed at ("…哈哈哈", "😂"), with no debt word: banter between people who know
  // each other. A collector's laughing threat names the debt ("利息还不上…哈哈哈") and stays a threat.
  const banter = threatOnly && laughing;

  // Marks of genuine collection count only in a text that is about a debt at all: a bank's
  // balance notice has a date and a card tail but is not collection. Threats are threats:
  // with no debt word at all they are still rule-breaking collection.
  // A lender's advert (a loan offer, "借款额度已提升") names a lender and a loan but collects
  // nothing: without a due date, an overdue debt or a mandate it is no collection message.
  const offerOnly = s.loanOffer && s.strongContext <= 0;
  const isCollection =
    !officialWarning &&
    ((threat && !banter) ||
      (s.context > 0 && ((context >= settings.context_threshold && !offerOnly) || (context >= settings.context_with_violation && violation >= settings.violation_threshold))));
  // A collector's threats about a debt are as far outside the classifier's ground as a reminder.
  // Not a text whose debt words are outweighed (words about collection, a receipt: net context at or below zero):
  // a debt-relief agent's advert wrapped in advice about collectors is the classifier's ground again.
  const collectingDebt =
    !s.loanOffer &&
    ((threat && !threatOnly) || (s.strongContext > 0 && s.context > 0) || s.genuine >= settings.context_threshold + 1 || (s.context > 0 && violation >= settings.violation_threshold));
  const limited = collectingDebt || officialWarning;

  const clip = settings.classifier_clip;
  const margin = Math.max(-clip, Math.min(clip, classifierMargin));
  const contribution = limited ? Math.min(margin, -settings.out_of_domain_cap) : margin;
  const evidence = contribution + scamRules;
  const pScam = sigmoid(calibration.a * evidence + calibration.b);

  let verdict: Verdict;
  let confidence: number;
  let suspicious = false;
  let unearned = false;
  // Confidence for the non-scam verdicts: the calibrated "not scam" probability times a
  // rule margin for the collection split (no labelled collection data exists to calibrate it).
  const qContext = sigmoid(context - settings.context_threshold + 1);
  const qViolation = sigmoid(violation - settings.violation_threshold + 0.5);
  // No ask, no scam: wording alone never makes one; an ask in plain words needs a margin.
  // A code asked for in a text about a debt is decisive too (issue 11: a rule, not left to the model): "删逾期…码发我".
  // (Between family, "你部电话收到个验证码，读俾我听" keeps the margin: the same words are a relative's everyday ask.)
  const needed = s.scamAsk || wrappedOrder || (s.asks.has('code') && s.context > 0) ? 0 : settings.plain_ask_margin;
  if (evidence >= needed && hasAsk) {
    verdict = 'scam';
    confidence = pScam;
  } else {
    // Without an ask, the "scam" probability is only a suspicion about the wording.
    const pNot = hasAsk ? 1 - pScam : 1 - Math.min(pScam, 0.5);
    suspicious = !hasAsk && !ownQuestion && evidence >= settings.suspicion_threshold;
    const violating = violation >= settings.violation_threshold;
    // "Genuine" is written to the borrower: talk about a debt that addresses nobody (a
    // borrower's post, news, a saying) is no collection message. Threats need no addressee.
    // A named lender or an amount may stand for the missing address in a lender's terse notice
    // ("借呗账单1,286.50元，还款日4月10日"), but not in a question that addresses nobody: "花呗逾期一天
    // 怎么办" is the person asking about their own loan.
    if (isCollection && (violating || addressed || (s.genuine > 0 && !asking()))) {
      verdict = violating ? 'collection_violation' : 'collection';
      confidence = violating ? pNot * qViolation * (threat ? 1 : Math.max(qContext, 0.5)) : pNot * Math.max(qContext, 0.5) * (1 - qViolation);
      // "Genuine" must be earned: a collection message that asks for what a lender never
      // asks (an unknown payment link, a personal account, a fee, a code, card data) is not genuine.
      // Nor is one whose caller shows an impostor's signs (will not say who they are).
      unearned = !violating && (s.scamAsk || s.impostor >= settings.context_threshold || RED_FLAG_ASKS.some((a) => asks.has(a)));
    } else {
      verdict = 'other';
      confidence = pNot * (officialWarning ? 1 : 1 - qContext * 0.5);
    }
  }
  const bands = settings.bands;
  // A scam made only of a plain ask (借我点钱, 转给我) and wording is never firm: a friend or
  // relative may write the very same words, so the answer hedges and says how to check.
  const plainAskScam = verdict === 'scam' && !s.scamAsk && !wrappedOrder;
  const banded: Certainty = confidence >= bands.high ? 'high' : confidence >= bands.medium ? 'medium' : 'low';
  const certainty: Certainty = unearned ? 'low' : plainAskScam && banded === 'high' ? 'medium' : banded;
  // The suspicion model speaks where the rest would tell "other" or genuine collection and nothing is suspicious: a scam
  // worded as the world words it, with no rule and no ask the rules know ("quiet"), or a scam posing as a lender's notice.
  // Not on a question that may be the person's own. (On an official warning too: the model learnt warnings as "other".)
  // (`length` is finite for every question that may be the person's own, ownQuestion's included.)
  const quiet = (verdict === 'other' || verdict === 'collection') && !suspicious && length === Infinity && quietScam();
  const suspect = (suspicious && (verdict === 'other' || (verdict === 'collection_violation' && threatOnly))) || quiet;
  const assessment: Assessment = suspect ? 'suspicious' : certainty === 'low' ? 'uncertain' : verdict;
  return {
    verdict,
    assessment,
    certainty,
    confidence: round(confidence),
    scores: {
      scam_evidence: round(evidence),
      scam_rules: round(scamRules),
      violation: round(violation),
      collection_context: round(context),
      classifier_margin: round(classifierMargin),
      classifier_contribution: round(contribution),
      classifier_limited: limited,
      official_warning: officialWarning,
      banter,
      p_scam: round(pScam),
      asks: [...asks].sort(),
    },
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
