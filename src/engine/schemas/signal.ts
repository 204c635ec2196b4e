/**
 * The rule file's record: one named signal (in the manner of a SpamAssassin rule or an
 * rspamd symbol) — what to look for, how much it weighs, what it means in plain words,
 * which law it touches and what to do about it, with examples that the tests run.
 */
import { z } from 'zod';
import { Bilingual, BilingualList } from './common.js';

export const Category = z.enum(['scam', 'violation', 'genuine', 'neutral']);
export type Category = z.infer<typeof Category>;

/**
 * How a neutral signal takes part in the verdict: `collection_context` says the message is
 * about a debt being collected; `official_warning` marks an anti-fraud warning from the
 * authorities (it argues against "scam"); `service_notice` marks ordinary service or
 * marketing text (opt-out lines and the like); `loan_offer` marks an offer of a new loan
 * (the classifier's own ground: loan scams and lenders' marketing are in its training data);
 * `caller_voice` marks a text that speaks as a caller or asks to be contacted, which an
 * official warning never does; `ask` marks something the sender wants the reader to do
 * (see `Ask`) and adds its weight (usually 0) to the scam evidence; `official_number` marks
 * a call or SMS from an official number, which lowers the scam evidence only when nothing
 * is asked (numbers are spoofed: a number never excuses an ask); `order` is an ask given as
 * an order in the speaker's own voice that no warning ever gives ("请把钱转到…账户", "请立即点击
 * <an unknown site>"): it counts as an ask, and a text with one is never an official warning.
 */
export const Effect = z.enum(['collection_context', 'loan_offer', 'official_warning', 'service_notice', 'caller_voice', 'ask', 'official_number', 'order']);
export type Effect = z.infer<typeof Effect>;

/**
 * What a fraud needs from its victim (docs/scoring.md, "no ask, no scam"): money moved, a
 * code, a link / app / download / screen share, card or identity data, or moving the
 * conversation elsewhere (add a WeChat, call another number). A message in which no signal
 * with an ask fires is never called a scam.
 */
export const Ask = z.enum(['money', 'code', 'link', 'identity', 'off_channel']);
export type Ask = z.infer<typeof Ask>;

/** YAML reads 96110 as a number: a term may be written either way and is kept as text. */
const Term = z.union([z.string().min(1), z.number().transform((n) => String(n))]);
const Terms = z.array(Term).min(1);

export const Pattern = z.union([
  z.object({ any: Terms }).strict(),
  z
    .object({
      /** One term from every group, all inside a window of `within` characters (any order). */
      all: z.array(Terms).min(2),
      within: z.number().int().positive().max(200),
    })
    .strict(),
  z
    .object({
      regex: z.string().min(1),
      /** Literal terms of which at least one must occur before the regex is tried. */
      anchors: Terms,
    })
    .strict(),
]);
export type Pattern = z.infer<typeof Pattern>;

export const Signal = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)+$/, 'ids look like SCAM.FEE_TO_CLEAR_RECORD'),
    category: Category,
    effect: Effect.optional(),
    weight: z.number().min(-20).max(20),
    /** The kind of ask this signal's match is (any category). */
    ask: Ask.optional(),
    /**
     * A violation that makes rule-breaking collection on its own, even with no debt word in
     * the text (threats of violence, visits, telling family or contacts, insults, fake
     * criminal or court consequences): threats are threats.
     */
    standalone: z.boolean().optional(),
    title: Bilingual,
    explain: Bilingual,
    patterns: z.array(Pattern).min(1),
    /** Terms that, ending within `negation_window` characters before a match, cancel it. */
    negations: z.array(Term).optional(),
    /** Use the file's default negations too (true unless turned off). */
    default_negations: z.boolean().default(true),
    law: z.array(z.string()).default([]),
    advice: BilingualList.optional(),
    examples: z
      .object({ hit: z.array(z.string().min(1)).min(1), miss: z.array(z.string().min(1)).default([]) })
      .strict(),
  })
  .strict()
  .refine((s) => (s.category === 'neutral') === (s.effect !== undefined), {
    message: 'neutral signals need an effect, and only they have one',
  })
  .refine((s) => (s.effect === 'ask' || s.effect === 'order') === (s.category === 'neutral' && s.ask !== undefined), {
    message: 'a neutral ask signal has effect "ask" or "order" and names its kind of ask',
  })
  .refine((s) => s.standalone !== true || s.category === 'violation', { message: 'only violation signals are standalone' });
export type Signal = z.infer<typeof Signal>;

export const RuleFile = z
  .object({
    signals: z.array(Signal).min(1),
  })
  .strict();
export type RuleFile = z.infer<typeof RuleFile>;

/** How a verdict is worded: `summary` when the confidence is in the high band, `hedged` in the middle band. */
const VerdictText = z.object({ label: Bilingual, summary: Bilingual, hedged: Bilingual }).strict();

export const RuleSetMeta = z
  .object({
    version: z.string().min(1),
    negation_window: z.number().int().min(0).max(20),
    /** A negation also reaches this far back within the same clause. */
    negation_clause_reach: z.number().int().min(0).max(60),
    default_negations: z.array(z.string().min(1)),
    /**
     * Named parts of regular expressions, written once and used in any signal's regex as
     * `{{name}}` (the compiler puts each in a non-capturing group): for example the official
     * payment and bank sites that are no unknown payment link.
     */
    regex_parts: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'regex part names are lower_snake_case'), z.string().min(1)).default({}),
    /** Questions to ask any caller who claims to collect a debt. */
    caller_questions: BilingualList,
    /** What never to do, whatever the verdict. */
    never_do: BilingualList,
    /** What to do next, per verdict. */
    scoring: z
      .object({
        classifier_clip: z.number().positive(),
        out_of_domain_cap: z.number().nonnegative(),
        context_threshold: z.number().positive(),
        context_with_violation: z.number().positive(),
        violation_threshold: z.number().positive(),
        /** Without an ask, scam evidence at or above this (from wording alone) makes the answer "suspicious". */
        suspicion_threshold: z.number(),
        /** When the only asks are plain ones (ASK.*, no scam pattern), the scam evidence must reach this. */
        plain_ask_margin: z.number().nonnegative(),
        /** A question that addresses nobody, asks for nothing but money and is at most this long (folded characters) is the person's own. */
        own_question_max_length: z.number().int().positive(),
        /** The words of a person's own question, and those of an advert that make it none. */
        own_question: z.object({ words: z.array(z.string().min(1)).min(1), unless: z.array(z.string().min(1)) }).strict(),
        /** Confidence bands: at or above `high` the wording is firm, at or above `medium` hedged, below it "can't tell". */
        bands: z.object({ high: z.number().min(0).max(1), medium: z.number().min(0).max(1) }).strict(),
        /**
         * The learned rule-breaking-collection model (docs/scoring.md): when its margin is at
         * least 0 and the folded text names money or a debt (any `gate` term), it counts as a
         * standalone violation of `weight`.
         */
        violation_model: z
          .object({
            weight: z.number().positive(),
            min_length: z.number().int().min(1),
            ungated_min_length: z.number().int().min(1),
            /** With no gate word but a rule's sign of rule-breaking, the logit the model must reach (never below its own threshold, never above the ungated one). */
            sign_threshold: z.number(),
            /** Rule-breaking the rules alone found, in a text the model scores below this logit, is scored again without the rules' signs of it. */
            veto_below: z.number(),
            gate: z.array(z.string().min(1)).min(1),
            lawful: z.array(z.string().min(1)),
          })
          .strict(),
        /**
         * The learned genuine-collection model (docs/scoring.md): where the rules found less collection
         * context than `context_threshold`, a text at or above the model's threshold counts as collection
         * context of `weight`.
         */
        collection_model: z.object({ weight: z.number().positive() }).strict(),
        /** The suspicion model (docs/scoring.md) judges only texts of at least this many folded characters. */
        suspicion_model: z.object({ min_length: z.number().int().positive() }).strict(),
        /**
         * "Genuine" is written to the borrower (docs/scoring.md): a text about a debt that
         * addresses nobody — no `words` in the folded text, no `marks` (an SMS tag, a template's
         * placeholder) in the text as given — is talk about debts, not collection.
         */
        addressed: z.object({ words: z.array(z.string().min(1)).min(1), marks: z.array(z.string().min(1)) }).strict(),
        /**
         * Laughter (docs/scoring.md, principle 5): a threat with no debt word that laughs — `words`
         * in the folded text, `marks` (emoji, chat apps' emoji codes) in the text as given — is
         * banter, not rule-breaking collection. With a debt word it stays a threat.
         */
        jest: z.object({ words: z.array(z.string().min(1)).min(1), marks: z.array(z.string().min(1)) }).strict(),
        /**
         * Told of, not said: an ask or a threat whose every highlighted word is inside quotation marks, in a
         * text that also judges what it quotes ("此为诈骗", "是违法的", "都是吓唬人"), is the warning's
         * example, not the sender's own (docs/scoring.md, principle 4).
         */
        told_of: z.object({ words: z.array(z.string().min(1)).min(1) }).strict(),
        /**
         * A question (docs/scoring.md, principle 5): a text that asks about a loan and addresses
         * nobody — "花呗逾期一天怎么办" — is the person's own question, not a lender's reminder, even
         * when it names the lender. `words` in the folded text, `marks` in the text as given; a text
         * with one of `unless` (a collector's demand: "什么时候还", "还不还") asks as a collector does.
         */
        asking: z.object({ words: z.array(z.string().min(1)).min(1), marks: z.array(z.string().min(1)), unless: z.array(z.string().min(1)) }).strict(),
      })
      .strict(),
    /** Wording per assessment: the four verdicts, plus "suspicious" and "uncertain" (can't tell). */
    verdicts: z
      .object({ scam: VerdictText, collection_violation: VerdictText, collection: VerdictText, other: VerdictText, suspicious: VerdictText, uncertain: VerdictText })
      .strict(),
    /** Notes added to an answer in particular situations. */
    notes: z.object({ official_number_with_ask: Bilingual, transcript: Bilingual, genuine_not_earned: Bilingual, banter: Bilingual, partly_read: Bilingual }).strict(),
    /** The summary of an "other" text that tells of a scam or of rule-breaking collection (a warning, a victim's account): what it describes is no all-clear. */
    described: z.object({ scam: Bilingual, collection_violation: Bilingual }).strict(),
    model_signal: z
      .object({
        for_scam: z.object({ title: Bilingual, explain: Bilingual }).strict(),
        against_scam: z.object({ title: Bilingual, explain: Bilingual }).strict(),
        limited: z.object({ title: Bilingual, explain: Bilingual }).strict(),
        violation: z.object({ title: Bilingual, explain: Bilingual }).strict(),
        collection: z.object({ title: Bilingual, explain: Bilingual }).strict(),
        suspicion: z.object({ title: Bilingual, explain: Bilingual }).strict(),
      })
      .strict(),
    next_steps: z
      .object({ scam: BilingualList, collection_violation: BilingualList, collection: BilingualList, other: BilingualList, suspicious: BilingualList, uncertain: BilingualList })
      .strict(),
  })
  .strict();
export type RuleSetMeta = z.infer<typeof RuleSetMeta>;
