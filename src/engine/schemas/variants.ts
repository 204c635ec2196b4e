/**
 * data/rules/_variants.yaml: regional words (Taiwan, Hong Kong, older spellings) folded to the
 * mainland words the rules are written in, after the character-by-character traditional →
 * simplified step. Phrases keep their length so highlighted spans still map to the original.
 */
import { z } from 'zod';

const one = (s: string): boolean => [...s].length === 1;

export const VariantsFile = z.object({
  characters: z.array(
    z.object({
      from: z.string().refine(one, 'one character'),
      to: z.string().refine(one, 'one character'),
      note: z.string().min(1),
      source: z.string().min(1),
    }),
  ),
  phrases: z.array(
    z
      .object({ from: z.string().min(2), to: z.string().min(2), source: z.string().min(1) })
      .refine((p) => p.from.length === p.to.length, 'a phrase and its fold must be of the same length'),
  ),
});
export type VariantsFile = z.infer<typeof VariantsFile>;
