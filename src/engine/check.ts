/**
 * The check: one message (SMS, call transcript) and optionally the caller's number in, an
 * explained verdict out. Pure — the engine's data (rules, law table, model, number plan)
 * is loaded by an adapter and passed in; the incident date is an argument, never the clock.
 */
import { checkClaims, type Ledger } from '../ledger/claims.js';
import { logit, logitPair, strongestSpans, type Model } from './classifier.js';
import type { LawTable } from './law.js';
import { matchRules } from './match.js';
import type { Normaliser, NormalisedText } from './normalise.js';
import { inspectNumberCached, type NumberData } from './numbers.js';
import type { AnswerSignals } from './schemas/numbers.js';
import type { CompiledRules } from './rules.js';
import { readTranscript } from './transcript.js';
import { score, type Calibration, type Contribution } from './score.js';
import { foldGate, violationModelMaySpeak, type ViolationGate } from './violation-gate.js';
import { foldedFinder, type WordFinder } from './word-finder.js';
import type { Bilingual } from './schemas/common.js';
import type { Assessment, Certainty, CheckResult, FiredSignal, MatchSpan, NumberInfo, Reason, Scores, Verdict } from './schemas/result.js';

/** The model of rule-breaking collection, with its higher threshold for texts with no word of money (docs/scoring.md). */
export type ViolationModel = Model & { readonly ungatedThreshold?: number | undefined };

export interface Engine {
  readonly normaliser: Normaliser;
  readonly rules: CompiledRules;
  readonly law: LawTable;
  /**
   * The scam classifier; `violation`, when present, is the model of rule-breaking collection, `collection` the model of
   * genuine collection, and `suspicion` the model of scams trained on the texts read, which may only make a quiet text "suspicious".
   */
  readonly model: Model & { readonly calibration: Calibration; readonly violation?: ViolationModel | undefined; readonly collection?: Model | undefined; readonly suspicion?: Model | undefined };
  readonly numbers: NumberData;
  /** Signals from the caller's answers (data/checklist/signals.yaml). */
  readonly answers: AnswerSignals['signals'];
}

export interface CheckInput {
  readonly text: string;
  readonly number?: string | undefined;
  /** The user's ledger, when there is one: claims are checked against it. */
  readonly ledger?: Ledger | undefined;
  /** Incident date, YYYY-MM-DD: decides which version of a law is cited. */
  readonly date: string;
  /** The caller's answers from the live-call checklist: a value given, or null for a refusal. */
  readonly answers?: CallAnswers | undefined;
}

export interface CallAnswers {
  readonly company?: string | null;
  readonly employee_no?: string | null;
  readonly contract_no?: string | null;
  readonly platform?: string | null;
}

const REFUSALS: readonly [keyof CallAnswers, string][] = [
  ['company', 'CALL.REFUSED_COMPANY'],
  ['employee_no', 'CALL.REFUSED_EMPLOYEE_NO'],
  ['contract_no', 'CALL.REFUSED_CONTRACT'],
];

/** Longest text analysed (UTF-16 units): 2 Mi, comfortably above a 1 MB message. */
export const MAX_TEXT_LENGTH = 2 * 1024 * 1024;

export type InputErrorCode = 'EMPTY_TEXT' | 'TEXT_TOO_LONG' | 'NO_TEXT' | 'BAD_DATE';

/** Input the check cannot analyse, with a message a person understands. */
export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const MODEL_SIGNAL = 'MODEL.SCAM_CLASSIFIER';
const VIOLATION_MODEL_SIGNAL = 'MODEL.VIOLATION_CLASSIFIER';
const COLLECTION_MODEL_SIGNAL = 'MODEL.COLLECTION_CLASSIFIER';
const SUSPICION_MODEL_SIGNAL = 'MODEL.SUSPICION_CLASSIFIER';
/** The law the learned violation model's finding cites: the rules on how collectors may act. */
const VIOLATION_MODEL_LAW = ['collection-conduct'];

/** The scoring settings' word lists, folded as texts are (computed once per engine). */
interface FoldedWords {
  /** The violation model's gate. */
  readonly gate: ViolationGate;
  /** The words that address the reader (docs/scoring.md, "genuine is written to the borrower"). */
  readonly addressed: WordFinder;
  /** Laughter (docs/scoring.md, "a threat that laughs, with no debt word, is banter"). */
  readonly jest: WordFinder;
  /** A question's words (docs/scoring.md, "genuine is written to the borrower"), and the demands that make it a collector's. */
  readonly asking: WordFinder;
  readonly askingUnless: WordFinder;
  /** A person's own question's words, and an advert's that make it none (docs/scoring.md, principle 1). */
  readonly ownQuestion: WordFinder;
  readonly ownQuestionUnless: WordFinder;
  /** Words that judge what a text quotes: a quoted ask or threat is then told of (docs/scoring.md, principle 4). */
  readonly toldOf: WordFinder;
}
const foldedWords = new WeakMap<Engine, FoldedWords>();
function foldedOf(engine: Engine): FoldedWords {
  let f = foldedWords.get(engine);
  if (f === undefined) {
    const fold = (t: string): string => engine.normaliser.normalise(t).text;
    const scoring = engine.rules.meta.scoring;
    f = { gate: foldGate(scoring.violation_model, fold), addressed: foldedFinder(scoring.addressed.words, fold), jest: foldedFinder(scoring.jest.words, fold), asking: foldedFinder(scoring.asking.words, fold), askingUnless: foldedFinder(scoring.asking.unless, fold), ownQuestion: foldedFinder(scoring.own_question.words, fold), ownQuestionUnless: foldedFinder(scoring.own_question.unless, fold), toldOf: foldedFinder(scoring.told_of.words, fold) };
    foldedWords.set(engine, f);
  }
  return f;
}

/**
 * Whether one of the scoring's word-and-mark lists is in the text: a folded word in the folded text,
 * or a mark in the text as given — `addressed` (the text addresses a reader: an SMS tag, a
 * placeholder) or `jest` (it laughs: an emoji, an app's emoji code).
 */
function wordOrMark(engine: Engine, list: 'addressed' | 'jest' | 'asking', folded: string, original: string): boolean {
  return foldedOf(engine)[list].occursIn(folded) || engine.rules.meta.scoring[list].marks.some((m) => original.includes(m));
}

/** The fast path used by `classify`: verdict, confidence and fired signals only. */
export interface Classification {
  readonly verdict: Verdict;
  readonly assessment: Assessment;
  readonly certainty: Certainty;
  readonly confidence: number;
  readonly signals: FiredSignal[];
  readonly scores: Scores;
}

interface Analysis {
  readonly norm: NormalisedText;
  readonly fired: FiredSignal[];
  readonly claimDetails: ReadonlyMap<string, Bilingual>;
  readonly numberInfo: NumberInfo | undefined;
  readonly outcome: ReturnType<typeof score>;
  /** Read as a dialogue, with the person's own turns set aside. */
  readonly dialogue: boolean;
  /** An official-looking caller number together with an ask. */
  readonly officialNumberWithAsk: boolean;
  /** False when the text held more matches than are kept, so that its end was not read. */
  readonly whole: boolean;
}

/**
 * `/\S/.test(s)`: whether the text has anything but white space. Most texts start with a
 * character that is plainly not white space (above U+0020 and none of JavaScript's Unicode
 * spaces), which answers at once; any other text is left to the regular expression.
 */
export function hasNonSpace(s: string): boolean {
  if (s.length > 0) {
    const c = s.charCodeAt(0);
    if (c > 0x20 && c !== 0xa0 && c !== 0x1680 && (c < 0x2000 || c > 0x200a) && c !== 0x2028 && c !== 0x2029 && c !== 0x202f && c !== 0x205f && c !== 0x3000 && c !== 0xfeff) return true;
  }
  return /\S/.test(s);
}

function validate(input: CheckInput): void {
  if (!hasNonSpace(input.text)) {
    throw new InputError('EMPTY_TEXT', '没有输入内容：请粘贴短信或通话内容。', 'Nothing to check: paste the message or what the caller said.');
  }
  if (input.text.length > MAX_TEXT_LENGTH) {
    throw new InputError(
      'TEXT_TOO_LONG',
      `内容太长（${input.text.length} 个字符），最多 ${MAX_TEXT_LENGTH} 个：请分段检查。`,
      `The text is too long (${input.text.length} characters; at most ${MAX_TEXT_LENGTH}): check it in parts.`,
    );
  }
  if (!isIsoDate(input.date)) {
    throw new InputError('BAD_DATE', `日期“${input.date}”无效，请用 YYYY-MM-DD 格式。`, `Invalid date "${input.date}": use YYYY-MM-DD.`);
  }
}

let lastGoodDate = '';

export function isIsoDate(s: string): boolean {
  if (s === lastGoodDate) return true; // classify checks the same date for every line
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const ok = d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
  if (ok) lastGoodDate = s;
  return ok;
}

/** No ledger, no claim details (shared, never written). */
const NO_CLAIMS: ReadonlyMap<string, Bilingual> = new Map();

/** The two logits of one text (scam model, violation model): reused, analyse is not re-entrant. */
const pair = new Float64Array(2);

function analyse(engine: Engine, input: CheckInput): Analysis {
  validate(input);
  // A transcript is analysed on the other party's turns only (same offsets as the original).
  const transcript = readTranscript(input.text);
  const norm = engine.normaliser.normaliseView(transcript.analysed);
  if (norm.text.length === 0) {
    throw new InputError(
      'NO_TEXT',
      '内容里没有可分析的文字（只有符号、表情或空白）。',
      'There are no words to analyse (only symbols, emoji or spaces).',
    );
  }
  const fired: FiredSignal[] = [];
  const contributions: Contribution[] = [];
  let quoted: ((at: number) => boolean) | undefined;
  // Told of (docs/scoring.md, principle 4): every span inside quotes, in a text with a word that judges what it quotes.
  // Both parts are found once, on the first text that asks.
  let condemned: boolean | undefined;
  let judgedQuote: ((at: number) => boolean) | undefined;
  const toldOf = (spans: readonly MatchSpan[]): boolean =>
    spans.length > 0 && (condemned ??= foldedOf(engine).toldOf.occursIn(norm.text)) && spans.every((sp) => quotedSpan((judgedQuote ??= insideQuotes(input.text, TOLD_OF_QUOTE_MIN)), input.text, sp));
  const read = { whole: true };
  for (const m of matchRules(engine.rules, norm, read)) {
    const s = m.signal.signal;
    const spans: MatchSpan[] = [];
    for (const sp of m.spans) {
      const start = norm.starts[sp.start]!;
      const end = norm.ends[sp.end - 1]!;
      spans.push({ start, end, text: input.text.slice(start, end) });
    }
    // An order inside a quotation is told of, not given ("收到“请立即添加客服微信办理退款”这种短信千万别理");
    // so is a caller's voice: in "骗子常说：“您好，我是某付宝客服…”" the writer quotes the caller, and
    // is not one. (Only these: other asks keep counting inside quotes, where many scripts put the
    // caller's own words.)
    if ((s.effect === 'order' || s.effect === 'caller_voice') && spans.length > 0 && spans.every((sp) => (quoted ??= insideQuotes(input.text))(sp.start))) continue;
    // So is an ask, a threat or a debt word quoted in a text that judges it ("近期有“社保局”短信称“…点击链接解冻”，此为诈骗",
    // "催收的说“再不还就去你单位闹”…都是吓唬人的"): the warning's example, not the sender's own. Outside the quotes it counts as ever.
    // (Short quotes count here, “黑户也能贷”: the judging word says they are examples.)
    if ((s.category === 'scam' || s.category === 'violation' || s.category === 'genuine' || s.effect === 'ask' || s.effect === 'collection_context') && toldOf(spans)) continue;
    fired.push(s.effect === undefined ? { id: s.id, category: s.category, weight: s.weight, spans } : { id: s.id, category: s.category, effect: s.effect, weight: s.weight, spans });
    contributions.push(s);
  }
  let numberInfo: NumberInfo | undefined;
  if (input.number !== undefined && input.number.trim() !== '') {
    numberInfo = inspectNumberCached(input.number, engine.numbers);
    for (const ns of numberInfo.signals) {
      const def = engine.numbers.plan.signals.find((x) => x.id === ns.id)!;
      fired.push({ id: def.id, category: def.category, ...(def.effect ? { effect: def.effect } : {}), weight: def.weight, spans: [] });
      contributions.push(def);
    }
  }
  const a = input.answers;
  if (a !== undefined) {
    for (const [key, id] of REFUSALS) {
      if (a[key] !== null) continue;
      const def = engine.answers.find((s) => s.id === id);
      if (def === undefined) continue;
      fired.push({ id: def.id, category: def.category, ...(def.effect ? { effect: def.effect } : {}), weight: def.weight, spans: [] });
      contributions.push(def);
    }
  }
  let claimDetails: ReadonlyMap<string, Bilingual> = NO_CLAIMS;
  if (input.ledger !== undefined) {
    const details = new Map<string, Bilingual>();
    claimDetails = details;
    const fold = (s: string): string => engine.normaliser.normalise(s).text;
    const named = fired.find((f) => f.id === 'GENUINE.NAMED_LENDER')?.spans.map((s) => s.text) ?? [];
    const collection = fired.some((f) => f.effect === 'collection_context' && f.weight >= engine.rules.meta.scoring.context_threshold);
    const findings = checkClaims({ original: input.text, folded: norm.text, fold, namedLenders: named, collection }, input.ledger);
    // What the caller stated in the checklist is a claim like any in the text: checked the same way.
    if (a !== undefined && (typeof a.platform === 'string' || typeof a.contract_no === 'string')) {
      const stated = [a.platform ?? '', typeof a.contract_no === 'string' ? `合同号 ${a.contract_no}` : ''].join(' ');
      const more = checkClaims({ original: stated, folded: fold(stated), fold, namedLenders: typeof a.platform === 'string' ? [a.platform] : [], collection: true }, input.ledger);
      for (const m of more) if (!findings.some((f) => f.id === m.id)) findings.push(m);
    }
    for (const c of findings) {
      const def = input.ledger.signals.find((s) => s.id === c.id);
      if (def === undefined) continue;
      fired.push({ id: def.id, category: def.category, ...(def.effect ? { effect: def.effect } : {}), weight: def.weight, spans: [] });
      contributions.push(def);
      details.set(def.id, c.detail);
    }
  }
  // The learned model of rule-breaking collection: a standalone violation when it is sure
  // enough and the text is about money at all (docs/scoring.md).
  // Both models read the same n-grams: when the violation model may speak, one pass gives both logits.
  const vm = engine.model.violation;
  let scamLogit: number;
  let violationLogit = -Infinity;
  const ruleViolation = contributions.some((c) => c.category === 'violation' && c.weight > 0);
  const speaks = vm === undefined ? false : violationModelMaySpeak(foldedOf(engine).gate, norm.text, ruleViolation);
  // With no word of money in the text the model needs its ungated threshold (none: it stays silent), unless a rule
  // found a sign of rule-breaking there ("后果自负", "把照片发到群里"): that sign, like a word of money, says the text
  // may be a collector's, and the lower sign threshold applies (docs/scoring.md, "The violation model").
  const ungated = vm?.ungatedThreshold ?? Infinity;
  const vThreshold =
    vm === undefined || speaks === false ? Infinity : speaks === 'gated' ? vm.threshold : ruleViolation ? Math.min(ungated, Math.max(vm.threshold, engine.rules.meta.scoring.violation_model.sign_threshold)) : ungated;
  if (vm !== undefined && vThreshold !== Infinity) {
    logitPair(engine.model, vm, norm.text, pair);
    scamLogit = pair[0]!;
    violationLogit = pair[1]!;
  } else {
    scamLogit = logit(engine.model, norm.text);
  }
  if (vm !== undefined && violationLogit >= vThreshold) {
    const weight = engine.rules.meta.scoring.violation_model.weight;
    const spans = strongestClauses(vm, norm, input.text);
    // The model's case made of quoted words in a text that judges them is the warning's example too.
    if (!toldOf(spans)) {
      fired.push({ id: VIOLATION_MODEL_SIGNAL, category: 'violation', weight, spans });
      contributions.push({ category: 'violation', weight, standalone: true });
    }
  }
  // The learned model of genuine collection (docs/scoring.md): where the rules found no collection context of the
  // threshold's weight, a text the model is sure is a lender's or an agency's collection counts as collection context.
  // The rest of the verdict is the rules' as ever: an addressee, and nothing a genuine lender never does.
  const cm = engine.model.collection;
  if (cm !== undefined) {
    const scoring = engine.rules.meta.scoring;
    let found = 0;
    for (const c of contributions) if (c.effect === 'collection_context' && c.weight > 0) found += c.weight;
    if (found < scoring.context_threshold && logit(cm, norm.text) >= cm.threshold) {
      const spans = strongestClauses(cm, norm, input.text);
      if (!toldOf(spans)) {
        const weight = scoring.collection_model.weight;
        fired.push({ id: COLLECTION_MODEL_SIGNAL, category: 'neutral', effect: 'collection_context', weight, spans });
        contributions.push({ category: 'neutral', effect: 'collection_context', weight });
      }
    }
  }
  const margin = scamLogit - engine.model.threshold;
  // The suspicion model (docs/scoring.md): asked by the scoring only of a text it would tell "other" or genuine collection
  // with nothing suspicious; its case made of quoted words in a text that judges them is a warning's example, as ever.
  const sm = engine.model.suspicion;
  let quietSpans: MatchSpan[] | undefined;
  const quietScam = (): boolean => {
    if (sm === undefined || norm.text.length < engine.rules.meta.scoring.suspicion_model.min_length || logit(sm, norm.text) < sm.threshold) return false;
    const spans = strongestClauses(sm, norm, input.text);
    if (toldOf(spans)) return false;
    quietSpans = spans;
    return true;
  };
  const addressed = wordOrMark(engine, 'addressed', norm.text, transcript.analysed);
  const laughing = wordOrMark(engine, 'jest', norm.text, transcript.analysed);
  const asking = (): boolean => wordOrMark(engine, 'asking', norm.text, transcript.analysed) && !foldedOf(engine).askingUnless.occursIn(norm.text);
  const scoreOf = (cs: readonly Contribution[]): ReturnType<typeof score> =>
    score(cs, margin, engine.model.calibration, engine.rules.meta.scoring, addressed, laughing, asking, ownQuestionLength(engine, norm), norm.text.includes('我'), quietScam);
  let outcome = scoreOf(contributions);
  // The violation model's veto (docs/scoring.md, "The violation model"): rule-breaking found by the rules alone, in a
  // text the model is sure is none ("你等着，下班我就去你家楼下堵你，请你吃火锅"), is scored again without the rules' signs of it.
  const vetoed =
    vm !== undefined &&
    outcome.verdict === 'collection_violation' &&
    violationLogit !== -Infinity &&
    violationLogit < engine.rules.meta.scoring.violation_model.veto_below &&
    !fired.some((f) => f.id === VIOLATION_MODEL_SIGNAL);
  if (vetoed) outcome = scoreOf(contributions.filter((c) => c.category !== 'violation'));
  if (quietSpans !== undefined && outcome.assessment === 'suspicious') fired.push({ id: SUSPICION_MODEL_SIGNAL, category: 'scam', weight: 0, spans: quietSpans });
  const contribution = outcome.scores.classifier_contribution;
  // Words a collector might use ("到你家") that counted for nothing — the text is about no debt
  // and no threat stands alone, or the veto set them aside — are no reason to show: "周末我到你家吃饭" names no threat.
  if (outcome.verdict === 'other' || vetoed) {
    for (let i = fired.length - 1; i >= 0; i--) if (fired[i]!.category === 'violation') fired.splice(i, 1);
  }
  if (contribution !== 0) fired.push({ id: MODEL_SIGNAL, category: 'scam', weight: contribution, spans: [] });
  const officialNumberWithAsk = outcome.scores.asks.length > 0 && contributions.some((c) => c.effect === 'official_number');
  return { norm, fired, numberInfo, outcome, claimDetails, dialogue: transcript.dialogue, officialNumberWithAsk, whole: read.whole };
}

const LIST_MARK = /[、/／～~|｜…—·•✅☎]/;

/**
 * The folded length of a text that may be a person's own question — one clause, a question word of
 * their own ("怎么", "能不能"), none of an advert's ("需要…吗", "我们", a price) — else Infinity.
 */
function ownQuestionLength(engine: Engine, norm: NormalisedText): number {
  const len = norm.text.length;
  if (len === 0 || norm.clauses[len - 1] !== norm.clauses[0]) return Infinity;
  // Separators the clause count does not see (a list of offers: "征信修复、停息挂账…"): no one question.
  if (LIST_MARK.test(norm.original)) return Infinity;
  const f = foldedOf(engine);
  return f.ownQuestion.occursIn(norm.text) && !f.ownQuestionUnless.occursIn(norm.text) ? len : Infinity;
}

/**
 * Where a learned model's case is strongest, as the clauses of the original text around its two strongest stretches
 * (a few characters of n-grams mean little to a person), without overlaps, in reading order.
 */
function strongestClauses(model: Model, norm: NormalisedText, text: string): MatchSpan[] {
  const spans: MatchSpan[] = [];
  for (const sp of strongestSpans(model, norm.text, 2)) {
    const [start, end] = clauseAround(text, norm.starts[sp.start]!, norm.ends[sp.end - 1]!);
    if (!spans.some((x) => start < x.end && x.start < end)) spans.push({ start, end, text: text.slice(start, end) });
  }
  return spans.sort((x, y) => x.start - y.start);
}

// A clause ends at punctuation and at a quote mark: a model's case inside quotes stays inside them (the check of what a text tells of).
const CLAUSE_BREAK = /[\s。，！？；：,.!?;:、…—“”「」『』‘’"]/;
/** Widens [start, end) to the clause around it, by at most `reach` characters each way. */
function clauseAround(text: string, start: number, end: number, reach = 16): [number, number] {
  let s = start;
  while (s > 0 && start - s < reach && !CLAUSE_BREAK.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < reach && !CLAUSE_BREAK.test(text[e]!)) e++;
  // Not past a surrogate pair's half.
  if (s > 0 && /[\uDC00-\uDFFF]/.test(text[s]!)) s--;
  if (e < text.length && /[\uDC00-\uDFFF]/.test(text[e]!)) e++;
  return [s, e];
}

export function classify(engine: Engine, input: CheckInput): Classification {
  const { fired, outcome } = analyse(engine, input);
  return { verdict: outcome.verdict, assessment: outcome.assessment, certainty: outcome.certainty, confidence: outcome.confidence, signals: fired, scores: outcome.scores };
}

export function check(engine: Engine, input: CheckInput): CheckResult {
  const { fired, numberInfo, outcome, claimDetails, dialogue, officialNumberWithAsk, whole } = analyse(engine, input);
  const meta = engine.rules.meta;
  const verdict = outcome.verdict;
  const assessment = outcome.assessment;
  const bySignal = new Map(engine.rules.signals.map((c) => [c.signal.id, c.signal]));
  const numberDefs = new Map(engine.numbers.plan.signals.map((s) => [s.id, s]));

  // Reasons: the signals that pushed toward the verdict first, then the rest.
  const supports = (f: FiredSignal): boolean =>
    verdict === 'scam'
      ? (f.category === 'scam' && f.weight > 0) || f.effect === 'order'
      : verdict === 'collection_violation'
        ? f.category === 'violation'
        : verdict === 'collection'
          ? f.category === 'genuine' || f.effect === 'collection_context'
          : f.weight < 0;
  // Under a scam verdict, what would make a text genuine collection is no reason to show: "提到影响征信…这是真实后果，
  // 不算威胁" or "the scam model cannot make this a scam" beneath "诈骗 99 %" reassure where nothing should.
  // Nor, where the suspicion model made the text suspicious, is "the scam model finds the wording ordinary" (it is the other model).
  const quiet = fired.some((f) => f.id === SUSPICION_MODEL_SIGNAL);
  const contradicts = (f: FiredSignal): boolean =>
    (verdict === 'scam' && (f.category === 'genuine' || f.effect === 'collection_context' || (f.id === MODEL_SIGNAL && outcome.scores.classifier_limited))) || (quiet && f.id === MODEL_SIGNAL && f.weight < 0);
  const first = (f: FiredSignal): number => (f.id === SUSPICION_MODEL_SIGNAL ? 2 : supports(f) ? 1 : 0);
  const ordered = [...fired].filter((f) => !contradicts(f)).sort((a, b) => first(b) - first(a) || Math.abs(b.weight) - Math.abs(a.weight));
  const reasons: Reason[] = [];
  const lawUses: { signal: string; refs: string[] }[] = [];
  if (verdict === 'scam') lawUses.push({ signal: 'VERDICT.SCAM', refs: ['fraud'] });
  for (const f of ordered) {
    const rule = bySignal.get(f.id);
    if (rule !== undefined) {
      reasons.push({ signal: f.id, title: rule.title, explain: rule.explain, ...(rule.advice ? { advice: rule.advice } : {}) });
      if (rule.law.length > 0) lawUses.push({ signal: f.id, refs: rule.law });
      continue;
    }
    const num = numberDefs.get(f.id);
    if (num !== undefined) {
      reasons.push({ signal: f.id, title: num.title, explain: num.explain });
      continue;
    }
    const answerDef = engine.answers.find((s) => s.id === f.id);
    if (answerDef !== undefined) {
      reasons.push({ signal: f.id, title: answerDef.title, explain: answerDef.explain });
      continue;
    }
    const ledgerDef = input.ledger?.signals.find((s) => s.id === f.id);
    if (ledgerDef !== undefined) {
      const d = claimDetails.get(f.id);
      reasons.push({ signal: f.id, title: ledgerDef.title, explain: d ? { zh: `${d.zh}${ledgerDef.explain.zh}`, en: `${d.en} ${ledgerDef.explain.en}` } : ledgerDef.explain });
      continue;
    }
    if (f.id === MODEL_SIGNAL) reasons.push(modelReason(meta, f.weight, outcome.scores.classifier_limited));
    if (f.id === COLLECTION_MODEL_SIGNAL) reasons.push({ signal: f.id, title: meta.model_signal.collection.title, explain: meta.model_signal.collection.explain });
    if (f.id === SUSPICION_MODEL_SIGNAL) reasons.push({ signal: f.id, title: meta.model_signal.suspicion.title, explain: meta.model_signal.suspicion.explain });
    if (f.id === VIOLATION_MODEL_SIGNAL) {
      reasons.push({ signal: f.id, title: meta.model_signal.violation.title, explain: meta.model_signal.violation.explain });
      if (verdict === 'collection_violation') lawUses.push({ signal: f.id, refs: VIOLATION_MODEL_LAW });
    }
  }

  // An "other" text that warns of, or tells of, a scam's asks or rule-breaking collection (the scoring
  // set its described signals aside): "nothing found" would be false, so the summary says what it describes.
  const described: 'scam' | 'collection_violation' | undefined =
    verdict !== 'other' || assessment !== 'other' || !outcome.scores.official_warning
      ? undefined
      : fired.some((f) => f.category === 'scam' && f.weight > 0)
        ? 'scam'
        : fired.some((f) => f.category === 'violation' && f.weight > 0)
          ? 'collection_violation'
          : undefined;
  const notes: Bilingual[] = [];
  if (/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(input.text)) {
    notes.push({ zh: '部分内容无法解码（乱码），已忽略。', en: 'Part of the text could not be decoded and was ignored.' });
  }
  if (officialNumberWithAsk) notes.push(meta.notes.official_number_with_ask);
  if (!whole) notes.push(meta.notes.partly_read);
  if (dialogue) notes.push(meta.notes.transcript);
  if (verdict === 'collection' && assessment === 'uncertain' && outcome.scores.asks.length > 0) notes.push(meta.notes.genuine_not_earned);
  if (outcome.scores.banter && verdict === 'other') notes.push(meta.notes.banter);
  if (numberInfo !== undefined) {
    notes.push({
      zh: '号码格式只是弱信号：号码可以伪造，不能仅凭号码认定真假。',
      en: 'The number format is a weak signal: numbers can be spoofed, so it never proves a call genuine.',
    });
  }
  return {
    verdict,
    assessment,
    certainty: outcome.certainty,
    label: meta.verdicts[assessment].label,
    confidence: outcome.confidence,
    summary: described !== undefined ? meta.described[described] : outcome.certainty === 'high' ? meta.verdicts[assessment].summary : meta.verdicts[assessment].hedged,
    text: input.text,
    signals: fired,
    reasons,
    law: engine.law.cite(lawUses, input.date),
    next_steps: meta.next_steps[assessment],
    caller_questions: meta.caller_questions,
    never_do: meta.never_do,
    ...(numberInfo ? { number: numberInfo } : {}),
    scores: outcome.scores,
    incident_date: input.date,
    notes,
    engine: { rules: meta.version, model: engine.model.version, law: engine.law.file.version },
  };
}

function modelReason(meta: CompiledRules['meta'], weight: number, limited: boolean): Reason {
  const m = meta.model_signal;
  const text = limited ? m.limited : weight > 0 ? m.for_scam : m.against_scam;
  return { signal: MODEL_SIGNAL, title: text.title, explain: text.explain };
}

/** Pairs of quotation marks a quoted message is put in (the folded text has lost them). */
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([['“', '”'], ['「', '」'], ['『', '』'], ['‘', '’'], ['"', '"']]);
/** Every quote mark, opening or closing. */
const QUOTE_MARKS: ReadonlySet<string> = new Set([...QUOTE_PAIRS.keys(), ...QUOTE_PAIRS.values()]);

/** Words outside the quotes below which a quote is the whole message (pasted in quotes), not a quotation in it. */
const QUOTED_IN_A_TEXT = 4;
/** Words inside quotes below which they are scare quotes or a name ("保证金", “安全账户”), not a quotation. */
const QUOTATION_MIN = 6;
/** Words inside quotes that a judging word ("此为诈骗", "都是吓唬人") makes an example of. */
const TOLD_OF_QUOTE_MIN = 3;

/** Any opening quote mark at all (most texts have none: then nothing is quoted, found in one pass). */
const ANY_QUOTE = new RegExp(`[${[...QUOTE_PAIRS.keys()].join('')}]`);
const NOTHING_QUOTED = (): boolean => false;
/** A letter or digit: the common ranges by code, the rest by Unicode property. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWordChar(c: string): boolean {
  const u = c.charCodeAt(0);
  if (u >= 0x4e00 && u <= 0x9fff) return true;
  if (u < 0x80) return (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a);
  return WORD_CHAR.test(c);
}

/**
 * Whether a position of the text lies inside a quotation: “…”, 「…」, 『…』, ‘…’ or "…" of at
 * least QUOTATION_MIN words (a quote left open runs to the end of the text), within a text that
 * says something of its own around it. Shorter quotes are scare quotes or names, and a message
 * pasted whole in quotation marks is not a quotation: nothing in them counts as quoted.
 */
/** Whether a span lies inside quotes, the quote marks a span may begin or end on left aside. */
function quotedSpan(inside: (at: number) => boolean, text: string, sp: { start: number; end: number }): boolean {
  let a = sp.start;
  let b = sp.end - 1;
  while (a < b && QUOTE_MARKS.has(text[a]!)) a++;
  while (b > a && QUOTE_MARKS.has(text[b]!)) b--;
  return inside(a) && inside(b);
}

export function insideQuotes(text: string, min = QUOTATION_MIN): (at: number) => boolean {
  if (!ANY_QUOTE.test(text)) return NOTHING_QUOTED;
  const inside = new Uint8Array(text.length);
  const open: string[] = [];
  let outside = 0;
  let start = -1; // where the outermost open quote began
  let words = 0; // words inside it
  const close = (end: number): void => {
    if (words >= min) inside.fill(1, start, end);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open.length > 0 && c === open[open.length - 1]) {
      open.pop();
      if (open.length === 0) close(i);
    } else if (QUOTE_PAIRS.has(c)) {
      if (open.length === 0) {
        start = i + 1;
        words = 0;
      }
      open.push(QUOTE_PAIRS.get(c)!);
    } else if (isWordChar(c)) {
      if (open.length === 0) outside++;
      else words++;
    }
  }
  if (open.length > 0) close(text.length);
  if (outside < QUOTED_IN_A_TEXT) return NOTHING_QUOTED;
  return (at) => inside[at] === 1;
}
