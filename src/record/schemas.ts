/**
 * The record's contracts: a contact event (a call, an SMS, an app notice, a visit, or a
 * contact made to a third party), its stored form with the check's verdict, evidence files,
 * audit entries, and the harassment reference points file. Defined once; docs/schemas/
 * publishes them.
 */
import { z } from 'zod';
import { Assessment, Certainty, FiredSignal, Verdict } from '../engine/schemas/result.js';
import { Strength } from '../engine/schemas/law.js';

export const EventKind = z.enum([
  'call_incoming',
  'call_outgoing',
  'call_missed',
  'call_unanswered',
  'sms',
  'app_notice',
  'visit',
  'third_party',
]);
export type EventKind = z.infer<typeof EventKind>;

export const Contacted = z.enum(['borrower', 'family', 'employer', 'colleague', 'contacts_list', 'other']);
export type Contacted = z.infer<typeof Contacted>;

/** An instant with an explicit offset, e.g. 2026-11-20T23:15:00+08:00. */
export const Instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected a date and time with an offset, e.g. 2026-11-20T23:15:00+08:00',
});

export const ClaimedIdentity = z
  .object({
    company: z.string().max(200).optional(),
    platform: z.string().max(200).optional(),
    employee_no: z.string().max(100).optional(),
    /** What the caller claimed to be: lender, collection agency, "law firm", "court", "police"… */
    role: z.string().max(100).optional(),
  })
  .strict();
export type ClaimedIdentity = z.infer<typeof ClaimedIdentity>;

/** Longest text of an event (UTF-16 units), the same for the CLI, an import and the API. */
export const MAX_EVENT_TEXT = 1_000_000;

/** What a person (or an import) gives to create an event. */
export const EventInput = z
  .object({
    kind: EventKind,
    occurred_at: Instant,
    /** IANA zone the person was in (for night-time analysis); Asia/Shanghai by default. */
    time_zone: z.string().min(1).max(64).default('Asia/Shanghai'),
    number: z.string().max(64).optional(),
    claimed: ClaimedIdentity.default({}),
    contacted: Contacted.default('borrower'),
    /** For third-party contacts: whether the debt was disclosed to them. */
    debt_disclosed: z.boolean().optional(),
    duration_s: z.number().int().nonnegative().max(86_400).optional(),
    content: z.string().max(MAX_EVENT_TEXT).optional(),
    notes: z.string().max(100_000).optional(),
  })
  .strict();
export type EventInput = z.input<typeof EventInput>;
export type EventFields = z.output<typeof EventInput>;

export const Analysis = z
  .object({
    verdict: Verdict,
    /** What the person was told (absent in events analysed before contract 1.1). */
    assessment: Assessment.optional(),
    /** How firmly it was said: high, medium or low (absent in events analysed before it was stored). */
    certainty: Certainty.optional(),
    confidence: z.number(),
    signals: z.array(FiredSignal),
    engine: z.object({ rules: z.string(), model: z.string(), law: z.string() }).strict(),
  })
  .strict();
export type Analysis = z.infer<typeof Analysis>;

export const StoredEvent = EventInput.safeExtend({
  id: z.string(),
  created_at: Instant,
  updated_at: Instant,
  /** Import source and row key, for idempotent imports. */
  source: z.string(),
  analysis: Analysis.nullable(),
  evidence: z.array(z.string()),
}).strict();
export type StoredEvent = z.output<typeof StoredEvent>;

export const EvidenceFile = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().nonnegative(),
    /** The file's name as given, made printable; never used as a path. */
    name: z.string(),
    media_type: z.string(),
    added_at: Instant,
  })
  .strict();
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const HarassmentSettings = z
  .object({
    version: z.string(),
    timezone: z.string(),
    night_window: z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/), source: z.string(), strength: Strength, law: z.array(z.string()) }).strict(),
    unanswered_per_day: z.object({ max: z.number().int().positive(), source: z.string(), strength: Strength, law: z.array(z.string()) }).strict(),
    connected_calls_per_day: z.object({ max: z.number().int().positive(), source: z.string(), strength: Strength, law: z.array(z.string()) }).strict(),
    third_party: z.object({ source: z.string(), strength: Strength, law: z.array(z.string()) }).strict(),
    us_reg_f: z.object({ calls: z.number().int().positive(), days: z.number().int().positive(), source: z.string(), strength: Strength }).strict(),
    harassment_law: z.array(z.string()),
  })
  .strict();
export type HarassmentSettings = z.infer<typeof HarassmentSettings>;
