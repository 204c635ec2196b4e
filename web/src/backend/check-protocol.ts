/** The messages between the page and the check worker (check.worker.ts). */

/** Same fields as the body of POST /api/check (src/server/schemas.ts CheckRequest), minus the ledger. */
export interface CheckRequestBody {
  text: string;
  number?: string;
  date?: string;
  answers?: { company?: string | null; employee_no?: string | null; contract_no?: string | null; platform?: string | null };
}

/** What the worker is asked: a check, a law search (GET /api/law) or the common questions (GET /api/law/faq). */
export type WorkerCall = { op: 'check'; body: CheckRequestBody } | { op: 'law'; query: { q?: string; date?: string } } | { op: 'faq' };

export type CheckAsk = { id: number } & WorkerCall;

export type CheckReply = { id: number; result: unknown } | { id: number; error: { status: number; code: string; zh: string; en: string } };
