/**
 * The HTTP API's request bodies and query strings. Results reuse the core's own schemas
 * (CheckResult, StoredEvent, Debt …), so the API, the CLI's --json output and
 * docs/schemas/ describe the same shapes. The OpenAPI document is generated from these.
 */
import { z } from 'zod';
import { IsoDate } from '../engine/schemas/common.js';
import { Contacted, EventKind, MAX_EVENT_TEXT } from '../record/schemas.js';
import { LenderKind } from '../ledger/schemas.js';
import { TAG_KINDS } from '../record/tags.js';

const Text = (max: number) => z.string().max(max);

export const CheckRequest = z
  .object({
    text: z.string().describe('the SMS or call transcript'),
    number: Text(64).optional().describe("the caller's number"),
    date: IsoDate.optional().describe('incident date (default: today in Asia/Shanghai); decides which law is cited'),
    use_ledger: z.boolean().default(true).describe('check claims against the debt ledger'),
    answers: z
      .object({
        company: Text(200).nullable().optional(),
        employee_no: Text(100).nullable().optional(),
        contract_no: Text(100).nullable().optional(),
        platform: Text(200).nullable().optional(),
      })
      .strict()
      .optional()
      .describe("the caller's answers in the live-call checklist: a value given, or null when they refused"),
  })
  .strict();

export const ClassifyRequest = z
  .object({
    items: z
      .array(z.object({ id: z.union([z.string().max(200), z.number()]), text: z.string(), number: Text(64).optional(), date: IsoDate.optional() }).strict())
      .min(1)
      .max(10_000),
  })
  .strict();

export const NumberQuery = z.object({ n: z.string().min(1).max(64) }).strict();

/** What a person types for an event; the same fields as `dunguard log add`. */
export const EventRequest = z
  .object({
    kind: EventKind,
    at: Text(40).describe('"2026-11-20 23:15" in tz, or an ISO time with offset'),
    tz: Text(64).optional(),
    number: Text(64).optional(),
    company: Text(200).optional(),
    platform: Text(200).optional(),
    employee_no: Text(100).optional(),
    role: Text(200).optional(),
    contacted: Contacted.optional(),
    debt_disclosed: z.boolean().optional(),
    duration_s: z.number().int().min(0).max(86_400).optional(),
    /** The record's own limit (1,000,000 characters); /api/check takes up to 2 Mi. */
    text: z.string().max(MAX_EVENT_TEXT).optional(),
    notes: Text(20_000).optional(),
    allow_future: z.boolean().optional().describe('accept an `at` after now (otherwise refused as a likely typo: FUTURE_TIME), as --allow-future'),
  })
  .strict();

export const EventEditRequest = EventRequest.partial().strict();

export const EventQuery = z
  .object({
    from: Text(40).optional(),
    to: Text(40).optional(),
    number: Text(64).optional(),
    kind: EventKind.optional(),
    all: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** A page of events, newest first: the list's filters, and where to go on from (the previous page's `next`) and how many. */
export const EventPageQuery = EventQuery.extend({
  cursor: Text(200).optional().describe("the previous page's next, passed back as it was"),
  limit: Text(20).optional().describe('events per page, 1 to 200 (default 50)'),
}).strict();

export const CountsQuery = z.object({ from: Text(40).optional(), to: Text(40).optional() }).strict();

export const DeleteRequest = z.object({ reason: Text(2000).default('') }).strict();

export const ReportQuery = z
  .object({
    from: Text(40).optional(),
    to: Text(40).optional(),
    night: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'use e.g. 22:00-08:00').optional(),
  })
  .strict();

const Yuan = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount in yuan such as 1000 or 1000.50');

export const DebtRequest = z
  .object({
    lender: Text(200).min(1),
    kind: LenderKind.default('online_platform'),
    product: Text(200).optional(),
    contract_no: Text(100).optional(),
    principal: Yuan.describe('amount on the contract'),
    received: Yuan.optional().describe('amount actually received (default: the principal)'),
    date: IsoDate.describe('the day the loan was made'),
    instalments: z.number().int().min(1).max(600).optional().describe('monthly instalments; without it, one due date'),
    amount: Yuan.describe('each instalment, or the single repayment'),
    first_due: IsoDate.optional(),
    due: IsoDate.optional(),
    status: z.enum(['active', 'overdue', 'settled', 'disputed']).optional(),
    overdue_since: IsoDate.optional(),
    settled_on: IsoDate.optional(),
    notes: Text(5000).optional(),
  })
  .strict();

export const DebtChangeRequest = z
  .object({
    action: z.enum(['pay', 'settle', 'event', 'fee']),
    amount: Yuan.optional(),
    date: IsoDate.optional(),
    kind: z.enum(['demand', 'acknowledgement', 'part_payment', 'lawsuit']).optional(),
    what: Text(200).optional(),
  })
  .strict();

export const ProfileRequest = z
  .object({
    name: Text(100).min(1),
    id_tail: z.string().regex(/^[0-9Xx]{4}$/, 'only the last four characters of the ID number').optional(),
    phone: Text(40).optional(),
  })
  .strict();

export const CaseQuery = z
  .object({
    lender: Text(200).optional(),
    lender_kind: LenderKind.optional(),
    loss: z.enum(['true', 'false']).optional(),
    credit: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const LetterRequest = z
  .object({
    lender: Text(200).optional(),
    lender_kind: LenderKind.optional(),
    loss: z.boolean().optional(),
    credit: z.boolean().optional(),
    monthly: Yuan.optional(),
    police_station: Text(200).optional(),
    format: z.enum(['json', 'pdf', 'html']).default('json'),
  })
  .strict();

export const LawQuery = z.object({ q: Text(200).optional(), date: IsoDate.optional() }).strict();

export const Sha256Param = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export const IdParam = z.object({ id: z.string().min(1).max(100) }).strict();
export const TypeParam = z.object({ type: z.string().regex(/^[a-z0-9_-]{1,60}$/) }).strict();

// Tags on numbers, the block list and the one-step report (the server's warn routes and the offline app's worker).

export const NumberParam = z.object({ number: z.string().min(3).max(40) }).strict();

export const LangQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') }).strict();

/** The report as PDF: the report's query and the PDF's language (Chinese by default). */
export const ReportPdfQuery = ReportQuery.extend(LangQuery.shape).strict();

export const TagBody = z
  .object({
    kind: z.string().max(80).optional().describe('诈骗 / scam, 违规催收 / violation, 催收 / collection (or "催收-platform"), 官方 / official; left out: from the latest verdict on the number in the record'),
    platform: z.string().max(60).optional().describe('the platform or organisation (collection, official)'),
    note: z.string().max(500).optional(),
  })
  .strict();

export const NumberTagSchema = z
  .object({
    number: z.string(),
    kind: z.enum(TAG_KINDS),
    platform: z.string().optional(),
    note: z.string().optional(),
    source: z.enum(['manual', 'check']),
    tagged_at: z.string(),
    removed_at: z.string().optional(),
  })
  .strict();

export const ReportScamRequest = z
  .object({
    text: z.string().min(1).max(20_000).describe('the message exactly as received'),
    number: z.string().max(40).optional().describe("the sender's number"),
    date: IsoDate.optional().describe('the day it came (default: today in Asia/Shanghai)'),
  })
  .strict();
