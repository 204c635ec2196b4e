/** Schemas of the number data files: the Chinese numbering plan as dunguard reads it, and official numbers. */
import { z } from 'zod';
import { Bilingual } from './common.js';
import { Ask, Category, Effect } from './signal.js';
import { Strength } from './law.js';

const Digits = z.string().regex(/^[0-9]+$/);

export const NumberSignal = z
  .object({
    id: z.string().regex(/^NUMBER\.[A-Z0-9_]+$/),
    category: Category,
    effect: Effect.optional(),
    weight: z.number().min(-20).max(20),
    /** The kind of ask the signal is (docs/scoring.md, "no ask, no scam"). */
    ask: Ask.optional(),
    title: Bilingual,
    explain: Bilingual,
  })
  .strict();
export type NumberSignal = z.infer<typeof NumberSignal>;

export const NumberPlan = z
  .object({
    version: z.string(),
    virtual_operator_prefixes: z.object({ prefixes: z.array(Digits), source: z.string() }).strict(),
    service_prefixes: z.object({ prefixes: z.array(Digits), lengths: z.array(z.number().int()), source: z.string() }).strict(),
    government_prefix: z.object({ prefix: Digits, lengths: z.array(z.number().int()), source: z.string() }).strict(),
    sms_port_prefix: z
      .object({ prefix: Digits, min_length: z.number().int(), max_length: z.number().int(), source: z.string() })
      .strict(),
    short_numbers: z.object({ min_length: z.number().int(), max_length: z.number().int() }).strict(),
    signals: z.array(NumberSignal),
  })
  .strict();
export type NumberPlan = z.infer<typeof NumberPlan>;

export const OfficialNumbers = z
  .object({
    version: z.string(),
    numbers: z.array(
      z
        .object({
          number: Digits,
          name: Bilingual,
          purpose: Bilingual,
          anti_fraud: z.boolean(),
          source: z.string(),
          strength: Strength,
        })
        .strict(),
    ),
  })
  .strict();
export type OfficialNumbers = z.infer<typeof OfficialNumbers>;

/** data/checklist/signals.yaml: signals from the caller's answers in the live-call checklist. */
export const AnswerSignals = z
  .object({ version: z.string(), signals: z.array(NumberSignal.safeExtend({ id: z.string().regex(/^CALL\.[A-Z_]+$/) })) })
  .strict();
export type AnswerSignals = z.infer<typeof AnswerSignals>;
