/**
 * The law table's record: one provision (or one reported industry rule) with its exact
 * text, the period it is in force and how firmly it is sourced. Citations are picked by
 * the date of the incident, so a renumbered law carries one record per version.
 */
import { z } from 'zod';
import { Bilingual, IsoDate } from './common.js';

export const Strength = z.enum(['verified', 'corroborated', 'secondary']);
export type Strength = z.infer<typeof Strength>;

export const Provision = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    law: Bilingual,
    article: Bilingual,
    /** The exact text as sourced; absent for secondary items, which are never quoted as law. */
    text: z.string().min(1).optional(),
    /** What the provision says, in plain words (for secondary items: what is reported). */
    summary: Bilingual,
    effective_from: IsoDate,
    effective_to: IsoDate.nullable(),
    /** Where the text was copied from, for developers (repository paths, URLs): never shown to a reader. */
    source: z.string().min(1),
    /** The authority that made or published it (全国人民代表大会常务委员会, 国务院 …), as a reader names it. */
    publisher: Bilingual.optional(),
    strength: Strength,
    /** Another record that covers the same matter in another period (old ↔ new numbering). */
    successor: z.string().optional(),
    /** Why a date or a strength is what it is, where law.md says so. */
    note: z.string().optional(),
  })
  .strict()
  .refine((p) => p.strength === 'secondary' || p.text !== undefined, {
    message: 'verified and corroborated provisions must carry their exact text',
  })
  .refine((p) => p.strength !== 'secondary' || p.text === undefined, {
    message: 'secondary items are reported, never quoted: give a summary and no text',
  });
export type Provision = z.infer<typeof Provision>;

export const LawFile = z
  .object({
    version: z.string().min(1),
    compiled: IsoDate,
    provisions: z.array(Provision).min(1),
    /** Topic → ordered provision ids; the first one in force on the incident date is cited. */
    topics: z.record(z.string(), z.array(z.string()).min(1)),
  })
  .strict();
export type LawFile = z.infer<typeof LawFile>;

/** data/law/faq.yaml: plain answers to common questions, each citing provisions by id. */
export const FaqFile = z
  .object({
    version: z.string(),
    entries: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          question: Bilingual,
          answer: Bilingual,
          cites: z.array(z.string()),
          sources: z.array(z.string().min(3)).min(1),
          strength: Strength,
        })
        .strict(),
    ),
  })
  .strict();
export type FaqFile = z.infer<typeof FaqFile>;
