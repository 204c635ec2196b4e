/**
 * The public output contract of the check — what the CLI prints with --json, what
 * `classify` writes per line, and what the record, ledger, letters and web page consume.
 * Defined once here; docs/schemas/*.json are generated from these definitions
 * (`npm run schemas`), and a test keeps them in step.
 */
import { z } from 'zod';
import { Bilingual, BilingualList, IsoDate } from './common.js';
import { Category, Effect } from './signal.js';
import { Strength } from './law.js';

export const Verdict = z.enum(['scam', 'collection_violation', 'collection', 'other']);
export type Verdict = z.infer<typeof Verdict>;

/**
 * What the person is told (docs/scoring.md): the verdict when it is firm enough, or
 * `suspicious` (the wording resembles scams but nothing is asked yet: watch for an ask) or
 * `uncertain` (can't tell: the questions settle it). `verdict` stays the best guess among
 * the four, for the existing contract.
 */
export const Assessment = z.enum(['scam', 'suspicious', 'collection_violation', 'collection', 'other', 'uncertain']);
export type Assessment = z.infer<typeof Assessment>;

/** The confidence band the wording follows: firm, hedged, or below the lowest band (can't tell). */
export const Certainty = z.enum(['high', 'medium', 'low']);
export type Certainty = z.infer<typeof Certainty>;

export const MatchSpan = z
  .object({
    /** UTF-16 offsets into the text as given (JavaScript string indices), end exclusive. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    /** The original text between start and end, exactly as received. */
    text: z.string(),
  })
  .strict();
export type MatchSpan = z.infer<typeof MatchSpan>;

export const FiredSignal = z
  .object({
    id: z.string(),
    category: Category,
    effect: Effect.optional(),
    /** Contribution to its score (log-odds units for scam; see docs/scoring.md). */
    weight: z.number(),
    spans: z.array(MatchSpan),
  })
  .strict();
export type FiredSignal = z.infer<typeof FiredSignal>;

export const Reason = z
  .object({ signal: z.string(), title: Bilingual, explain: Bilingual, advice: BilingualList.optional() })
  .strict();
export type Reason = z.infer<typeof Reason>;

export const Citation = z
  .object({
    id: z.string(),
    law: Bilingual,
    article: Bilingual,
    /** Exact text: present only for verified or corroborated provisions. */
    text: z.string().optional(),
    summary: Bilingual,
    strength: Strength,
    /** True when `text` may be shown as a quotation of the law. */
    quoted: z.boolean(),
    effective_from: IsoDate,
    effective_to: IsoDate.nullable(),
    source: z.string(),
    /** The signals that led to this citation. */
    signals: z.array(z.string()),
  })
  .strict();
export type Citation = z.infer<typeof Citation>;

export const NumberKind = z.enum([
  'mobile',
  'fixed_line',
  'toll_free',
  'service',
  'government',
  'sms_port',
  'short',
  'international',
  'malformed',
]);
export type NumberKind = z.infer<typeof NumberKind>;

export const NumberInfo = z
  .object({
    input: z.string(),
    /** Digits as dialled inside China (no +86), or E.164 for international numbers. */
    normalised: z.string(),
    kind: NumberKind,
    flags: z.array(z.string()),
    /** The area code of a fixed line (e.g. "010", "0755"). */
    area_code: z.string().optional(),
    /** ISO country of an international number, where known. */
    country: z.string().optional(),
    /** An official number from data/numbers, with its source. */
    official: z
      .object({ name: Bilingual, purpose: Bilingual, source: z.string(), strength: Strength })
      .strict()
      .optional(),
    notes: BilingualList,
    signals: z.array(z.object({ id: z.string(), weight: z.number() }).strict()),
  })
  .strict();
export type NumberInfo = z.infer<typeof NumberInfo>;

export const Scores = z
  .object({
    /** Evidence for "scam" in log-odds: ≥ 0 means scam. */
    scam_evidence: z.number(),
    scam_rules: z.number(),
    violation: z.number(),
    collection_context: z.number(),
    /** The classifier's margin over its threshold, and what it was allowed to add. */
    classifier_margin: z.number(),
    classifier_contribution: z.number(),
    /** Whether the classifier was limited because the text is outside its training data. */
    classifier_limited: z.boolean(),
    /** An official warning that describes scam asks; its scam and violation signals don't count. */
    official_warning: z.boolean(),
    /** A threat with no debt word, laughed at ("…哈哈哈", "😂"): banter; its violation signals don't count. */
    banter: z.boolean(),
    p_scam: z.number().min(0).max(1),
    /** The kinds of ask found (money, code, link, identity, off_channel); none → never a scam. */
    asks: z.array(z.string()),
  })
  .strict();
export type Scores = z.infer<typeof Scores>;

export const CheckResult = z
  .object({
    verdict: Verdict,
    assessment: Assessment,
    certainty: Certainty,
    label: Bilingual,
    confidence: z.number().min(0).max(1),
    summary: Bilingual,
    text: z.string(),
    signals: z.array(FiredSignal),
    reasons: z.array(Reason),
    law: z.array(Citation),
    next_steps: BilingualList,
    caller_questions: BilingualList,
    never_do: BilingualList,
    number: NumberInfo.optional(),
    scores: Scores,
    incident_date: IsoDate,
    notes: z.array(Bilingual),
    engine: z.object({ rules: z.string(), model: z.string(), law: z.string() }).strict(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

/** One output line of `dunguard classify`. */
export const ClassifyLine = z.union([
  z
    .object({
      id: z.union([z.string(), z.number()]).nullable(),
      verdict: Verdict,
      confidence: z.number().min(0).max(1),
      signals: z.array(FiredSignal),
      /** Added in contract 1.1 (older readers ignore it): what a person is told. */
      assessment: Assessment.optional(),
      certainty: Certainty.optional(),
    })
    .strict(),
  z
    .object({
      id: z.union([z.string(), z.number()]).nullable(),
      /** English, as since contract 1.0. */
      error: z.string(),
      /**
       * For input the check refuses: EMPTY_TEXT, TEXT_TOO_LONG, NO_TEXT, BAD_DATE; since
       * contract 1.2 on every error line, also INVALID_UTF8, EMPTY_LINE, MALFORMED_JSON,
       * INVALID_INPUT, INTERNAL.
       */
      code: z.string().optional(),
      /** Added in contract 1.2 (older readers ignore it): the same error in Chinese. */
      zh: z.string().optional(),
    })
    .strict(),
]);
export type ClassifyLine = z.infer<typeof ClassifyLine>;

/** One input line of `dunguard classify`. */
export const ClassifyInput = z
  .object({
    id: z.union([z.string(), z.number()]),
    text: z.string(),
    number: z.string().optional(),
    date: IsoDate.optional(),
  })
  .passthrough();
export type ClassifyInput = z.infer<typeof ClassifyInput>;
