/** Schemas of the Act data: complaint channels, routing rules and letter templates. */
import { z } from 'zod';
import { Bilingual } from '../engine/schemas/common.js';
import { Strength } from '../engine/schemas/law.js';
import { LenderKind } from '../ledger/schemas.js';

export const Channels = z
  .object({
    version: z.string(),
    channels: z.array(
      z
        .object({
          id: z.string(),
          name: Bilingual,
          contact: Bilingual,
          limits: Bilingual,
          /** Letter types (data/act/letters) that suit this channel, most fitting first. */
          letters: z.array(z.string()).default([]),
          source: z.string(),
          strength: Strength,
        })
        .strict(),
    ),
  })
  .strict();
export type Channels = z.infer<typeof Channels>;

export const RoutingRules = z
  .object({
    version: z.string(),
    rules: z.array(
      z
        .object({
          channel: z.string(),
          order: z.number().int(),
          when: z
            .object({
              verdict: z.enum(['scam', 'collection_violation', 'collection', 'other']).optional(),
              lender_kind: z.array(LenderKind).optional(),
              any_finding: z.array(z.string()).optional(),
              loss: z.boolean().optional(),
              credit: z.boolean().optional(),
            })
            .strict(),
          reason: Bilingual,
        })
        .strict(),
    ),
  })
  .strict();
export type RoutingRules = z.infer<typeof RoutingRules>;

export const LetterTemplate = z
  .object({
    id: z.string().regex(/^[a-z-]+$/),
    version: z.string(),
    name: Bilingual,
    recipient: z.string(),
    title: z.string(),
    /** Law topics or provision ids, cited in the version in force on the incident dates. */
    law: z.array(z.string()),
    paragraphs: z.array(z.string()).min(1),
    sections: z.array(z.enum(['events', 'findings', 'law', 'evidence'])),
  })
  .strict();
export type LetterTemplate = z.infer<typeof LetterTemplate>;
