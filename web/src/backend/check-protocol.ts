/** The messages between the page and the check worker (check.worker.ts). */
import type { CheckResult } from '../../../src/engine/schemas/result.js';

/** Same fields as the body of POST /api/check (src/server/schemas.ts CheckRequest), minus the ledger. */
export interface CheckRequestBody {
  text: string;
  number?: string;
  date?: string;
  answers?: { company?: string | null; employee_no?: string | null; contract_no?: string | null; platform?: string | null };
}

export interface CheckAsk {
  id: number;
  body: CheckRequestBody;
}

export type CheckReply = { id: number; result: CheckResult } | { id: number; error: { status: number; code: string; zh: string; en: string } };
