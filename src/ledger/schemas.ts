/** The ledger's records: debts with their schedule, payments, fees and limitation events; the LPR table. */
import { z } from 'zod';
import { IsoDate } from '../engine/schemas/common.js';
import { NumberSignal } from '../engine/schemas/numbers.js';

export const LenderKind = z.enum(['bank', 'consumer_finance', 'licensed_microlender', 'online_platform', 'private_individual', 'unknown_unlicensed']);
export type LenderKind = z.infer<typeof LenderKind>;

const Fen = z.number().int().nonnegative();

export const Debt = z
  .object({
    id: z.string(),
    lender: z.object({ name: z.string().min(1).max(200), kind: LenderKind }).strict(),
    product: z.string().max(200).optional(),
    contract_no: z.string().max(100).optional(),
    /** The principal written in the contract. */
    principal_fen: Fen.positive(),
    /** What actually arrived in the borrower's account. */
    received_fen: Fen.positive(),
    /** Contract (and disbursement) date. */
    date: IsoDate,
    schedule: z.array(z.object({ due: IsoDate, amount_fen: Fen.positive() }).strict()).min(1),
    payments: z.array(z.object({ date: IsoDate, amount_fen: Fen.positive() }).strict()),
    fees: z.array(z.object({ date: IsoDate, amount_fen: Fen.positive(), what: z.string().max(200) }).strict()),
    status: z.enum(['active', 'overdue', 'settled', 'disputed']),
    overdue_since: IsoDate.optional(),
    settled_on: IsoDate.optional(),
    limitation_events: z.array(z.object({ date: IsoDate, kind: z.enum(['demand', 'acknowledgement', 'part_payment', 'lawsuit']) }).strict()),
    notes: z.string().max(10_000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.received_fen > d.principal_fen) ctx.addIssue({ code: 'custom', path: ['received_fen'], message: 'the amount received cannot exceed the principal on paper' });
    const dues = d.schedule.map((s) => s.due);
    if (dues.some((due) => due <= d.date)) ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'every due date must come after the loan date' });
    if (dues.some((due, i) => i > 0 && due <= dues[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'due dates must be in order, with no two on the same day' });
    if (d.status === 'settled' && d.settled_on === undefined) ctx.addIssue({ code: 'custom', path: ['settled_on'], message: 'a settled debt needs its settlement date' });
  });
export type Debt = z.infer<typeof Debt>;

const Month = z.string().regex(/^\d{4}-\d{2}$/);

/**
 * One LPR value. The user's own rows (`dunguard debt lpr`) have only month, rate and source and
 * hold for that month. Shipped rows (data/ledger/lpr.yaml) also say when the value took effect
 * (`from`), the last month it is known to hold (`through`) and how strong the source is.
 */
export const LprRate = z
  .object({
    month: Month,
    rate_percent: z.number().positive().max(100),
    source: z.string().min(3),
    /** The sources named in Chinese (shipped rows: `source` is law.md's English, word for word). */
    source_zh: z.string().min(2).optional(),
    from: IsoDate.optional(),
    through: Month.optional(),
    /** reported: corroborated by major news (not the official series); unconfirmed: one data file naming no source. */
    strength: z.enum(['reported', 'unconfirmed']).optional(),
  })
  .strict()
  .refine((r) => (r.strength === undefined) === (r.from === undefined) && (r.from === undefined) === (r.through === undefined) && (r.from === undefined) === (r.source_zh === undefined), { message: 'a shipped row has from, through, strength and source_zh; a user row has none of them' })
  .refine((r) => r.from === undefined || (r.from.slice(0, 7) === r.month && r.through! >= r.month), { message: 'from must fall in the month, and through must not come before it' });
export type LprRate = z.infer<typeof LprRate>;

export const LprTable = z
  .object({
    version: z.string(),
    rates: z.array(LprRate),
  })
  .strict();
export type LprTable = z.infer<typeof LprTable>;

export const LedgerSignals = z.object({ version: z.string(), signals: z.array(NumberSignal.safeExtend({ id: z.string().regex(/^LEDGER\.[A-Z_]+$/) })) }).strict();
export type LedgerSignals = z.infer<typeof LedgerSignals>;
