/** The trained model's metadata file: settings, calibration, provenance and measured figures. */
import { z } from 'zod';

/** How a project-trained model (violation, collection) was trained: data, its hash, the counts, options and how its threshold was chosen. */
const ModelTraining = z
  .object({
    data: z.string(),
    data_sha256: z.string(),
    rows: z.number().int(),
    positives: z.number().int(),
    options: z.record(z.string(), z.number()),
    threshold_rule: z.string(),
  })
  .strict();

/** A side model learnt from the project's texts (collection, suspicion): its size, bias, threshold and training. */
const SideModel = z
  .object({
    dimBits: z.number().int().min(10).max(20),
    bias: z.number(),
    threshold: z.number(),
    training: ModelTraining,
  })
  .strict();

export const ModelFile = z
  .object({
    version: z.string(),
    kind: z.literal('logistic-regression/hashed-char-ngrams'),
    /**
     * The weights file holds IEEE half-precision floats: the scam model's, then the violation model's, the collection
     * model's and the suspicion model's. `float16-le`: each value's two bytes, low byte first; `float16-le-planar`
     * (written by `npm run train` since 2026-12-03): every value's low byte, then every value's high byte — the same
     * values, ~10 % smaller gzipped for the offline app's first visit (the high bytes, sign and exponent, repeat).
     */
    weights_format: z.enum(['float16-le', 'float16-le-planar']),
    dimBits: z.number().int().min(10).max(24),
    ngrams: z.array(z.number().int().positive()),
    bias: z.number(),
    threshold: z.number(),
    calibration: z.object({ a: z.number(), b: z.number() }).strict(),
    weights_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    training: z
      .object({
        data: z.string(),
        data_sha256: z.string(),
        rows: z.number().int(),
        options: z.record(z.string(), z.number()),
        licence: z.string(),
        citation: z.string(),
      })
      .strict(),
    /**
     * The second model, of rule-breaking collection (docs/scoring.md): its weights follow the
     * scam model's in the same weights file, so one hash covers both.
     */
    violation: z
      .object({
        dimBits: z.number().int().min(10).max(20),
        bias: z.number(),
        /** Logit at or above which it speaks, chosen so few ordinary texts reach it (docs/evaluation.md). */
        threshold: z.number(),
        /** Logit at or above which it speaks on a text with no word of money (a bare threat): higher. */
        ungated_threshold: z.number().optional(),
        training: ModelTraining.extend({ ungated_threshold_rule: z.string().optional() }).strict(),
      })
      .strict()
      .optional(),
    /**
     * The third model, of genuine collection (docs/scoring.md): its weights follow the violation
     * model's in the same weights file. Where the rules find no collection context, a text at or
     * above its threshold counts as collection context.
     */
    collection: SideModel.optional(),
    /**
     * The fourth model, of scams as the texts the project has read word them (docs/scoring.md, "The suspicion
     * model"): its weights follow the collection model's. A text the check would tell "other" or genuine collection, with nothing suspicious,
     * is told "suspicious" at or above its threshold; it never makes a scam.
     */
    suspicion: SideModel.optional(),
  })
  .strict();
export type ModelFile = z.infer<typeof ModelFile>;
