/** Small shared pieces of the data-file schemas: bilingual text and ISO dates. */
import { z } from 'zod';

export const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type Bilingual = z.infer<typeof Bilingual>;

export const BilingualList = z.object({ zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict();
export type BilingualList = z.infer<typeof BilingualList>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
