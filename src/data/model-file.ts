/** The trained model's metadata file: settings, calibration, provenance and measured figures. */
import { z } from 'zod';

export const ModelFile = z
  .object({
    version: z.string(),
    kind: z.literal('logistic-regression/hashed-char-ngrams'),
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
  })
  .strict();
export type ModelFile = z.infer<typeof ModelFile>;
